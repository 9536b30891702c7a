import type { IsoDate } from "../domain/dates.js";
import { RECORD_CATALOGUES, type RecordKey, type RecordKind } from "../domain/cultivation-columns.js";
import { indexRegister, type Library } from "../domain/library.js";
import type { Reserve, TrainingSession } from "../domain/model.js";
import { compareDiagnostics, diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { villageFile } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, openLibrary, type Notice } from "../io/library-session.js";
import type { LoadedLibrary } from "../io/load-library.js";
import { sessionText, trainingText, villageText } from "../io/serialize.js";
import type { OpenOptions } from "../io/tabular/open-table.js";
import type { Table } from "../io/tabular/table.js";
import type { FileWrite } from "../io/transaction.js";
import { vocabulariesOf } from "../domain/vocabulary-set.js";
import { RecordRowReader } from "../schema/cultivation-row.js";
import type { HistoryChange, HistoryEntry } from "../schema/history.js";
import { fileReports, openTables, readTable, Sink, type FileReport } from "./cycle-tables.js";
import { changedFields } from "./import-merge.js";
import {
  handlerFor,
  type FileColumns,
  PartyHandler,
  TrainingHandler,
  type KindContext,
  type SessionOutcome,
  type Tally,
} from "./record-kinds.js";
import { People } from "./record-people.js";
import { sessionFor } from "../io/read-session.js";

export interface RecordOptions {
  readonly root: string;
  readonly cwd: string;
  readonly kind: RecordKind;
  readonly files: readonly string[];
  readonly today: IsoDate;
  readonly dryRun?: boolean;
  readonly sheet?: string;
  /** Why, recorded in the history. */
  readonly reason?: string;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
  readonly limits?: OpenOptions["limits"];
}

/**
 * recorded: written; unchanged: valid, and the library already held all of it; dry-run: valid,
 * nothing written on purpose; rejected: problems found, nothing written; library-invalid: the
 * library itself has errors, nothing was read or written.
 */
export type RecordStatus = "recorded" | "unchanged" | "dry-run" | "rejected" | "library-invalid";

export interface RecordResult {
  readonly status: RecordStatus;
  readonly kind: RecordKind;
  readonly files: readonly FileReport[];
  /** Records (attendances, pairings, posts, steps, attestations) added, changed and already held. */
  readonly totals: Tally & { readonly rows: number; readonly people: number };
  /** Training sessions created or changed (sign-in sheets only). */
  readonly sessions: readonly SessionOutcome[];
  /** People whose political status a party-development step advanced. */
  readonly political: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly omitted: number;
  readonly errors: number;
  readonly warnings: number;
  readonly historyFile?: string;
}

interface Plan {
  readonly status: "ok" | "library-invalid";
  readonly rows: number[];
  readonly tally: Tally;
  readonly people: number;
  readonly sessions: SessionOutcome[];
  readonly political: number;
  readonly writes: FileWrite[];
  readonly history?: HistoryEntry;
}

function read(library: Library, tables: readonly Table[], options: RecordOptions, sink: Sink) {
  const catalogue = RECORD_CATALOGUES[options.kind];
  const people = new People(library);
  const tally: Tally = { added: 0, updated: 0, unchanged: 0 };
  const handler = handlerFor(options.kind, library);
  const ctx: KindContext = { library, today: options.today, sink, tally };
  const rows: number[] = [];
  for (const table of tables) {
    const file = table.info.file;
    let reader: RecordRowReader | undefined;
    let headerLine = 1;
    const problems: Diagnostic[] = [];
    const absent = new Set<RecordKey>();
    const columns: FileColumns = {
      fieldOf: (k) => reader!.fieldOf(k),
      missing: (k) => {
        if (absent.has(k)) return;
        absent.add(k);
        const spec = catalogue.columns.find((c) => c.key === k)!;
        sink.push(
          diagnostic(
            "column-missing",
            { zh: spec.zh, en: spec.key },
            { location: { file, line: headerLine, column: 1 } },
          ),
        );
      },
    };
    const count = readTable(
      table,
      catalogue,
      sink,
      (header) => {
        headerLine = header.line;
        reader = new RecordRowReader({
          file,
          format: table.info.format,
          today: options.today,
          header,
          columns: catalogue.columns,
          vocabularies: vocabulariesOf(library.district.policy),
        });
      },
      (row) => {
        if (!reader) return;
        problems.length = 0;
        const r = reader.read(row, problems);
        sink.pushAll(problems);
        handler.describe?.(ctx, file, r, columns);
        const person = people.resolve(r, file, options.today, sink, columns.fieldOf);
        if (!person || r.bad) return;
        handler.row(ctx, { file, read: r, person, fieldOf: columns.fieldOf });
      },
    );
    if (reader) sink.pushAll(reader.rewriteNotices());
    rows.push(count);
  }
  handler.finish?.(ctx);
  return { people, tally, rows, handler };
}

function plan(loaded: LoadedLibrary, tables: readonly Table[], options: RecordOptions, sink: Sink): Plan {
  const library = loaded.library;
  if (!library || hasErrors(loaded.diagnostics)) {
    sink.pushAll(loaded.diagnostics);
    return {
      status: "library-invalid",
      rows: [],
      tally: { added: 0, updated: 0, unchanged: 0 },
      people: 0,
      sessions: [],
      political: 0,
      writes: [],
    };
  }
  const register = indexRegister(library.district);
  const { people, tally, rows, handler } = read(library, tables, options, sink);
  const changed = people.changed();
  const sessionOutcome = handler instanceof TrainingHandler ? handler.outcome() : { sessions: [], files: [] };
  const writes: FileWrite[] = [];
  const changes: HistoryChange[] = [];
  const villages = new Map<string, Map<string, Reserve>>();
  for (const p of changed) {
    const list = villages.get(p.village) ?? new Map<string, Reserve>();
    list.set(p.original.id, p.current);
    villages.set(p.village, list);
    changes.push({
      action: "record",
      village: p.village,
      person: p.current.id,
      before: changedFields(p.original, p.current),
    });
  }
  for (const s of sessionOutcome.sessions) {
    changes.push(
      s.created
        ? { action: "record", to: s.session.id, reason: "training session created" }
        : { action: "record", to: s.session.id, before: s.before },
    );
  }
  if (!options.dryRun) {
    for (const book of library.books) {
      const replaced = villages.get(book.village);
      if (!replaced) continue;
      const reserves = book.reserves.map((r) => replaced.get(r.id) ?? r);
      writes.push({
        target: villageFile(book.village),
        content: villageText({ village: book.village, reserves }, register),
      });
    }
    for (const f of sessionOutcome.files) {
      const content = f.yearFile ? trainingText({ year: f.year, sessions: f.sessions }) : sessionText(f.sessions[0]!);
      writes.push({ target: f.target, content });
    }
  }
  const political = handler instanceof PartyHandler ? handler.political : 0;
  let history: HistoryEntry | undefined;
  if (changes.length > 0) {
    history = {
      ...historyStamp(),
      command: `record-${options.kind}`,
      ...(options.reason !== undefined && { reason: options.reason }),
      files: tables.map((t, i) => ({ name: t.info.name, sha256: t.info.sha256, rows: rows[i] ?? 0 })),
      summary: {
        rows: rows.reduce((a, b) => a + b, 0),
        added: tally.added,
        updated: tally.updated,
        unchanged: tally.unchanged,
        people: changed.length,
        ...(sessionOutcome.sessions.length > 0 && {
          sessions_created: sessionOutcome.sessions.filter((s) => s.created).length,
          sessions_updated: sessionOutcome.sessions.filter((s) => !s.created).length,
        }),
        ...(political > 0 && { political_status: political }),
      },
      changes,
    };
  }
  return {
    status: "ok",
    rows,
    tally,
    people: changed.length,
    sessions: sessionOutcome.sessions,
    political,
    writes,
    ...(history && { history }),
  };
}

/**
 * `reserve record <kind> FILE…`: reads cultivation records — training sign-in sheets, mentor
 * pairings, practice posts, party-development steps, screening results — checks every row, and
 * records them in one transaction, all or nothing, with a history entry. Nothing is written when any
 * problem is an error, with --dry-run, or when the library already holds everything.
 */
export async function recordCultivation(options: RecordOptions): Promise<RecordResult> {
  const sink = new Sink();
  const { opened, tables } = await openTables(options.files, options, sink);
  try {
    const session = sessionFor("record", options);
    const finish = (p: Plan, written: boolean): RecordResult => {
      const status: RecordStatus =
        p.status === "library-invalid"
          ? "library-invalid"
          : sink.errors > 0
            ? "rejected"
            : options.dryRun
              ? "dry-run"
              : written
                ? "recorded"
                : "unchanged";
      return {
        status,
        kind: options.kind,
        files: fileReports(opened, p.rows),
        totals: { ...p.tally, rows: p.rows.reduce((a, b) => a + b, 0), people: p.people },
        sessions: p.sessions,
        political: p.political,
        diagnostics: [...sink.list].sort(compareDiagnostics),
        omitted: sink.omitted,
        errors: sink.errors,
        warnings: sink.warnings,
        ...(written && p.history && { historyFile: historyWrite(p.history).target }),
      };
    };
    if (options.dryRun || sink.errors > 0) {
      return finish(plan(openLibrary(options.root, session), tables, options, sink), false);
    }
    return changeLibrary(options.root, session, (loaded) => {
      const p = plan(loaded, tables, options, sink);
      const write = p.status === "ok" && sink.errors === 0 && p.writes.length > 0;
      return {
        writes: write ? p.writes : [],
        ...(write && p.history && { history: p.history }),
        result: finish(p, write),
      };
    });
  } finally {
    for (const t of tables) t.close?.();
  }
}

export type { SessionOutcome, TrainingSession };
