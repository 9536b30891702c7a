import { parentPort, workerData } from "node:worker_threads";
import { namesOf } from "../commands/audit.js";
import { auditPart, type PartInput } from "../commands/audit-parts.js";
import { openFrame } from "../io/load-cached.js";
import { fileKeysOf, renderPart, toMessage, type WorkerSetup } from "./audit-parts-run.js";
import { colourStyle } from "./style.js";

/**
 * A worker of a large audit (audit-parts-run.ts), built as dist/audit-worker.js: it opens the
 * library's frame from the cache once, then answers requests one at a time — the keys of a batch
 * of village files, or a part checked and rendered.
 */

const setup = workerData as WorkerSetup;
const frame = openFrame(setup.root, { today: setup.today, cwd: setup.cwd });
const style = await colourStyle(setup.render.colour);
const names = namesOf(frame.register);

parentPort!.on("message", (request: { kind: "keys"; names: string[] } | { kind: "part"; input: PartInput }) => {
  try {
    if (request.kind === "keys") {
      const files = fileKeysOf(frame, request.names);
      parentPort!.postMessage(
        { ok: true, value: files },
        files.map((f) => f.keys.buffer as ArrayBuffer),
      );
    } else {
      const findings = auditPart(frame, request.input, setup.settings);
      parentPort!.postMessage({ ok: true, value: renderPart(findings, setup.render, style, names) });
    }
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: toMessage(error) });
  }
});
