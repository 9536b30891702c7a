import type { SessionOptions } from "../io/read-session.js";
import type { AuditOptions } from "./audit.js";

/** How an audit reads the library: as a reader (no lock), telling the user what it waited for. */
export function sessionOf(options: AuditOptions): SessionOptions {
  return {
    today: options.today,
    cwd: options.cwd,
    command: "audit",
    ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
    ...(options.onNotice && { onNotice: options.onNotice }),
  };
}
