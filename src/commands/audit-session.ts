import { sessionFor, type SessionOptions } from "../io/read-session.js";
import type { AuditOptions } from "./audit.js";

/** How an audit reads the library: as a reader (no lock), telling the user what it waited for. */
export function sessionOf(options: AuditOptions): SessionOptions {
  return sessionFor("audit", options);
}
