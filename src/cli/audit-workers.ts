import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { IsoDate } from "../domain/dates.js";
import type { DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { ReserveError, type FatalCode } from "../diagnostics/fatal.js";
import type { TownJob } from "../commands/audit.js";
import type { Period, TownResult } from "../commands/audit-units.js";
import { distFile } from "./dist-file.js";

/**
 * Bringing the towns of a large audit up to date in worker threads, one per core (the first
 * audit of a library, or the first after the register, the policy or the audit date changed):
 * each worker reads its towns' files through the cache, works their findings out and writes the
 * cache's shards of those files; the main thread puts the results together (commands/audit.ts).
 */

/** What a worker needs to open the library as the main thread did. */
export interface WorkerSetup {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly period: Period;
}

interface Pending {
  readonly job: TownJob;
  readonly resolve: (value: TownResult | undefined) => void;
  readonly reject: (err: Error) => void;
}

/** An error as a worker sends it: what the main thread needs to report it as its own would be. */
type ErrorMessage =
  | { readonly fatal: { readonly code: FatalCode; readonly args: DiagnosticArgs } }
  | { readonly system: { readonly code: string; readonly path?: string; readonly message: string } }
  | { readonly bug: string };

export function toMessage(err: unknown): ErrorMessage {
  if (err instanceof ReserveError) return { fatal: { code: err.code, args: err.args } };
  const sys = err as NodeJS.ErrnoException | undefined;
  if (typeof sys?.code === "string") {
    return { system: { code: sys.code, ...(sys.path !== undefined && { path: sys.path }), message: sys.message } };
  }
  return { bug: String((err as Error | undefined)?.stack ?? err) };
}

function fromMessage(m: ErrorMessage): Error {
  if ("fatal" in m) return new ReserveError(m.fatal.code, m.fatal.args);
  if ("system" in m) return Object.assign(new Error(m.system.message), { code: m.system.code, path: m.system.path });
  return new Error(m.bug);
}

/** Runs town jobs in worker threads, one job at a time each, in the order they are asked for. */
export class WorkerRunner {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private failure: Error | undefined;

  constructor(file: string, count: number, setup: WorkerSetup) {
    for (let i = 0; i < count; i++) {
      const w = new Worker(file, { workerData: setup });
      w.on("message", (msg: { ok: true; value: TownResult | undefined } | { ok: false; error: ErrorMessage }) => {
        const p = this.busy.get(w);
        this.busy.delete(w);
        this.idle.push(w);
        if (p) {
          if (msg.ok) p.resolve(msg.value);
          else p.reject(fromMessage(msg.error));
        }
        this.pump();
      });
      w.on("error", (err) => this.fail(err));
      w.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`audit worker exited with code ${code}`));
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of [...this.busy.values(), ...this.queue.splice(0)]) p.reject(err);
    this.busy.clear();
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.shift()!;
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage(p.job);
    }
  }

  town(job: TownJob): Promise<TownResult | undefined> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

/**
 * How many workers: RESERVE_WORKERS (0 for none), else one per core, at most 4, none on one core.
 * Set, it also has them used for any work, however little (the tests use that).
 */
export function workerCount(env: NodeJS.ProcessEnv): { count: number; forced: boolean } {
  const asked = Number(env.RESERVE_WORKERS);
  if (env.RESERVE_WORKERS !== undefined && Number.isInteger(asked) && asked >= 0) {
    return { count: Math.min(asked, 16), forced: true };
  }
  const cores = availableParallelism();
  return { count: cores < 2 ? 0 : Math.min(cores, 4), forced: false };
}

/** The worker file of the bundle, when there is one. */
export function workerFile(): string | undefined {
  return distFile("audit-worker.js", import.meta.url);
}
