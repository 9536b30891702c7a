import type { Lang } from "../messages/lang.js";
import type { TerminalStream } from "./progress.js";
import type { Style } from "./style.js";

/** What a command's CLI wrapper may use to talk to the outside world. */
export interface CliContext {
  readonly lang: Lang;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdoutStyle: () => Promise<Style>;
  readonly stderrStyle: () => Promise<Style>;
  /** Standard error when it is a terminal, for a line redrawn in place (progress.ts); absent in a pipe. */
  readonly stderrTerminal?: TerminalStream;
}
