#!/usr/bin/env node
// CommonJS (see bin/package.json), which Node starts faster than a module: dist/fast.cjs answers
// --help and --version from texts rendered at build time and loads the program for anything else.
"use strict";
// Node ≥ 22.1 keeps the compiled chunks between runs (in the system's temporary folder, safe to
// delete); loading them is most of a command's start-up (docs/performance.md). Node 20 has no such cache.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry on purpose
require("node:module").enableCompileCache?.();
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry on purpose
  require("../dist/fast.cjs");
} catch (err) {
  // A build from before fast.cjs existed: run the program directly.
  if (err.code !== "MODULE_NOT_FOUND" || !String(err.message).includes("fast.cjs")) throw err;
  void import("../dist/cli.js");
}
