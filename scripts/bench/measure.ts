/**
 * Running one command of the bench and measuring it: wall time around the process, and its peak
 * resident memory (GNU time's %M where /usr/bin/time exists, else the kernel's high-water mark
 * read from /proc while it runs, which can miss a last spike of a short process).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface Sample {
  readonly ms: number;
  /** Peak resident set size in KiB, when it could be read. */
  readonly rssKiB?: number;
  readonly code: number;
  readonly stderr: string;
}

export interface Command {
  readonly argv: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Exit codes that mean the command did its job (audit exits 1 when it has findings). */
  readonly ok?: readonly number[];
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = fs.existsSync(GNU_TIME);
const rssFile = path.join(os.tmpdir(), `reserve-bench-rss-${process.pid}`);

/** Runs `command` once, output to nowhere, and measures it. */
export function measure(command: Command): Promise<Sample> {
  const [file, ...args] = command.argv;
  const argv = hasGnuTime ? [GNU_TIME, "-f", "%M", "-o", rssFile, file!, ...args] : [file!, ...args];
  const env = { ...process.env, NO_COLOR: "1", ...command.env };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: command.cwd,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (s: string) => {
      if (stderr.length < 4000) stderr += s;
    });
    let polled = 0;
    const poll = hasGnuTime
      ? undefined
      : setInterval(() => {
          polled = Math.max(polled, highWater(child.pid));
        }, 20);
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      const rssKiB = hasGnuTime ? readGnuRss() : polled || undefined;
      resolve({ ms, code: code ?? -1, stderr, ...(rssKiB !== undefined && { rssKiB }) });
    });
  });
}

function readGnuRss(): number | undefined {
  try {
    const lines = fs.readFileSync(rssFile, "utf8").trim().split("\n");
    const kib = Number(lines[lines.length - 1]);
    return Number.isFinite(kib) ? kib : undefined;
  } catch {
    return undefined;
  }
}

function highWater(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
