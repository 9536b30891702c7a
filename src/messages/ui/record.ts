/** Wording of `reserve record`. */

const KINDS_ZH: Record<string, string> = {
  training: "培训签到",
  mentor: "帮带",
  post: "定岗锻炼",
  party: "入党培养",
  screening: "资格联审",
};
const KINDS_EN: Record<string, string> = {
  training: "training sign-ins",
  mentor: "mentor pairings",
  post: "practice posts",
  party: "party-development steps",
  screening: "screening results",
};

interface Totals {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly people: number;
}

interface SessionLine {
  readonly id: string;
  readonly date: string;
  readonly title: string;
  readonly level: string;
  readonly hours: number;
}

export const RECORD_ZH = {
  record: {
    kind: (k: string) => KINDS_ZH[k] ?? k,
    totals: (k: string, t: Totals) =>
      `${KINDS_ZH[k] ?? k}：新记 ${t.added} 条，更正 ${t.updated} 条，库中已有 ${t.unchanged} 条；${t.people} 人的档案有改动。`,
    sessionCreated: (s: SessionLine) => `新建培训场次 ${s.id}：${s.date} ${s.level}“${s.title}”（${s.hours} 学时）`,
    sessionUpdated: (s: SessionLine) => `更新培训场次 ${s.id}：${s.date} ${s.level}“${s.title}”（${s.hours} 学时）`,
    political: (n: number) => `${n} 人的政治面貌随入党培养阶段更新（预备党员、党员）。`,
    recorded: (history: string) => `已记入库。变更记录：${history}`,
    unchanged: "库中已有这些记录，无需修改，未写入任何内容。",
    dryRun: "试运行：以上是记录后的情况，库未被修改（去掉 --dry-run 即正式记录）。",
    rejected: (errors: number, warnings: number) =>
      `未记录：共 ${errors} 个错误、${warnings} 个警告，库未被修改。改正后请重新提交全部文件。`,
    warnings: (n: number) => `${n} 个警告（见上），记录照常进行。`,
    badKind: (v: string) =>
      `记录种类“${v}”无效，可选：training（培训签到）、mentor（帮带）、post（定岗锻炼）、party（入党培养）、screening（资格联审）`,
  },
  recordHelp: {
    command: "记录培养情况：培训签到、帮带、定岗锻炼、入党培养、资格联审（CSV、Excel）；全部无误才写入",
    kind: "记录种类：training 培训签到、mentor 帮带、post 定岗锻炼、party 入党培养、screening 资格联审",
    files: "记录文件（可多个）",
    dryRun: "只检查并显示记录后的情况，不写入",
    reason: "本次记录的说明，记入变更记录",
  },
};

export const RECORD_EN: typeof RECORD_ZH = {
  record: {
    kind: (k: string) => KINDS_EN[k] ?? k,
    totals: (k: string, t: Totals) =>
      `${KINDS_EN[k] ?? k}: ${t.added} added, ${t.updated} corrected, ${t.unchanged} already held; ${t.people} ${t.people === 1 ? "person" : "people"} changed.`,
    sessionCreated: (s: SessionLine) =>
      `new training session ${s.id}: ${s.date} ${s.level} "${s.title}" (${s.hours} h)`,
    sessionUpdated: (s: SessionLine) =>
      `training session ${s.id} updated: ${s.date} ${s.level} "${s.title}" (${s.hours} h)`,
    political: (n: number) =>
      `the political status of ${n} ${n === 1 ? "person" : "people"} follows the party-development stage (probationary or full member).`,
    recorded: (history: string) => `recorded. History: ${history}`,
    unchanged: "the library already holds these records; nothing was written.",
    dryRun: "dry run: this is how the library would be; nothing was written (run without --dry-run to record).",
    rejected: (errors: number, warnings: number) =>
      `not recorded: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; the library is unchanged. Correct them and submit all the files again.`,
    warnings: (n: number) => `${n} warning${n === 1 ? "" : "s"} (above); the records went ahead.`,
    badKind: (v: string) =>
      `invalid record kind "${v}"; use training (sign-in sheets), mentor, post, party or screening`,
  },
  recordHelp: {
    command:
      "record cultivation: training sign-ins, mentor pairings, practice posts, party development, screening (CSV, Excel); all or nothing",
    kind: "kind of record: training, mentor, post, party or screening",
    files: "record files (one or more)",
    dryRun: "check and show the outcome without writing",
    reason: "why, recorded in the history",
  },
};
