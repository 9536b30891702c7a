import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { IsoDate } from "../domain/dates.js";
import type { Diagnostic, DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { ReserveError, type FatalCode } from "../diagnostics/fatal.js";
import { auditPart, type AuditSettings, type PartInput } from "../commands/audit-parts.js";
import type { FileKeys } from "../commands/audit-plan.js";
import { readPartKeys, type LibraryFrame } from "../io/load-cached.js";
import type { Lang } from "../messages/lang.js";
import { distFile } from "./dist-file.js";
import { findingJson, formatGrouped, type Names } from "./format-findings.js";
import type { Style } from "./style.js";

/**
 * Running the parts of a large audit (commands/audit-parts.ts): in worker threads, one per core,
 * each reading its parts from the cache, checking them and rendering their findings; or in this
 * thread when there are no workers (from the sources, or a single core). Workers send back text,
 * not findings, so that copying between threads stays small.
 */

export interface PartOutput {
  /** The part's findings as `reserve audit` prints them (grouped), or "" when none. */
  readonly text: string;
  /** With --format json: each finding as the JSON output lists it, indented as an array item. */
  readonly json: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  /** Villages of the part below the quota's minimum. */
  readonly below: number;
}

export interface RenderSettings {
  readonly lang: Lang;
  readonly format: "text" | "json";
  readonly colour: boolean;
}

/** What a worker needs to open the library and to render as the main thread would. */
export interface WorkerSetup {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly settings: AuditSettings;
  readonly render: RenderSettings;
}

export function renderPart(
  findings: readonly Diagnostic[],
  render: RenderSettings,
  style: Style,
  names: Names,
): PartOutput {
  let errors = 0;
  let warnings = 0;
  const below = new Set<string | undefined>();
  for (const d of findings) {
    if (d.severity === "error") errors++;
    else warnings++;
    if (d.code === "quota-below-min") below.add(d.village);
  }
  const json =
    render.format === "json"
      ? findings.map((d) => `    ${JSON.stringify(findingJson(d, render.lang), null, 2).replace(/\n/g, "\n    ")}`)
      : [];
  const text =
    render.format === "text" && findings.length > 0 ? formatGrouped(findings, render.lang, style, names) : "";
  return { text, json, errors, warnings, below: below.size };
}

export interface PartRunner {
  keys(names: readonly string[]): Promise<FileKeys[]>;
  part(input: PartInput): Promise<PartOutput>;
  close(): Promise<void>;
}

export function fileKeysOf(frame: LibraryFrame, names: readonly string[]): FileKeys[] {
  return readPartKeys(frame, names).map((b) => ({
    village: b.village,
    indexes: b.indexes.every((x, i) => x === i) ? undefined : b.indexes,
    keys: b.keys,
  }));
}

/** Runs the parts in this thread. */
export class InThreadRunner implements PartRunner {
  constructor(
    private readonly frame: LibraryFrame,
    private readonly settings: AuditSettings,
    private readonly render: RenderSettings,
    private readonly style: Style,
    private readonly names: Names,
  ) {}

  keys(names: readonly string[]): Promise<FileKeys[]> {
    return Promise.resolve(fileKeysOf(this.frame, names));
  }

  part(input: PartInput): Promise<PartOutput> {
    return Promise.resolve(
      renderPart(auditPart(this.frame, input, this.settings), this.render, this.style, this.names),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

type Request = { kind: "keys"; names: readonly string[] } | { kind: "part"; input: PartInput };

interface Pending {
  readonly request: Request;
  readonly resolve: (value: unknown) => void;
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

/** Runs the parts in worker threads, one request at a time each, in the order they are asked for. */
export class WorkerRunner implements PartRunner {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private failure: Error | undefined;

  constructor(file: string, count: number, setup: WorkerSetup) {
    for (let i = 0; i < count; i++) {
      const w = new Worker(file, { workerData: setup });
      w.on("message", (msg: { ok: true; value: unknown } | { ok: false; error: ErrorMessage }) => {
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
      w.postMessage(p.request);
    }
  }

  private ask<T>(request: Request): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  keys(names: readonly string[]): Promise<FileKeys[]> {
    return this.ask({ kind: "keys", names });
  }

  part(input: PartInput): Promise<PartOutput> {
    return this.ask({ kind: "part", input });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

/** How many workers: RESERVE_WORKERS, else one per core, at most 4; none when there is one core. */
export function workerCount(env: NodeJS.ProcessEnv): number {
  const asked = Number(env.RESERVE_WORKERS);
  if (Number.isInteger(asked) && asked >= 0) return Math.min(asked, 16);
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, 4);
}

/** The worker file of the bundle, when there is one. */
export function workerFile(): string | undefined {
  return distFile("audit-worker.js", import.meta.url);
}
