import { describe, expect, it } from "vitest";
import { noteCliRun, STACK_TRACE, takeRunsWithStack } from "../helpers/cli.js";

/**
 * The suite-wide check that no CLI run prints a stack trace (tests/helpers/no-stack-trace.ts):
 * what it takes for one, and what it lets through.
 */

describe("the check for stack traces in the CLI's output", () => {
  it("finds the frames V8 prints and the CLI's words for a bug", () => {
    const real = new Error("ENOENT: no such file or directory, mkdir '/tmp/x/data/.reserve'").stack!;
    const bug = `reserve: 程序内部错误，库未被修改。请把下面的信息发给维护人员：\n${real}\n`;
    for (const text of [
      real,
      bug,
      "Error: x\n    at ensureStateDir (file:///app/dist/chunks/chunk-AJ2JCCF3.js:73:8)\n",
      "Error: x\n    at file:///app/dist/cli.js:3653:5\n",
      "TypeError: x\n    at new Lock (<anonymous>)\n",
      "reserve: internal error; the library was not changed. Please send the following to the maintainers:\n",
    ]) {
      expect(STACK_TRACE.test(text), text).toBe(true);
    }
  });

  it("lets through what the CLI prints for problems a user causes", () => {
    for (const text of [
      "名册.csv:12:8 [学历] 错误 bad-term 学历“高中x”不是规定的用语\n  提示：可选：研究生、大学本科\n",
      "reserve: 错误 找不到库：当前文件夹中没有 data 文件夹（/home/a/data）\n  提示：到库所在的文件夹中运行 reserve\n",
      "reserve: error lock held by reserve import at 2021-12-31T03:58:00Z\n",
      "  备注: 2021年3月1日 at 村委会 10:30\n",
    ]) {
      expect(STACK_TRACE.test(text), text).toBe(false);
    }
  });

  it("keeps the runs that printed one until the check after the test takes them", () => {
    noteCliRun(["audit"], { stderr: "" });
    noteCliRun(["import", "名册.csv"], { stderr: "Error: x\n    at main (file:///app/dist/cli.js:1:2)\n" });
    const taken = takeRunsWithStack();
    expect(taken.map((t) => t.split("\n")[0])).toEqual(["reserve import 名册.csv"]);
    expect(takeRunsWithStack()).toEqual([]);
  });
});
