import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../../src/schema/json-schema.js";

describe("JSON Schemas in schemas/", () => {
  it("are exactly what the zod schemas generate (run `npm run schemas` when this fails)", () => {
    const generated = jsonSchemas();
    const onDisk = readdirSync(new URL("../../schemas/", import.meta.url)).sort();
    expect(onDisk).toEqual(Object.keys(generated).sort());
    for (const [name, text] of Object.entries(generated)) {
      expect(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), "utf8"), name).toBe(text);
    }
  });

  it("describe the fields editors show, with the accepted aliases", () => {
    const village = JSON.parse(jsonSchemas()["village.schema.json"]!) as {
      properties: {
        reserves: {
          items: {
            properties: Record<string, { description?: string; enum?: string[] }>;
            additionalProperties: boolean;
          };
        };
      };
    };
    const reserve = village.properties.reserves.items;
    expect(reserve.additionalProperties).toBe(false);
    expect(reserve.properties.gender!.enum).toEqual(["男", "女"]);
    expect(reserve.properties.gender!.description).toContain("male");
    expect(reserve.properties.id_number!.description).toContain("GB 11643");
  });
});
