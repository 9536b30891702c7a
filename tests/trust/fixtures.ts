import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Reserve } from "../../src/domain/model.js";
import { rosterCsv, rosterRows } from "../../src/generator/index.js";
import { makeLibrary, person, tempDir } from "../helpers/library.js";

/** Small libraries and rosters for the fault, fuzzing and personal-data tests. */

export const V1 = "640502100201"; // 滨河镇沙坡村
export const V2 = "640502100202"; // 滨河镇黄河村
export const V4 = "640502101201"; // 文昌镇红泉村

const NAMES: Record<string, [string, string]> = {
  [V1]: ["滨河镇", "沙坡村"],
  [V2]: ["滨河镇", "黄河村"],
  [V4]: ["文昌镇", "红泉村"],
};

/** Two reserves in each of 沙坡村 and 黄河村. */
export function baseBooks(): Record<string, Reserve[]> {
  return { [V1]: [person(V1, 1), person(V1, 2)], [V2]: [person(V2, 1), person(V2, 2)] };
}

/** A roster's CSV text (BOM, CRLF) for these people, each row in the village of its id. */
export function rosterFor(people: readonly Reserve[]): string {
  const rows = people.flatMap((p) => {
    const village = p.id.slice(0, 12);
    const [town, name] = NAMES[village]!;
    return rosterRows(town, name, village, [p]);
  });
  return rosterCsv(rows);
}

export interface Workspace {
  /** The working folder: the library is `data/` inside it, rosters beside it. */
  readonly dir: string;
  readonly root: string;
  readonly roster: string;
}

/**
 * A working folder with a small library and a roster that touches two villages: two people added
 * to 沙坡村, one of 黄河村's reserves with a new phone number, and one person added to 红泉村.
 */
export function smallImport(): Workspace {
  const dir = tempDir("reserve-trust-");
  const root = join(dir, "data");
  const books = baseBooks();
  makeLibrary({ books }, root);
  const changed = { ...books[V2]![0]!, phone: "13700000001" };
  const roster = join(dir, "roster.csv");
  writeFileSync(roster, rosterFor([person(V1, 3), person(V1, 4), changed, person(V4, 1)]));
  return { dir, root, roster };
}
