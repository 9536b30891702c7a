import type { DiagnosticArgs } from "./diagnostic.js";

/** Exit codes users and scripts rely on (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Data problems: rejected input, audit findings. */
  data: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The environment stands in the way: lock held, permission, disk full. */
  environment: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const FATAL_EXIT = {
  usage: EXIT.usage,
  "unknown-village": EXIT.usage,
  "unknown-town": EXIT.usage,
  "ambiguous-name": EXIT.usage,
  "library-not-found": EXIT.usage,
  "no-library": EXIT.usage,
  "year-not-held": EXIT.usage,
  "library-exists": EXIT.usage,
  "district-unknown": EXIT.usage,
  "district-mismatch": EXIT.usage,
  "bad-register": EXIT.data,
  "library-invalid": EXIT.data,
  "lock-held": EXIT.environment,
  "permission-denied": EXIT.environment,
  "disk-full": EXIT.environment,
  "read-only": EXIT.environment,
  "unsafe-path": EXIT.environment,
  "journal-corrupt": EXIT.environment,
  "commit-incomplete": EXIT.environment,
  "io-error": EXIT.environment,
} as const satisfies Record<string, ExitCode>;

export type FatalCode = keyof typeof FATAL_EXIT;

/**
 * The one error the program throws on purpose: something that stops the command as a whole. It
 * carries a code for the message catalogue, never prose, and the CLI prints it without a stack.
 */
export class ReserveError extends Error {
  readonly exitCode: ExitCode;
  constructor(
    readonly code: FatalCode,
    readonly args: DiagnosticArgs = {},
  ) {
    super(code);
    this.name = "ReserveError";
    this.exitCode = FATAL_EXIT[code];
  }
}

/** Maps a Node system error to the fatal code a user understands. */
export function fatalFromSystemError(err: unknown, path: string): ReserveError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return new ReserveError("permission-denied", { path });
    case "EROFS":
      return new ReserveError("read-only", { path });
    case "ENOSPC":
    case "EDQUOT":
      return new ReserveError("disk-full", { path });
    case "EIO":
    case "EMFILE":
    case "ENFILE":
      return new ReserveError("io-error", { path, reason: code });
    default:
      return undefined;
  }
}
