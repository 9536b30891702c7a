/** Wording of `reserve evaluate`. */

interface Counts {
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
}

interface Shortage {
  readonly townName: string;
  readonly villageName: string;
  readonly village: string;
  readonly inPool: number;
  readonly pending: number;
  readonly adjustedOut: number;
  readonly min: number;
  readonly target: number;
  readonly toMin: number;
  readonly toTarget: number;
}

export const EVALUATE_ZH = {
  evaluate: {
    heading: (year: number, date: string, people: number, grades: string) =>
      `${year} 年度测评（测评日期 ${date}）：${people} 人${grades ? `，${grades}` : ""}。`,
    counts: (c: Counts) => `其中新评 ${c.new} 人，更正 ${c.updated} 人，与库中一致 ${c.unchanged} 人。`,
    notDue: (n: number) => `另有 ${n} 人本年才通过县级审核，测评表未填，本年不作测评。`,
    adjusted: (n: number) => `调整出库（${n} 人）：`,
    person: (p: { townName: string; villageName: string; name: string; id: string }) =>
      `${p.townName}${p.villageName} ${p.name}（${p.id}）`,
    grade: (label: string, score: number) => `${label} ${score.toFixed(1)} 分`,
    before: "（此前已调整出库）",
    replenishment: (n: number) => `需补充后备干部的村（${n} 个，调整后）：`,
    shortage: (s: Shortage) =>
      `${s.townName}${s.villageName}（${s.village}）在库 ${s.inPool} 人${s.adjustedOut > 0 ? `，本年调整出库 ${s.adjustedOut} 人` : ""}${s.pending > 0 ? `，待县级审核 ${s.pending} 人` : ""}；${s.toMin > 0 ? `距最低 ${s.min} 人差 ${s.toMin} 人，` : ""}距目标 ${s.target} 人差 ${s.toTarget} 人`,
    noShortage: "各村在库人数都达到了目标。",
    evaluated: (adjusted: number, history: string) =>
      `已记录测评结果${adjusted > 0 ? `，${adjusted} 人调整出库` : ""}。变更记录：${history}`,
    unchanged: "库中已有这些测评结果，无需修改，未写入任何内容。",
    dryRun: "试运行：以上是测评后的情况，库未被修改（去掉 --dry-run 即正式记录）。",
    rejected: (errors: number, warnings: number) =>
      `测评未记录：共 ${errors} 个错误、${warnings} 个警告，库未被修改。改正测评表后请重新提交全部文件。`,
    warnings: (n: number) => `${n} 个警告（见上），测评照常记录。`,
    badDate: (date: string, year: number) => `测评日期 ${date} 不在 ${year} 年内`,
  },
  evaluateHelp: {
    command: "读回填好的年度测评表（reserve report 生成的 CSV 或 Excel）：评分、定等次、调整出库，列出需补充的村",
    files: "填好的测评表（可多个，如各乡镇一份）",
    year: "测评年度（默认库的工作年度）",
    date: "测评日期 YYYY-MM-DD（默认今天，且不晚于该年年底）；记入测评结果和调整出库记录",
    dryRun: "只检查并显示测评结果，不写入",
    reason: "本次测评的说明，记入变更记录（默认“<年度>年度测评”）",
  },
};

export const EVALUATE_EN: typeof EVALUATE_ZH = {
  evaluate: {
    heading: (year: number, date: string, people: number, grades: string) =>
      `${year} evaluation (dated ${date}): ${people} ${people === 1 ? "person" : "people"}${grades ? `, ${grades}` : ""}.`,
    counts: (c: Counts) =>
      `${c.new} evaluated for the first time, ${c.updated} corrected, ${c.unchanged} as already recorded.`,
    notDue: (n: number) =>
      `${n} more passed the county review this year; their rows were left empty and they are not evaluated this year.`,
    adjusted: (n: number) => `adjusted out (${n}):`,
    person: (p: { townName: string; villageName: string; name: string; id: string }) =>
      `${p.townName} ${p.villageName} ${p.name} (${p.id})`,
    grade: (label: string, score: number) => `${label} ${score.toFixed(1)}`,
    before: " (adjusted out before)",
    replenishment: (n: number) => `villages to replenish (${n}, after the adjustments):`,
    shortage: (s: Shortage) =>
      `${s.townName} ${s.villageName} (${s.village}): ${s.inPool} in the pool${s.adjustedOut > 0 ? `, ${s.adjustedOut} adjusted out this year` : ""}${s.pending > 0 ? `, ${s.pending} awaiting the county review` : ""}; ${s.toMin > 0 ? `${s.toMin} short of the minimum ${s.min}, ` : ""}${s.toTarget} short of the target ${s.target}`,
    noShortage: "every village has reached the target.",
    evaluated: (adjusted: number, history: string) =>
      `evaluation recorded${adjusted > 0 ? `; ${adjusted} adjusted out` : ""}. History: ${history}`,
    unchanged: "the library already holds these results; nothing was written.",
    dryRun: "dry run: this is how the library would be; nothing was written (run without --dry-run to record).",
    rejected: (errors: number, warnings: number) =>
      `evaluation not recorded: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; the library is unchanged. Correct the sheets and submit all of them again.`,
    warnings: (n: number) => `${n} warning${n === 1 ? "" : "s"} (above); the evaluation was recorded.`,
    badDate: (date: string, year: number) => `the evaluation date ${date} is not in ${year}`,
  },
  evaluateHelp: {
    command:
      "read back the filled evaluation sheets (CSV or Excel from reserve report): score, grade, adjust out, list the villages to replenish",
    files: "the filled sheets (one or more, e.g. one per town)",
    year: "the year evaluated (default the library's working year)",
    date: "evaluation date YYYY-MM-DD (default today, at most the end of the year); recorded with the results and adjustments",
    dryRun: "check and show the results without writing",
    reason: 'why, recorded in the history (default "<year>年度测评")',
  },
};
