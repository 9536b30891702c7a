import * as z from "zod";
import { districtFileSchema } from "./district.js";
import { historyEntrySchema } from "./history.js";
import { sessionFileSchema, trainingFileSchema } from "./trainings.js";
import { villageFileDocSchema } from "./village.js";

/**
 * JSON Schemas for the library's files, generated from the zod source so editors (VS Code with the
 * YAML extension, JetBrains) can check hand-edited files as they are typed. schemas/ holds the
 * output; a test fails when it is stale (`npm run schemas` refreshes it).
 */
export function jsonSchemas(): Record<string, string> {
  const files: Record<string, z.ZodType> = {
    "district.schema.json": districtFileSchema,
    "village.schema.json": villageFileDocSchema,
    "trainings.schema.json": trainingFileSchema,
    "training-session.schema.json": sessionFileSchema,
    "history.schema.json": historyEntrySchema,
  };
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(files)) {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    out[name] = `${JSON.stringify({ $id: `https://reserve.invalid/schemas/${name}`, ...json }, null, 2)}\n`;
  }
  return out;
}
