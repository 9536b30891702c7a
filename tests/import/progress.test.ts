import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProgressDetail } from "../../src/commands/import.js";
import { importProgress, PROGRESS_TIMING, type TerminalStream } from "../../src/cli/progress.js";
import { startCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { importLibrary, runImport } from "./helpers.js";

/** A terminal that keeps what was written, and a clock the test moves. */
function terminal(options: { isTTY?: boolean; columns?: number; env?: NodeJS.ProcessEnv; lang?: "zh" | "en" } = {}) {
  const writes: string[] = [];
  const stream: TerminalStream = {
    isTTY: options.isTTY ?? true,
    columns: options.columns ?? 120,
    write: (text: string) => writes.push(text),
  };
  let time = 0;
  const progress = importProgress(stream, { lang: options.lang ?? "zh", env: options.env ?? {}, now: () => time });
  const at = (ms: number, fileIndex: number, rows: number, detail: ProgressDetail) => {
    time = ms;
    progress.tick(fileIndex, rows, detail);
  };
  return { writes, progress, at };
}

const MB = 1_000_000;
const csv = (bytes: number, file = "滨河镇.csv", files = 1): ProgressDetail => ({
  file,
  files,
  end: false,
  bytes,
  total: 10 * MB,
});

describe("the progress line of reserve import", () => {
  it("shows the file, rows read, rows a second, the percentage and the time left", () => {
    const t = terminal();
    t.at(100, 0, 1024, csv(1 * MB));
    t.at(600, 0, 11_264, csv(2 * MB));
    // 10,240 rows and 1 MB in half a second since the file's first tick: 8 MB left take 4 s.
    expect(t.writes).toEqual(["\r滨河镇.csv：已读 11,264 行，20,480 行/秒，20%，约剩 0:04\x1b[K"]);
  });

  it("in English, numbers the file among several, and measures each file from its own first tick", () => {
    const t = terminal({ lang: "en" });
    t.at(100, 0, 1024, csv(1 * MB, "a.csv", 2));
    t.at(200, 0, 3000, csv(10 * MB, "a.csv", 2));
    t.at(1000, 1, 1024, csv(1 * MB, "文昌镇/沙坡村.csv", 2));
    t.at(4000, 1, 301_024, csv(4 * MB, "文昌镇/沙坡村.csv", 2));
    // Three seconds, 300,000 rows and 3 MB into the second file: 6 MB left take 6 s.
    expect(t.writes.at(-1)).toBe("\r文昌镇/沙坡村.csv (2/2): 301,024 rows read, 100,000 rows/s, 40%, 0:06 left\x1b[K");
  });

  it("gives rows and a rate only for a workbook or YAML (no size to measure against), and hours past one", () => {
    const t = terminal();
    t.at(0, 0, 1024, { file: "名册.xlsx", files: 1, end: false });
    t.at(1000, 0, 11_264, { file: "名册.xlsx", files: 1, end: false });
    expect(t.writes).toEqual(["\r名册.xlsx：已读 11,264 行，10,240 行/秒\x1b[K"]);

    const slow = terminal();
    slow.at(0, 0, 1024, { file: "a.csv", files: 1, end: false, bytes: 0, total: 3_726_000 });
    slow.at(1000, 0, 2048, { file: "a.csv", files: 1, end: false, bytes: 1000, total: 3_726_000 });
    expect(slow.writes.at(-1)).toBe("\ra.csv：已读 2,048 行，1,024 行/秒，0%，约剩 1:02:05\x1b[K");
  });

  it("redraws at most ten times a second", () => {
    const t = terminal();
    for (let ms = 500, rows = 1024; ms <= 1000; ms += 10, rows += 1024) t.at(ms, 0, rows, csv(MB));
    // 51 ticks over half a second: drawn at 500, 600, …, 1000.
    expect(t.writes).toHaveLength(6);
    expect(t.writes.every((w) => w.startsWith("\r") && w.endsWith("\x1b[K"))).toBe(true);
    expect(t.writes.at(-1)).toContain("已读 52,224 行");
  });

  it("says at once when the last file is read, with the rows of every file, whatever the last redraw", () => {
    const t = terminal();
    t.at(100, 0, 700, { ...csv(MB, "a.csv", 2), end: true });
    t.at(600, 1, 1024, csv(MB, "b.csv", 2));
    t.at(610, 1, 1500, { ...csv(2 * MB, "b.csv", 2), end: true });
    expect(t.writes).toEqual([
      "\rb.csv（2/2）：已读 1,024 行，10%\x1b[K",
      "\r2 个文件：已读完 2,200 行，正在合并……\x1b[K",
    ]);
    const en = terminal({ lang: "en" });
    en.at(0, 0, 1024, csv(MB));
    en.at(900, 0, 70_000, { ...csv(10 * MB), end: true });
    expect(en.writes).toEqual(["\r滨河镇.csv: 70,000 rows read; merging…\x1b[K"]);
  });

  it("is erased before anything else is printed, and stays erased once stopped", () => {
    const t = terminal();
    t.at(600, 0, 1024, csv(MB));
    t.progress.clear();
    // After a notice the line comes back at the next tick.
    t.at(700, 0, 2048, csv(MB));
    t.progress.stop();
    t.at(2000, 0, 3072, csv(MB));
    t.progress.stop();
    expect(t.writes.map((w) => (w.startsWith("\r滨河镇") ? "line" : w))).toEqual([
      "line",
      "\r\x1b[K",
      "line",
      "\r\x1b[K",
    ]);
  });

  it("prints nothing when the run is over within half a second", () => {
    const t = terminal();
    t.at(100, 0, 1024, csv(MB));
    t.at(PROGRESS_TIMING.delayMs - 1, 0, 1500, { ...csv(10 * MB), end: true });
    t.progress.stop();
    expect(t.writes).toEqual([]);
  });

  it("prints nothing in a pipe, on TERM=dumb or under CI", () => {
    for (const options of [{ isTTY: false }, { env: { TERM: "dumb" } }, { env: { CI: "true" } }]) {
      const t = terminal(options);
      t.at(600, 0, 1024, csv(MB));
      t.at(5000, 0, 99_328, csv(5 * MB));
      t.progress.clear();
      t.progress.stop();
      expect(t.writes).toEqual([]);
    }
    // The same ticks on a terminal with CI unset do draw: the cases above are silent for their reason.
    const tty = terminal({ env: { CI: "false" } });
    tty.at(600, 0, 1024, csv(MB));
    expect(tty.writes).toHaveLength(1);
  });

  it("fits the terminal's width, shortening the file name from its start", () => {
    const t = terminal({ columns: 70 });
    const file = "滨河镇/沙坡村/二〇二一年后备干部名册（第二批）.csv";
    t.at(0, 0, 1024, csv(MB, file));
    t.at(1000, 0, 11_264, csv(2 * MB, file));
    const line = t.writes[0]!.slice(1, -3);
    expect(line).toBe("...部名册（第二批）.csv：已读 11,264 行，10,240 行/秒，20%，约剩 0:08");
    // Chinese characters take two columns: 69 in all, one short of the width.
    expect([...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)).toBe(69);

    // Too narrow to shorten the name usefully: the end of the line goes; control characters never pass.
    const narrow = terminal({ columns: 12 });
    narrow.at(0, 0, 1024, csv(MB, "a\u001b[2Jb.csv"));
    narrow.at(1000, 0, 2048, csv(MB, "a\u001b[2Jb.csv"));
    expect(narrow.writes[0]).toBe("\ra?[2Jb.csv\x1b[K");
  });
});

describe("what the reader tells the progress line", () => {
  it("a CSV file's bytes as they are read, a chunk at a time, up to its size; a workbook only its rows", async () => {
    const work = tempDir("reserve-progress-");
    const file = join(work, "big.csv");
    // 2.7 MB: three chunks (1 MiB) of the streamed reader.
    const row = `滨河镇,沙坡村,张三,男,汉族,not-an-id,13951010001,高中,中共党员,村民小组长,2021-01-05,${"备注".repeat(20)}\n`;
    writeFileSync(
      file,
      `乡镇,村,姓名,性别,民族,身份证号,联系电话,学历,政治面貌,来源,入库时间,备注\n${row.repeat(12_000)}`,
    );
    const size = statSync(file).size;
    const ticks: [number, number, ProgressDetail][] = [];
    const result = await runImport(importLibrary(), [file, "id-as-number.xlsx"], {
      dryRun: true,
      onProgress: (i, rows, detail) => ticks.push([i, rows, detail]),
    });
    expect(result.totals.rows).toBe(12_000 + result.files[1]!.rows);
    const first = ticks.filter(([i]) => i === 0);
    expect(first.map(([, rows]) => rows)).toEqual([...Array.from({ length: 11 }, (_, k) => (k + 1) * 1024), 12_000]);
    expect(first.every(([, , d]) => d.total === size && d.file.endsWith("big.csv") && d.files === 2)).toBe(true);
    expect(first.map(([, , d]) => d.end)).toEqual([...Array<boolean>(11).fill(false), true]);
    const bytes = first.map(([, , d]) => d.bytes!);
    expect(bytes[0]).toBe(1 << 20);
    expect(bytes.some((b) => b > 1 << 20 && b < size)).toBe(true);
    expect(bytes.at(-1)).toBe(size);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    const second = ticks.filter(([i]) => i === 1);
    expect(second.at(-1)).toEqual([1, result.files[1]!.rows, { file: "id-as-number.xlsx", files: 2, end: true }]);
  });
});

describe("reserve import in a pipe", () => {
  it("prints no progress line on stderr, even when the run lasts long enough for one", async () => {
    const dir = importLibrary();
    const work = tempDir("reserve-progress-cli-");
    writeFileSync(
      join(work, "roster.csv"),
      "乡镇,村,姓名,性别,民族,身份证号,联系电话,学历,政治面貌,来源,入库时间\n" +
        "滨河镇,沙坡村,张三,男,汉族,640502199001010113,13951010001,高中,中共党员,村民小组长,2021-01-05\n",
    );
    // The library is held by this (live) process, so the import waits for it: the rows are read
    // well past the half second after which a terminal would get the line.
    mkdirSync(join(dir, ".reserve"), { recursive: true });
    const lock = join(dir, ".reserve/lock");
    const holder = { pid: process.pid, host: hostname(), user: "other", command: "import", started: "", token: "t" };
    writeFileSync(lock, JSON.stringify(holder));
    const child = startCli(["import", "roster.csv", "--data", dir, "--wait", "30"], {
      cwd: work,
      env: { RESERVE_NOW: "2021-12-31T02:00:00Z" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const release = setTimeout(() => rmSync(lock), 1500);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(release);
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 2)).toEqual(["读取 1 个文件：", "  roster.csv  CSV，UTF-8，1 行"]);
    expect(stdout).toContain("已导入：新增 1 人");
    expect(stderr).not.toContain("\r");
    expect(stderr).toBe("");
  });
});
