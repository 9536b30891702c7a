import { langChoice, type Lang } from "../messages/lang.js";

/** What the program printed and returned for one invocation (help-table.ts renders them). */
export interface PrintedHelp {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export interface HelpTable {
  /** By language, then by the arguments (after a leading --lang) joined with KEY_SEPARATOR. */
  readonly entries: Readonly<Record<Lang, Readonly<Record<string, PrintedHelp>>>>;
}

export const KEY_SEPARATOR = "\u0000";

/**
 * The pre-rendered answer for `argv`, or undefined when the full program must run. The language is
 * chosen as main.ts chooses it; a --lang option is accepted only in front (`--lang en --help`,
 * `--lang=en audit -h`), anything else goes to the program.
 */
export function lookupHelp(table: HelpTable, argv: readonly string[], env: NodeJS.ProcessEnv): PrintedHelp | undefined {
  let rest = argv;
  let flag: string | undefined;
  const first = argv[0];
  if (first === "--lang") {
    flag = argv[1];
    if (flag === undefined || flag.startsWith("-")) return undefined;
    rest = argv.slice(2);
  } else if (first?.startsWith("--lang=")) {
    flag = first.split("=")[1];
    rest = argv.slice(1);
  }
  if (rest.some((a) => a === "--lang" || a.startsWith("--lang="))) return undefined;
  // A language the program does not speak is refused by the program itself.
  const choice = langChoice(flag, env);
  if (choice.bad) return undefined;
  return table.entries[choice.lang][rest.join(KEY_SEPARATOR)];
}
