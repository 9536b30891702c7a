// The I/O floor of `npm run bench`: read the same bytes as the tool (every file below a folder, or
// one file) with fs and count the lines. Plain JavaScript, so that its timing is Node's own.
//
//   node scripts/bench/read-bytes.mjs PATH
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";

const LF = 0x0a;
const buffer = Buffer.allocUnsafe(1 << 20);

function countFile(file) {
  const fd = openSync(file, "r");
  let lines = 0;
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      for (let i = buffer.indexOf(LF, 0); i !== -1 && i < n; i = buffer.indexOf(LF, i + 1)) lines++;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

function count(at) {
  if (!statSync(at).isDirectory()) return countFile(at);
  let lines = 0;
  for (const entry of readdirSync(at, { withFileTypes: true })) {
    // The tool's own state (lock, cache) is not the library.
    if (entry.name === ".reserve" || entry.name === ".git") continue;
    const child = join(at, entry.name);
    lines += entry.isDirectory() ? count(child) : countFile(child);
  }
  return lines;
}

const [at] = process.argv.slice(2);
if (!at) {
  console.error("usage: node scripts/bench/read-bytes.mjs PATH");
  process.exit(2);
}
console.log(count(at));
