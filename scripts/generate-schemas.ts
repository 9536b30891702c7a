// Writes schemas/*.json from the zod schemas (npm run schemas).
import { writeFileSync } from "node:fs";
import { jsonSchemas } from "../src/schema/json-schema.js";

for (const [name, text] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), text);
}
