import { parentPort, workerData } from "node:worker_threads";
import type { TownJob } from "../commands/audit.js";
import { auditTown } from "../commands/audit-units.js";
import { BookReader, openFrame } from "../io/load-cached.js";
import { toMessage, type WorkerSetup } from "./audit-workers.js";

/**
 * A worker of a large audit (audit-workers.ts), built as dist/audit-worker.js: it opens the
 * library's frame from the cache once, then brings towns up to date one at a time, writing the
 * cache's shards of their files, and sends back their findings and record keys.
 */

const setup = workerData as WorkerSetup;
const frame = openFrame(setup.root, { today: setup.today, cwd: setup.cwd });

parentPort!.on("message", (job: TownJob) => {
  try {
    const reader = new BookReader(frame);
    const result = auditTown(frame, reader, job.town, job.names, setup.period);
    reader.flush();
    // Keys are views of a shard's words: copied, or each would carry the whole shard with it.
    const value = result && {
      ...result,
      group: { ...result.group, files: result.group.files.map((f) => ({ ...f, keys: f.keys.slice() })) },
    };
    parentPort!.postMessage({ ok: true, value });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: toMessage(error) });
  }
});
