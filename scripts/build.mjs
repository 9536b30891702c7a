// `npm run build` (and `prepare`, so `npm ci` leaves a working `npx reserve`).
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.mjs";

await bundle(fileURLToPath(new URL("../dist", import.meta.url)));
