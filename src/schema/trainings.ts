import * as z from "zod";
import type { TrainingSession } from "../domain/model.js";
import { TRAINING_LEVEL, TRAINING_TOPIC } from "../domain/terms.js";
import { isoDate, tag, term, text } from "./common.js";

export const sessionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^\d{4}-[0-9A-Za-z-]{1,40}$/, tag("bad-value"))
    .meta({
      description:
        "场次编号：日期-举办单位代码-主题摘要，如 2021-11-20-640502100-3fa2（旧库为 年度-序号，如 2021-03）session id",
    }),
  date: isoDate("培训日期 date"),
  title: text("培训主题 title", 100),
  level: term(TRAINING_LEVEL, "层级 level"),
  unit: z
    .string()
    .regex(/^\d{9}(\d{3})?$/, tag("bad-code", { digits: "9/12" }))
    .optional()
    .meta({ description: "举办单位代码（镇级为乡镇代码，村级为村代码）organising town or village" }),
  topics: z.array(term(TRAINING_TOPIC, "培训内容 topic")),
  hours: z.number().min(0).max(100).meta({ description: "学时 hours" }),
}) satisfies z.ZodType<TrainingSession>;

/**
 * trainings/<year>.yaml: a year's sessions, numbered in the year (2021-01 …). The layout of
 * libraries before one file per session; still read, and its sessions still updated in place.
 */
export const trainingFileSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    sessions: z.array(sessionSchema),
  })
  .meta({ title: "reserve 年度培训 trainings/<year>.yaml" });

/**
 * trainings/<session id>.yaml: one session, in a file named by its id, so that sessions recorded
 * on different git branches are different files. Attendance is kept in each person's file.
 */
export const sessionFileSchema = sessionSchema.meta({ title: "reserve 培训场次 trainings/<场次编号>.yaml" });
