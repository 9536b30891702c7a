import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Reserve } from "../../src/domain/model.js";
import { builtFile } from "../helpers/cli.js";
import { registerCsv } from "../../src/generator/index.js";
import { makeLibrary, person, smallDistrict, tempDir } from "../helpers/library.js";
import { rosterFor, V1, V2 } from "./fixtures.js";
import { NOW } from "./helpers.js";

/**
 * Personal information (PIPL; docs/reliability.md): every file the tool writes — library files,
 * history, the lock and its other state, reports — is readable by its owner only, whatever the
 * umask; --reveal is recorded in the history before a full value is shown; and no ID number or
 * phone appears whole in messages, notices or JSON output meant for sharing (the masked form and
 * the line are enough to find the row).
 */

/** Runs the CLI under umask 000, so that only the modes the tool sets itself protect the files. */
function run(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const quoted = [process.execPath, builtFile("cli.js"), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`);
  const r = spawnSync("sh", ["-c", `umask 000; exec ${quoted.join(" ")}`], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", RESERVE_NOW: NOW, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file and folder below `dir` whose mode lets anyone but the owner in. */
function openToOthers(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      const st = lstatSync(abs);
      if ((st.mode & 0o077) !== 0) out.push(`${relative(dir, abs)} ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) walk(abs);
    }
  };
  walk(dir);
  return out;
}

describe("files the tool writes", () => {
  it("are readable by their owner only, under any umask: library, history, state and reports", () => {
    const dir = tempDir("reserve-private-");
    writeFileSync(join(dir, "register.csv"), registerCsv(smallDistrict()));
    expect(run(["init", "data", "--register", "register.csv", "--year", "2021"], dir).code).toBe(0);
    const people = [person(V1, 1), person(V1, 2), person(V2, 1)];
    writeFileSync(join(dir, "roster.csv"), rosterFor(people));
    expect(run(["import", "roster.csv"], dir).code).toBe(0);
    expect(run(["move", people[0]!.id, "--to", V2, "--reason", "搬迁"], dir).code).toBe(0);
    expect(run(["report", "--out", "masked"], dir).code).toBe(0);
    expect(run(["report", "--out", "revealed", "--reveal"], dir).code).toBe(0);
    expect(run(["show", people[1]!.id, "--reveal"], dir).code).toBe(0);
    // A writer killed with its lock held leaves the lock and a transaction; the next run removes them.
    writeFileSync(join(dir, "more.csv"), rosterFor([person(V1, 4)]));
    run(["import", "more.csv"], dir, { RESERVE_CRASH_AT: "tx:after-temps" });
    expect(openToOthers(join(dir, "data"))).toEqual([]);
    for (const report of ["masked", "revealed"]) {
      expect(openToOthers(join(dir, report))).toEqual([]);
      expect((lstatSync(join(dir, report)).mode & 0o777).toString(8)).toBe("700");
    }
    expect(existsSync(join(dir, "data", ".reserve", "lock"))).toBe(true);
    expect(run(["audit"], dir).stderr).toMatch(/已移除无效的写入锁/);
    expect(openToOthers(join(dir, "data"))).toEqual([]);
  });
});

describe("--reveal", () => {
  it("is recorded in the history, with who and what, by report and by show", () => {
    const dir = tempDir("reserve-private-");
    const p = person(V1, 1);
    makeLibrary({ books: { [V1]: [p, person(V1, 2)] } }, join(dir, "data"));
    const shown = run(["show", p.id, "--reveal"], dir);
    expect(shown.stdout).toContain(p.id_number);
    expect(run(["report", "--out", "out", "--reveal"], dir).code).toBe(0);
    const history = join(dir, "data", "history", "2021");
    const entries = readdirSync(history).map((f) => readFileSync(join(history, f), "utf8"));
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => /command: show/.test(e))).toMatch(/by: tester[\s\S]*action: reveal[\s\S]*person: /);
    expect(entries.find((e) => /command: report/.test(e))).toMatch(/by: tester[\s\S]*action: reveal[\s\S]*→ out/);
  });
});

describe("ID numbers and phones never appear whole in what the tool prints", () => {
  const people: Reserve[] = [person(V1, 1), person(V1, 2), person(V2, 1), person(V2, 2), person(V1, 3)];
  const secrets = people.flatMap((p) => [p.id_number, p.phone!]);

  /** Every full ID number or phone of the test people found in `text`. */
  const leaks = (text: string) => secrets.filter((s) => text.includes(s));

  /** A roster whose cells are shifted and swapped, so that ID numbers and phones land in every column. */
  function misplaced(): string {
    const lines = rosterFor(people).split("\r\n");
    const out = [lines[0]!];
    lines.slice(1, -1).forEach((line, i) => {
      const cells = line.split(",");
      const id = cells[6]!;
      const phone = cells[7]!;
      // Row by row: the ID in another column, the phone in another, a cell missing, the ID mistyped.
      const variants = [
        () => [...cells.slice(0, 3), id, ...cells.slice(4)],
        () => [...cells.slice(0, 4), phone, ...cells.slice(5)],
        () => [...cells.slice(0, 6), ...cells.slice(7)],
        () => [...cells.slice(0, 6), `${id.slice(0, 17)}${id[17] === "0" ? "1" : "0"}`, `${phone}9`, ...cells.slice(8)],
        () => [...cells.slice(0, 8), id, phone, ...cells.slice(10), id],
      ];
      out.push(variants[i % variants.length]!().join(","));
    });
    return `${out.join("\r\n")}\r\n`;
  }

  it("in import errors, in text and in JSON, in Chinese and in English", () => {
    const dir = tempDir("reserve-private-");
    makeLibrary({ books: {} }, join(dir, "data"));
    writeFileSync(join(dir, "bad.csv"), misplaced());
    for (const extra of [[], ["--format", "json"], ["--lang", "en"], ["--format", "json", "--lang", "en"]]) {
      const r = run(["import", "bad.csv", ...extra], dir);
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).toMatch(/错误|error/);
      expect(leaks(r.stdout + r.stderr), extra.join(" ")).toEqual([]);
    }
  });

  it("in audit findings about library files, and in the JSON of audit, show and report", () => {
    const dir = tempDir("reserve-private-");
    const root = join(dir, "data");
    makeLibrary({ books: { [V1]: people.slice(0, 2), [V2]: people.slice(2, 4) } }, root);
    // Break the library: a wrong check character, an ID in the name, a phone in a free-text field.
    const book = join(root, "villages", `${V1}.yaml`);
    const p0 = people[0]!;
    const wrong = `${p0.id_number.slice(0, 17)}${p0.id_number[17] === "0" ? "1" : "0"}`;
    writeFileSync(
      book,
      readFileSync(book, "utf8")
        .replace(p0.id_number, wrong)
        .replace(/name: 测试\S+/, `name: "${people[1]!.id_number}"`)
        .replace(/education: \S+/, `education: "${people[1]!.phone}"`),
    );
    secrets.push(wrong);
    for (const args of [["audit"], ["audit", "--format", "json"], ["show", "villages", "--format", "json"]]) {
      const r = run(args, dir);
      expect(leaks(r.stdout + r.stderr), args.join(" ")).toEqual([]);
    }
    // A clean library's shared outputs: the report folder and show's JSON.
    const clean = tempDir("reserve-private-");
    makeLibrary({ books: { [V1]: people.slice(0, 2) } }, join(clean, "data"));
    expect(run(["report", "--out", "out"], clean).code).toBe(0);
    const shown = run(["show", people[0]!.id, "--format", "json"], clean);
    expect(leaks(shown.stdout)).toEqual([]);
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => (lstatSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    for (const file of walk(join(clean, "out"))) {
      const text = readFileSync(file).toString(file.endsWith(".xlsx") ? "latin1" : "utf8");
      expect(leaks(text), relative(clean, file)).toEqual([]);
    }
  });
});
