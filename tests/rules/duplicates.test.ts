import { describe, expect, it } from "vitest";
import { idNumber, person } from "../helpers/library.js";
import { cleanBooks, rec, run, runArgs, V1, V2, V4 } from "./helpers.js";

describe("duplicates", () => {
  it("reports the same ID number in two villages on both records, naming the other place", () => {
    const books = cleanBooks();
    const twin = person(V4, 4, { id_number: books[V1]![0]!.id_number, gender: books[V1]![0]!.gender });
    books[V4] = [...books[V4]!, twin];
    expect(run(["duplicates"], { books })).toEqual([
      ["person-in-two-villages", rec(V1, 0, "id_number"), V1, `${V1}-01`],
      ["person-in-two-villages", rec(V4, 3, "id_number"), V4, `${V4}-04`],
    ]);
    expect(runArgs(["duplicates"], { books }).map((f) => f.others)).toEqual([
      "文昌镇红泉村（640502101201-04）",
      "滨河镇沙坡村（640502100201-01）",
    ]);
  });

  it("reports a person entered twice in one book, and ignores records of people who left", () => {
    const books = cleanBooks();
    const first = books[V1]![0]!;
    books[V1] = [...books[V1]!, person(V1, 5, { id_number: first.id_number, gender: first.gender })];
    const left = person(V2, 9, {
      id_number: first.id_number,
      gender: first.gender,
      status: "调整出库",
      status_changes: [{ status: "调整出库", date: "2021-03-01", reason: "外出务工" }],
    });
    books[V2] = [...books[V2]!, left];
    expect(run(["duplicates"], { books })).toEqual([
      ["person-entered-twice", rec(V1, 0, "id_number"), V1, `${V1}-01`],
      ["person-entered-twice", rec(V1, 3, "id_number"), V1, `${V1}-05`],
    ]);
  });

  it("warns about two records in one town with the same name and birth month, not across towns", () => {
    const books = cleanBooks();
    const lookalike = (village: string, n: number, seq: number) =>
      person(village, n, { name: "王建国", id_number: idNumber("640502", "19900315", seq), gender: "男" });
    books[V1] = [...books[V1]!, lookalike(V1, 4, 11)];
    books[V2] = [...books[V2]!, lookalike(V2, 4, 13)];
    books[V4] = [...books[V4]!, lookalike(V4, 4, 15)];
    expect(run(["duplicates"], { books })).toEqual([
      ["possible-duplicate", rec(V1, 3, "name"), V1, `${V1}-04`],
      ["possible-duplicate", rec(V2, 3, "name"), V2, `${V2}-04`],
    ]);
  });

  it("compares the whole library but reports only the villages asked about", () => {
    const books = cleanBooks();
    books[V4] = [...books[V4]!, person(V4, 4, { id_number: books[V1]![0]!.id_number, gender: "男" })];
    expect(run(["duplicates"], { books }, { villages: [V4] })).toEqual([
      ["person-in-two-villages", rec(V4, 3, "id_number"), V4, `${V4}-04`],
    ]);
  });
});
