import { main } from "./main.js";

const code = await main(process.argv.slice(2), process.env, process.cwd(), {
  stdout: process.stdout,
  stderr: process.stderr,
});
// Let pending writes to a pipe drain instead of cutting them off with process.exit().
process.exitCode = code;
