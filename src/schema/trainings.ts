import * as z from "zod";
import type { TrainingSession } from "../domain/model.js";
import { TRAINING_LEVEL, TRAINING_TOPIC } from "../domain/terms.js";
import { isoDate, tag, term, text } from "./common.js";

export const sessionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^\d{4}-[0-9A-Za-z-]{1,20}$/, tag("bad-value"))
    .meta({ description: "场次编号：年度-序号，如 2021-03 session id" }),
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

/** trainings/<year>.yaml: the year's sessions. Attendance is kept in each person's file. */
export const trainingFileSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    sessions: z.array(sessionSchema),
  })
  .meta({ title: "reserve 年度培训 trainings/<year>.yaml" });
