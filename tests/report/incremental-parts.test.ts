import { hash } from "node:crypto";
import * as fc from "fast-check";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { report } from "../../src/commands/report.js";
import { REPORT_STATE } from "../../src/io/report-write.js";
import { REPORT_FORMATS } from "../../src/reports/plan.js";
import { tempDir } from "../helpers/library.js";
import { rounds } from "../trust/helpers.js";
import { reportSnapshot } from "./helpers.js";

/**
 * A report asked again sums the parts kept beside its state (each village's counts, seats, people
 * adjusted out and evaluation-sheet rows, under its file's digest) instead of reading every
 * village's records. After random sequences of what officials do — a phone changed, a person
 * removed, adjusted out or given another education, a village's file deleted, the quota raised,
 * another report date — with the state deleted, damaged or cut short now and then, every report
 * must come out byte for byte as a report written into an empty folder.
 */

const DATA = join(import.meta.dirname, "..", "..", "data");

function sampleCopy(): { lib: string; cwd: string } {
  const cwd = tempDir("reserve-report-parts-");
  const lib = join(cwd, "library");
  cpSync(DATA, lib, { recursive: true, filter: (src) => !src.includes(`${join(DATA, ".reserve")}`) });
  return { lib, cwd };
}

async function write(lib: string, out: string, date?: string): Promise<void> {
  const r = await report({
    root: lib,
    cwd: lib,
    today: "2022-03-01",
    year: 2021,
    ...(date && { date }),
    formats: new Set(REPORT_FORMATS),
    out,
    lang: "zh",
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.code).join(", "));
}

function villageFiles(lib: string): string[] {
  return readdirSync(join(lib, "villages"))
    .filter((n) => n.endsWith(".yaml"))
    .sort();
}

/** Edits a village's records as a person would in an editor (the rest of the YAML as written). */
function editVillage(lib: string, name: string, edit: (reserves: Record<string, unknown>[]) => void): void {
  const file = join(lib, "villages", name);
  const doc = parseDocument(readFileSync(file, "utf8"));
  const book = doc.toJS() as { reserves: Record<string, unknown>[] };
  edit(book.reserves);
  doc.set("reserves", doc.createNode(book.reserves));
  writeFileSync(file, doc.toString());
}

/** The state's two lines: the files' rows with the digest of the parts, and the parts. */
function stateLines(out: string): { head: { parts: string | null }; parts: string } {
  const [head, parts] = readFileSync(join(out, REPORT_STATE), "utf8").split("\n");
  return { head: JSON.parse(head!) as { parts: string | null }, parts: parts! };
}

/** Replaces the kept parts, with their digest made right: what a run then sums is the parts as written. */
function forgeParts(out: string, change: (parts: { villages: Record<string, unknown[]> }) => void): void {
  const { head, parts } = stateLines(out);
  const kept = JSON.parse(parts) as { villages: Record<string, unknown[]> };
  change(kept);
  const text = JSON.stringify(kept);
  head.parts = hash("sha256", text, "base64url");
  writeFileSync(join(out, REPORT_STATE), `${JSON.stringify(head)}\n${text}\n`);
}

type Step =
  | { kind: "phone" | "remove" | "adjust" | "education"; file: number; person: number }
  | { kind: "delete"; file: number }
  | { kind: "quota" }
  | { kind: "date"; date: string };

type Damage = "none" | "delete" | "flip" | "cut" | "old-format";

const index = fc.nat({ max: 1000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom("phone" as const, "remove" as const, "adjust" as const, "education" as const),
      file: index,
      person: index,
    }),
  },
  fc.record({ kind: fc.constant("delete" as const), file: index }),
  fc.record({ kind: fc.constant("quota" as const) }),
  fc.record({ kind: fc.constant("date" as const), date: fc.constantFrom("2021-06-30", "2021-12-31") }),
);
const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 4, arbitrary: fc.constant("none" as const) },
  fc.constantFrom("delete" as const, "flip" as const, "cut" as const, "old-format" as const),
);

function apply(lib: string, s: Step, state: { date?: string }): void {
  const files = villageFiles(lib);
  if (files.length === 0) return;
  const name = files[("file" in s ? s.file : 0) % files.length]!;
  const person = (rs: Record<string, unknown>[]) => rs["person" in s ? s.person % Math.max(1, rs.length) : 0];
  switch (s.kind) {
    case "phone":
      return editVillage(lib, name, (rs) => {
        const r = person(rs);
        if (r) r.phone = "13995510001";
      });
    case "remove":
      return editVillage(lib, name, (rs) => {
        if (rs.length > 0) rs.splice(s.person % rs.length, 1);
      });
    case "adjust":
      return editVillage(lib, name, (rs) => {
        const r = person(rs);
        if (!r) return;
        r.status = "调整出库";
        r.status_changes = [
          ...((r.status_changes as unknown[]) ?? []),
          { date: "2021-05-20", status: "调整出库", reason: "外出务工" },
        ];
      });
    case "education":
      return editVillage(lib, name, (rs) => {
        const r = person(rs);
        if (r) r.education = r.education === "大学本科" ? "初中" : "大学本科";
      });
    case "delete":
      return rmSync(join(lib, "villages", name));
    case "quota": {
      const file = join(lib, "district.yaml");
      const text = readFileSync(file, "utf8");
      writeFileSync(
        file,
        text.replace(/(\n\s+target:\s*)(\d+)/, (_, a: string, n: string) => `${a}${Number(n) + 1}`),
      );
      return;
    }
    case "date":
      state.date = s.date;
      return;
  }
}

function damageState(out: string, d: Damage): void {
  const file = join(out, REPORT_STATE);
  const text = readFileSync(file, "utf8");
  switch (d) {
    case "none":
      return;
    case "delete":
      return rmSync(file);
    case "flip": {
      // A byte of the kept parts changed: their digest no longer holds.
      const at = text.indexOf("\n") + 1 + Math.floor((text.length - text.indexOf("\n")) / 2);
      const bytes = Buffer.from(text);
      bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
      return writeFileSync(file, bytes);
    }
    case "cut":
      return writeFileSync(file, text.slice(0, Math.floor(text.length * 0.9)));
    case "old-format":
      return writeFileSync(file, text.slice(0, text.indexOf("\n") + 1).replace('"format":2', '"format":1'));
  }
}

describe("the parts a report keeps beside its state", () => {
  it("come out as a report into an empty folder after random edits, with the state deleted or damaged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, damage), { minLength: 2, maxLength: 5 }), async (steps) => {
        const { lib, cwd } = sampleCopy();
        const out = join(cwd, "reports", "2021");
        const state: { date?: string } = {};
        let fresh = 0;
        try {
          await write(lib, out);
          for (const [s, d] of steps) {
            apply(lib, s, state);
            damageState(out, d);
            await write(lib, out, state.date);
            const scratch = join(cwd, `fresh-${fresh++}`);
            await write(lib, scratch, state.date);
            expect(reportSnapshot(out), JSON.stringify([s, d])).toEqual(reportSnapshot(scratch));
            rmSync(scratch, { recursive: true, force: true });
          }
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
      }),
      { numRuns: rounds(4) },
    );
  }, 600_000);

  it("are what a village whose file did not change adds, and are taken only under its file's digest", async () => {
    const { lib, cwd } = sampleCopy();
    const out = join(cwd, "reports", "2021");
    const total = () =>
      (JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { total: { inPool: number } }).total.inPool;
    try {
      await write(lib, out);
      const inPool = total();
      const [first, second] = villageFiles(lib).map((n) => n.slice(0, 12));
      // A part's first counter is COUNTERS[0], villages; the second is inPool.
      const raise = (code: string) =>
        forgeParts(out, (p) => {
          const figures = p.villages[code]![2] as number[];
          figures[1] = figures[1]! + 1000;
        });
      // The first village's file unchanged: its part as kept is what the report sums.
      raise(first!);
      editVillage(lib, `${second}.yaml`, (rs) => {
        rs[0]!.phone = "13995510001";
      });
      await write(lib, out);
      expect(total()).toBe(inPool + 1000);
      // Its file edited: the part kept under the old digest is not taken; the report is right again.
      raise(first!);
      editVillage(lib, `${first}.yaml`, (rs) => {
        rs[0]!.phone = "13995510002";
      });
      await write(lib, out);
      expect(total()).toBe(inPool);
      expect(stateLines(out).head.parts).toBe(hash("sha256", stateLines(out).parts, "base64url"));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
