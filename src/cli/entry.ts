import { main } from "./main.js";

// A reader that stops early (`reserve show villages | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const code = await main(process.argv.slice(2), process.env, process.cwd(), {
  stdout: process.stdout,
  stderr: process.stderr,
});
// Let pending writes to a pipe drain instead of cutting them off with process.exit().
process.exitCode = code;
