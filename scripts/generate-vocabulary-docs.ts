// Writes the vocabularies section of docs/import.md from src/domain/vocabularies/ (npm run docs:vocabulary).
import { readFileSync, writeFileSync } from "node:fs";
import { formattedWithVocabularies } from "../tests/docs/vocabulary-doc.js";

const url = new URL("../docs/import.md", import.meta.url);
writeFileSync(url, await formattedWithVocabularies(readFileSync(url, "utf8"), url.pathname));
console.log("docs/import.md: vocabularies written");
