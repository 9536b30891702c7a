import type { Notice } from "../io/library-session.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";

export function noticeText(n: Notice, lang: Lang): string {
  const t = ui(lang).notice;
  switch (n.kind) {
    case "stale-lock-removed":
      return t.staleLock(`${n.holder.user}@${n.holder.host} pid ${n.holder.pid}`);
    case "recovered":
      return n.how === "rolled-forward" ? t.rolledForward : t.rolledBack;
  }
}
