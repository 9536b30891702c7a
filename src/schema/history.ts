import * as z from "zod";

export const HISTORY_ACTIONS = [
  "init",
  "add",
  "update",
  "move",
  "status",
  "evaluate",
  "record",
  "register",
  "reveal",
] as const;

const changeSchema = z.strictObject({
  action: z.enum(HISTORY_ACTIONS),
  village: z.string().optional(),
  person: z.string().optional(),
  /** Fields that changed, with the values they had before, so nothing an import overwrote is lost. */
  before: z.record(z.string(), z.unknown()).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
});

/** history/<year>/<time>-<command>-<hash>.yaml: one file per change, so branches merge cleanly. */
export const historyEntrySchema = z
  .strictObject({
    at: z.string().meta({ description: "时间（UTC，ISO 8601）when" }),
    by: z.string().meta({ description: "操作人 who" }),
    command: z.string().meta({ description: "命令 what" }),
    reason: z.string().optional().meta({ description: "说明 why" }),
    files: z
      .array(z.strictObject({ name: z.string(), sha256: z.string(), rows: z.number().int().optional() }))
      .optional()
      .meta({ description: "导入的文件及其 SHA-256 files read" }),
    summary: z.record(z.string(), z.number()).optional(),
    changes: z.array(changeSchema).optional(),
  })
  .meta({ title: "reserve 变更记录 history/<year>/<file>.yaml" });

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type HistoryChange = z.infer<typeof changeSchema>;
