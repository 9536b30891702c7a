import { pathToFileURL } from "node:url";
import { lookupHelp } from "./fast-help.js";
import type { HelpTable } from "./fast-help.js";

/**
 * What bin/reserve.js runs (built as dist/fast.cjs): help and the version are printed from the
 * table rendered at build time, so they cost little more than starting Node; everything else loads
 * the program (dist/cli.js). CommonJS, because Node starts a CommonJS file faster than a module.
 */

declare const __RESERVE_HELP__: HelpTable;

const hit = lookupHelp(__RESERVE_HELP__, process.argv.slice(2), process.env);
if (hit) {
  if (hit.stdout) process.stdout.write(hit.stdout);
  if (hit.stderr) process.stderr.write(hit.stderr);
  process.exitCode = hit.code;
} else {
  void import(pathToFileURL(`${__dirname}/cli.js`).href);
}
