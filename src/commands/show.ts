import type { IsoDate } from "../domain/dates.js";
import type { Library } from "../domain/library.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { changeLibrary, historyStamp, historyWrite, openLibrary, type Notice } from "../io/library-session.js";
import type { LoadedLibrary } from "../io/load-library.js";
import { buildReport } from "../reports/build.js";
import type { PersonFacts, ReportModel } from "../reports/model.js";
import { checkedPeriod } from "./period.js";
import { villageScope } from "./scope.js";
import { sessionFor } from "../io/read-session.js";

export interface ShowOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  /** Internal id or name of a person; or `towns` / `villages`. */
  readonly query: string;
  readonly villages?: readonly string[];
  readonly towns?: readonly string[];
  readonly year?: number;
  readonly date?: IsoDate;
  readonly reveal?: boolean;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

export type Found = { readonly model: ReportModel } & (
  | { readonly kind: "person"; readonly person: PersonFacts }
  | { readonly kind: "towns" }
  | { readonly kind: "villages" }
  | { readonly kind: "unknown" }
  | { readonly kind: "ambiguous"; readonly matches: readonly PersonFacts[] }
);

export type ShowResult = Found & { readonly problems: readonly Diagnostic[] };

const LISTS: Record<string, "towns" | "villages"> = {
  towns: "towns",
  乡镇: "towns",
  villages: "villages",
  村: "villages",
};

/** Names compared as people type them: surrounding and inner spaces (also full-width) ignored. */
const nameKey = (s: string) => s.replace(/[\s\u3000]+/g, "");

function find(library: Library, options: ShowOptions): Found {
  const { date, year } = checkedPeriod(library, options);
  const scope = villageScope(library.district, options.villages ?? [], options.towns ?? []);
  const list = LISTS[options.query.trim().toLowerCase()];
  const model = buildReport(library, {
    year,
    date,
    ...(list && { inScope: scope.inScope }),
    reveal: options.reveal === true,
  });
  if (list) return { model, kind: list };
  const q = options.query.trim();
  const byId = model.people.find((p) => p.reserve.id === q);
  if (byId) return { model, kind: "person", person: byId };
  const matches = model.people.filter(
    (p) => nameKey(p.reserve.name) === nameKey(q) && (scope.codes === undefined || scope.codes.has(p.village)),
  );
  if (matches.length === 1) return { model, kind: "person", person: matches[0]! };
  if (matches.length === 0) return { model, kind: "unknown" };
  return { model, kind: "ambiguous", matches };
}

/**
 * Looks up one person's file (by internal id, or by name within --village/--town), or lists the
 * towns or villages. With --reveal the lookup runs as a change, so that the `reveal` entry is in the
 * library's history before the full values are shown.
 */
export function show(options: ShowOptions): ShowResult {
  const session = sessionFor("show", options);
  const run = (loaded: LoadedLibrary): ShowResult => {
    if (!loaded.library) throw new ReserveError("library-invalid");
    return { ...find(loaded.library, options), problems: loaded.diagnostics };
  };
  if (!options.reveal) return run(openLibrary(options.root, session));
  return changeLibrary<ShowResult>(options.root, session, (loaded) => {
    const result = run(loaded);
    if (result.kind !== "person") return { writes: [], result };
    const { at, by } = historyStamp();
    const entry = {
      at,
      by,
      command: "show",
      reason: "--reveal",
      changes: [{ action: "reveal" as const, village: result.person.village, person: result.person.reserve.id }],
    };
    return { writes: [historyWrite(entry)], result };
  });
}
