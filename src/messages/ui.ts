import type { Lang } from "./lang.js";
import { AUDIT_EN, AUDIT_ZH } from "./ui/audit.js";
import { COMMON_EN, COMMON_ZH } from "./ui/common.js";
import { EVALUATE_EN, EVALUATE_ZH } from "./ui/evaluate.js";
import { EXPORT_EN, EXPORT_ZH } from "./ui/export.js";
import { IMPORT_EN, IMPORT_ZH } from "./ui/import.js";
import { INIT_EN, INIT_ZH } from "./ui/init.js";
import { RECORD_EN, RECORD_ZH } from "./ui/record.js";
import { REPORT_EN, REPORT_ZH } from "./ui/report.js";
import { ROLLUP_EN, ROLLUP_ZH } from "./ui/rollup.js";
import { SHOW_EN, SHOW_ZH } from "./ui/show.js";

/** Everything the program says besides diagnostics: one file per area under ui/, both languages. */
const zh = {
  ...COMMON_ZH,
  ...AUDIT_ZH,
  ...INIT_ZH,
  ...IMPORT_ZH,
  ...REPORT_ZH,
  ...SHOW_ZH,
  ...RECORD_ZH,
  ...EVALUATE_ZH,
  ...EXPORT_ZH,
  ...ROLLUP_ZH,
};
type Ui = typeof zh;
const en: Ui = {
  ...COMMON_EN,
  ...AUDIT_EN,
  ...INIT_EN,
  ...IMPORT_EN,
  ...REPORT_EN,
  ...SHOW_EN,
  ...RECORD_EN,
  ...EVALUATE_EN,
  ...EXPORT_EN,
  ...ROLLUP_EN,
};

export function ui(lang: Lang): Ui {
  return lang === "en" ? en : zh;
}
