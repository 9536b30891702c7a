/**
 * The official division table (统计用区划代码, 2023 edition) as divisions/ holds it (docs/register.md):
 * per province one `code<TAB>name` line per unit, sorted by code, the level given by the code's
 * length (2 province, 4 city, 6 county, 9 town, 12 village level); and a list of counties with
 * their city and province. Reading the files is io/division-table.ts; this is what is read.
 */

export interface OfficialUnit {
  readonly code: string;
  readonly name: string;
}

/** One county of the official table: the register `reserve init --district` writes. */
export interface OfficialCounty {
  readonly edition: string;
  readonly code: string;
  readonly name: string;
  /** Undefined for the counties of a municipality (the table's 市辖区) and 省直辖县级行政区划. */
  readonly city?: string;
  readonly province: string;
  readonly towns: readonly OfficialUnit[];
  /** 12-digit codes, by code. */
  readonly villages: readonly OfficialUnit[];
}

export interface CountyEntry {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly province: string;
}

/** Names the table gives in place of a city: not a city a county belongs to. */
const NOT_A_CITY = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

export function cityName(name: string | undefined): string | undefined {
  return name === undefined || NOT_A_CITY.has(name) ? undefined : name;
}

/** The county `code` from a province's table text; undefined when the table has no such county. */
export function countyFromTable(text: string, code: string, edition: string): OfficialCounty | undefined {
  const start = text.indexOf(`\n${code}\t`);
  if (start < 0) return undefined;
  const line = (from: number) => {
    const end = text.indexOf("\n", from);
    const tab = text.indexOf("\t", from);
    return { code: text.slice(from, tab), name: text.slice(tab + 1, end), next: end + 1 };
  };
  const head = (c: string) => {
    if (text.startsWith(`${c}\t`)) return line(0).name;
    const at = text.indexOf(`\n${c}\t`);
    return at < 0 ? undefined : line(at + 1).name;
  };
  const county = line(start + 1);
  const towns: OfficialUnit[] = [];
  const villages: OfficialUnit[] = [];
  for (let at = county.next; at < text.length;) {
    const unit = line(at);
    if (!unit.code.startsWith(code)) break;
    (unit.code.length === 9 ? towns : villages).push({ code: unit.code, name: unit.name });
    at = unit.next;
  }
  const city = cityName(head(code.slice(0, 4)));
  return {
    edition,
    code,
    name: county.name,
    ...(city !== undefined && { city }),
    province: head(code.slice(0, 2)) ?? "",
    towns,
    villages,
  };
}

export function parseCounties(text: string): CountyEntry[] {
  const out: CountyEntry[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const [code, name, city, province] = line.split("\t") as [string, string, string, string];
    out.push({ code, name, city, province });
  }
  return out;
}

/** Edits (insert, delete, change, swap of neighbours) between two short codes. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export type CountyLookup =
  | { readonly ok: true; readonly county: CountyEntry }
  | {
      readonly ok: false;
      /** What the input is when it is not a county: a province's or a city's code, a town's or a village's, a name held by several counties, or nothing known. */
      readonly kind: "province" | "city" | "town" | "village" | "ambiguous" | "unknown";
      readonly near: readonly CountyEntry[];
    };

/**
 * A county by its 6-digit code or its name. Otherwise the counties the user most likely meant: those
 * of a province or city whose code was given; the county of a town's or village's code; else the
 * codes fewest keystrokes away (a digit mistyped, two swapped), nearest first.
 */
export function findCounty(counties: readonly CountyEntry[], input: string, limit = 5): CountyLookup {
  const q = input.trim();
  const exact = counties.find((c) => c.code === q);
  if (exact) return { ok: true, county: exact };
  if (!/^\d+$/.test(q)) {
    const named = counties.filter((c) => c.name === q || `${c.city}${c.name}` === q);
    if (named.length === 1) return { ok: true, county: named[0]! };
    if (named.length > 1) return { ok: false, kind: "ambiguous", near: named };
  }
  const under = (prefix: string) => counties.filter((c) => c.code.startsWith(prefix));
  const trimmed = q.replace(/(00)+$/, "");
  if (/^\d+$/.test(q) && (trimmed.length === 2 || trimmed.length === 4) && q.length <= 6) {
    const inside = under(trimmed);
    if (inside.length > 0) {
      return { ok: false, kind: trimmed.length === 2 ? "province" : "city", near: inside.slice(0, limit * 2) };
    }
  }
  if (/^\d{9}$|^\d{12}$/.test(q)) {
    const county = counties.find((c) => c.code === q.slice(0, 6));
    if (county) return { ok: false, kind: q.length === 9 || q.endsWith("000") ? "town" : "village", near: [county] };
  }
  const ranked = counties
    .map((c) => ({
      c,
      d: distance(q, c.code),
      p: commonPrefix(q, c.code),
      n: Math.abs(Number(q.slice(0, 6).padEnd(6, "0")) - Number(c.code)),
    }))
    .sort((a, b) => a.d - b.d || b.p - a.p || a.n - b.n || (a.c.code < b.c.code ? -1 : 1));
  return { ok: false, kind: "unknown", near: ranked.slice(0, limit).map((r) => r.c) };
}
