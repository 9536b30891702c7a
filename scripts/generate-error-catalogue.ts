// Writes docs/errors.md from the reproducer cases in tests/catalogue/*.cases.ts (npm run errors).
import { writeFileSync } from "node:fs";
import { buildCatalogue } from "../tests/catalogue/catalogue.js";

const { markdown, problems } = await buildCatalogue();
writeFileSync(new URL("../docs/errors.md", import.meta.url), markdown);
for (const p of problems) console.error(`catalogue: ${p}`);
console.log(`docs/errors.md written${problems.length > 0 ? `, with ${problems.length} problem(s)` : ""}`);
process.exitCode = problems.length > 0 ? 1 : 0;
