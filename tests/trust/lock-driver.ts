/**
 * A test driver for the lock alone: waits until a given moment (so that several drivers start
 * together), takes the library lock, and inside it checks that nobody else is inside — a marker
 * file created with O_EXCL — before releasing it. Prints "overlap" when two holders met, "lost"
 * when its lock was taken away, "ok" otherwise; "lock-held" when it gave up waiting.
 * Usage: node lock-driver.js <library> <start-at-ms> <hold-ms>
 */
import * as fs from "node:fs";
import { join } from "node:path";
import { ReserveError } from "../../src/diagnostics/fatal.js";
import { acquireLock } from "../../src/io/lock.js";

const [root, startAt, holdMs] = process.argv.slice(2);
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
while (Date.now() < Number(startAt)) {
  // Spin: a sleep would wake too late to start together with the others.
}
const marker = join(root!, "inside");
let outcome = "ok";
try {
  const lock = acquireLock(root!, { command: "lock-driver", waitMs: 20_000 });
  try {
    try {
      fs.closeSync(fs.openSync(marker, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY));
    } catch {
      outcome = "overlap";
    }
    sleep(Number(holdMs));
    if (outcome === "ok") fs.rmSync(marker);
    try {
      lock.verify();
    } catch {
      outcome = "lost";
    }
  } finally {
    lock.release();
  }
} catch (err) {
  if (err instanceof ReserveError) outcome = err.code;
  else throw err;
}
process.stdout.write(`${outcome}\n`);
