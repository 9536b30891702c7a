import type { Lang } from "./lang.js";
import { AUDIT_EN, AUDIT_ZH } from "./ui/audit.js";
import { COMMON_EN, COMMON_ZH } from "./ui/common.js";
import { INIT_EN, INIT_ZH } from "./ui/init.js";

/** Everything the program says besides diagnostics: one file per area under ui/, both languages. */
const zh = { ...COMMON_ZH, ...AUDIT_ZH, ...INIT_ZH };
type Ui = typeof zh;
const en: Ui = { ...COMMON_EN, ...AUDIT_EN, ...INIT_EN };

export function ui(lang: Lang): Ui {
  return lang === "en" ? en : zh;
}
