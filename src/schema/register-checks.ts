import type { District, Village } from "../domain/model.js";
import { placeNameFault } from "../domain/name-check.js";
import { showValue } from "../diagnostics/display.js";
import type { RecordProblem } from "./record-checks.js";
import type { DistrictFile } from "./district.js";

/**
 * Turns the validated district.yaml into the District model and checks what the schema cannot:
 * codes nest (village code starts with its town's code, town with the district's), no code is used
 * twice, every merged unit says where it went, and no name is one a report title or a
 * spreadsheet would trip over (domain/name-check.ts).
 */
export function buildDistrict(file: DistrictFile): { district: District; problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const seen = new Map<string, string>();
  const villages: Village[] = [];
  const note = (code: string, path: (string | number)[]) => {
    const first = seen.get(code);
    if (first !== undefined) problems.push({ code: "register-duplicate-code", args: { code, first }, path });
    else seen.set(code, path.join("."));
  };
  const checkName = (name: string, what: string, path: (string | number)[]) => {
    const fault = placeNameFault(name);
    if (fault) problems.push({ code: "name-unsafe", args: { what, value: showValue(name), fault }, path });
  };
  checkName(file.name, "county", ["name"]);
  file.towns.forEach((town, ti) => {
    note(town.code, ["towns", ti, "code"]);
    checkName(town.name, "town", ["towns", ti, "name"]);
    if (!town.code.startsWith(file.code)) {
      problems.push({
        code: "register-code-prefix",
        args: { code: town.code, parent: file.code, kind: "town" },
        path: ["towns", ti, "code"],
      });
    }
    if (town.status === "已合并" && town.replaced_by === undefined) {
      problems.push({
        code: "register-replaced-by",
        args: { code: town.code, target: "" },
        path: ["towns", ti, "status"],
      });
    }
    town.villages.forEach((v, vi) => {
      const path = ["towns", ti, "villages", vi];
      note(v.code, [...path, "code"]);
      checkName(v.name, "village", [...path, "name"]);
      if (!v.code.startsWith(town.code)) {
        problems.push({
          code: "register-code-prefix",
          args: { code: v.code, parent: town.code, kind: "village" },
          path: [...path, "code"],
        });
      }
      if ((v.status ?? "正常") === "已合并" && v.replaced_by === undefined) {
        problems.push({ code: "register-replaced-by", args: { code: v.code, target: "" }, path: [...path, "status"] });
      }
      villages.push({
        code: v.code,
        name: v.name,
        town: town.code,
        kind: v.kind ?? "村",
        ...(v.urban_rural !== undefined && { urban_rural: v.urban_rural }),
        status: v.status ?? "正常",
        ...(v.replaced_by !== undefined && { replaced_by: v.replaced_by }),
        ...(v.changed !== undefined && { changed: v.changed }),
      });
    });
  });
  const codes = new Set(villages.map((v) => v.code));
  file.towns.forEach((town, ti) =>
    town.villages.forEach((v, vi) => {
      if (v.replaced_by !== undefined && !codes.has(v.replaced_by)) {
        problems.push({
          code: "register-replaced-by",
          args: { code: v.code, target: v.replaced_by },
          path: ["towns", ti, "villages", vi, "replaced_by"],
        });
      }
    }),
  );
  const district: District = {
    code: file.code,
    name: file.name,
    ...(file.city !== undefined && { city: file.city }),
    ...(file.province !== undefined && { province: file.province }),
    year: file.year,
    towns: file.towns.map((t) => ({
      code: t.code,
      name: t.name,
      status: t.status ?? "正常",
      ...(t.replaced_by !== undefined && { replaced_by: t.replaced_by }),
      ...(t.changed !== undefined && { changed: t.changed }),
    })),
    villages,
    policy: file.policy,
  };
  return { district, problems };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** The district as district.yaml holds it: villages nested under their towns. */
export function districtToFile(d: District): DistrictFile {
  return {
    code: d.code,
    name: d.name,
    city: d.city,
    province: d.province,
    year: d.year,
    policy: d.policy as DistrictFile["policy"],
    towns: [...d.towns].sort(byCode).map((t) => ({
      code: t.code,
      name: t.name,
      status: t.status === "正常" ? undefined : t.status,
      replaced_by: t.replaced_by,
      changed: t.changed,
      villages: d.villages
        .filter((v) => v.town === t.code)
        .sort(byCode)
        .map((v) => ({
          code: v.code,
          name: v.name,
          kind: v.kind === "村" ? undefined : v.kind,
          urban_rural: v.urban_rural as DistrictFile["towns"][number]["villages"][number]["urban_rural"],
          status: v.status === "正常" ? undefined : v.status,
          replaced_by: v.replaced_by,
          changed: v.changed,
        })),
    })),
  };
}
