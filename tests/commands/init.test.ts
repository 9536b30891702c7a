import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";

const REGISTER = [
  "统计用区划代码,城乡分类代码,名称",
  "640502000000,,沙坡头区",
  "640502100000,,滨河镇",
  "640502100201,220,沙坡村",
  "640502100202,220,黄河村",
  "640502100001,111,滨河社区",
  "640502101000,,文昌镇",
  "640502101201,220,红泉村",
  "",
].join("\r\n");

describe("reserve init", () => {
  it("creates a library for any district from its division code list", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "reg.csv"), REGISTER);
    const r = runCli(["init", "lib", "--register", "reg.csv", "--year", "2021"], { cwd });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "已在 lib 新建后备干部库：沙坡头区（640502，宁夏回族自治区中卫市），2 个乡镇，4 个村级单位。",
      "其中村 3 个（有储备数量要求），社区 1 个。",
    ]);
    const loaded = loadLibrary(join(cwd, "lib"), { today: "2021-12-31", cwd });
    expect(loaded.diagnostics).toEqual([]);
    const d = loaded.library!.district;
    expect([d.code, d.name, d.year]).toEqual(["640502", "沙坡头区", 2021]);
    expect(d.villages.map((v) => [v.code, v.name, v.town, v.kind, v.urban_rural])).toEqual([
      ["640502100001", "滨河社区", "640502100", "社区", "111"],
      ["640502100201", "沙坡村", "640502100", "村", "220"],
      ["640502100202", "黄河村", "640502100", "村", "220"],
      ["640502101201", "红泉村", "640502101", "村", "220"],
    ]);
    // A county the official table holds gets its city and province from there.
    expect([d.city, d.province]).toEqual(["中卫市", "宁夏回族自治区"]);
    expect(d.policy.quota).toEqual({ min: 2, target: 3 });
    expect(readFileSync(join(cwd, "lib", ".gitignore"), "utf8")).toContain(".reserve/");
    // A fresh library has every village below the quota: audit says so.
    const audit = runCli(["audit", "--data", "lib", "--format", "json"], { cwd });
    expect((JSON.parse(audit.stdout) as { summary: { villagesBelowMin: number } }).summary.villagesBelowMin).toBe(3);
  });

  it("reads a GBK-encoded list as saved by Excel on Chinese Windows", () => {
    const cwd = tempDir();
    const gbk = new Map([["沙坡头区", "c9b3c6c2cdb7c7f8"]]);
    // 沙坡头区 in GBK, then the rest in ASCII codes and a GBK town name.
    const bytes = Buffer.concat([
      Buffer.from("640502000000,", "ascii"),
      Buffer.from(gbk.get("沙坡头区")!, "hex"),
      Buffer.from("\r\n640502100000,", "ascii"),
      Buffer.from("b1f5bad3d5f2", "hex"),
      Buffer.from("\r\n", "ascii"),
    ]);
    writeFileSync(join(cwd, "reg.csv"), bytes);
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "lib", "district.yaml"), "utf8")).toMatch(/name: 沙坡头区\n/);
  });

  it("refuses a non-empty folder and a register with bad codes, creating nothing", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "reg.csv"), REGISTER.replace("640502100202", "64050210022"));
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reg\.csv:5:1 \[统计用区划代码\] 错误 bad-code/);
    expect(existsSync(join(cwd, "lib"))).toBe(false);
    const again = runCli(["init", ".", "--register", "reg.csv"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已存在且不是空文件夹/);
  });
});

/** The first lines of 中宁县's register as a township office keeps it, exported from Excel. */
const ZHONGNING = [
  "统计用区划代码,城乡分类代码,名称",
  "640521000000,,中宁县",
  "640521101000,,鸣沙镇",
  "640521101001,121,鸣雁社区",
  // 村委会 in the town's centre: urban by 城乡分类代码, a village by its code and name.
  "640521101200,121,黄营村",
  "640521101201,220,薛营村",
  "",
].join("\r\n");

describe("reserve init --district", () => {
  it("writes a county's register from the official table, with no file", () => {
    const cwd = tempDir();
    const r = runCli(["init", "zn", "--district", "640521", "--year", "2021"], { cwd });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.split("\n")).toEqual([
      "已在 zn 新建后备干部库：中宁县（640521，宁夏回族自治区中卫市），12 个乡镇，154 个村级单位。",
      "登记册取自统计用区划代码（2023 年版）。",
      "其中村 133 个（有储备数量要求），社区 21 个。",
      "下一步：用 reserve import 导入各村名册，用 reserve audit 检查。",
      "",
    ]);
    const d = loadLibrary(join(cwd, "zn"), { today: "2021-12-31", cwd }).library!.district;
    expect([d.code, d.name, d.city, d.province, d.towns.length, d.villages.length]).toEqual([
      "640521",
      "中宁县",
      "中卫市",
      "宁夏回族自治区",
      12,
      154,
    ]);
    const unit = (code: string) => d.villages.find((v) => v.code === code);
    expect([unit("640521101200"), unit("640521100001")]).toEqual([
      { code: "640521101200", name: "黄营村", town: "640521101", kind: "村", status: "正常" },
      { code: "640521100001", name: "振兴社区", town: "640521100", kind: "社区", status: "正常" },
    ]);
    expect(d.towns.map((t) => t.name)).toEqual([
      "宁安镇",
      "鸣沙镇",
      "石空镇",
      "新堡镇",
      "恩和镇",
      "大战场镇",
      "舟塔乡",
      "白马乡",
      "余丁乡",
      "喊叫水乡",
      "徐套乡",
      "太阳梁乡",
    ]);
    // Every 村 keeps its quota: a fresh library has all 133 below the minimum.
    const audit = runCli(["audit", "--data", "zn", "--format", "json"], { cwd });
    expect((JSON.parse(audit.stdout) as { summary: { villagesBelowMin: number } }).summary.villagesBelowMin).toBe(133);
  });

  it("stores the names a township writes: 村委会 and 社区居委会 dropped from the table's names", () => {
    const cwd = tempDir();
    expect(runCli(["init", "spt", "--district", "沙坡头区"], { cwd }).code).toBe(0);
    const d = loadLibrary(join(cwd, "spt"), { today: "2021-12-31", cwd }).library!.district;
    expect(
      d.villages
        .filter((v) => v.town === "640502100")
        .map((v) => `${v.code} ${v.name} ${v.kind}`)
        .slice(0, 2),
    ).toEqual(["640502100002 向阳巷居委会 社区", "640502100006 光明居委会 社区"]);
    expect(d.villages.find((v) => v.code === "640502100201")?.name).toBe("西关村");
    expect([d.towns.length, d.villages.length]).toEqual([13, 200]);
  });

  it("refuses a code that is no county, naming the nearest counties", () => {
    const cwd = tempDir();
    const cases: [string, string, string][] = [
      [
        "999999",
        "reserve: 错误 “999999”不在统计用区划代码表（2023 年版）的区县中",
        "  提示：最接近的区县：659009 昆玉市（新疆维吾尔自治区）、652929 柯坪县（新疆维吾尔自治区阿克苏地区）、610929 白河县（陕西省安康市）、532929 云龙县（云南省大理白族自治州）、469029 保亭黎族苗族自治县（海南省）；区划有变化时用 --register 给出本区县的区划代码表",
      ],
      [
        "6405",
        "reserve: 错误 “6405”是地级（市）代码，不是区县代码",
        "  提示：最接近的区县：640502 沙坡头区（宁夏回族自治区中卫市）、640521 中宁县（宁夏回族自治区中卫市）、640522 海原县（宁夏回族自治区中卫市）；区划有变化时用 --register 给出本区县的区划代码表",
      ],
      [
        "640512",
        "reserve: 错误 “640512”不在统计用区划代码表（2023 年版）的区县中",
        "  提示：最接近的区县：640521 中宁县（宁夏回族自治区中卫市）、640502 沙坡头区（宁夏回族自治区中卫市）、640522 海原县（宁夏回族自治区中卫市）、440512 濠江区（广东省汕头市）、640422 西吉县（宁夏回族自治区固原市）；区划有变化时用 --register 给出本区县的区划代码表",
      ],
      [
        "640521101200",
        "reserve: 错误 “640521101200”是村级代码，不是区县代码",
        "  提示：最接近的区县：640521 中宁县（宁夏回族自治区中卫市）；区划有变化时用 --register 给出本区县的区划代码表",
      ],
    ];
    for (const [code, message, hint] of cases) {
      const r = runCli(["init", "lib", "--district", code], { cwd });
      expect([r.code, r.stdout, r.stderr.split("\n")]).toEqual([2, "", [message, hint, ""]]);
    }
    expect(existsSync(join(cwd, "lib"))).toBe(false);
  });

  it("takes the file over the table when both are given, and lists how they differ", () => {
    const cwd = tempDir();
    // 薛营村 renamed, a new village, 鸣沙镇's other units left out, no county line.
    const merged = ZHONGNING.replace("640521000000,,中宁县\r\n", "")
      .replace("薛营村", "薛营新村")
      .replace("640521101201,220,薛营新村", "640521101201,220,薛营新村\r\n640521101299,220,鸣新村");
    writeFileSync(join(cwd, "reg.csv"), merged);
    const r = runCli(["init", "zn", "--register", "reg.csv", "--district", "640521"], { cwd });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "已在 zn 新建后备干部库：中宁县（640521，宁夏回族自治区中卫市），1 个乡镇，4 个村级单位。",
      "其中村 3 个（有储备数量要求），社区 1 个。",
      "与统计用区划代码（2023 年版）相比：多出 1 个，缺少 162 个，改名 1 个（库按代码表文件建立）：",
      "  多出 640521101299 鸣新村",
    ]);
    expect(lines.filter((l) => l.startsWith("  缺少")).slice(0, 2)).toEqual([
      "  缺少 640521100 宁安镇",
      "  缺少 640521100001 振兴社区",
    ]);
    expect(lines.filter((l) => l.startsWith("  改名"))).toEqual(["  改名 640521101201 薛营村 → 薛营新村"]);
    const d = loadLibrary(join(cwd, "zn"), { today: "2021-12-31", cwd }).library!.district;
    expect(d.villages.map((v) => v.name)).toEqual(["鸣雁社区", "黄营村", "薛营新村", "鸣新村"]);

    writeFileSync(join(cwd, "other.csv"), ZHONGNING);
    const wrong = runCli(["init", "lib", "--register", "other.csv", "--district", "640502"], { cwd });
    expect([wrong.code, wrong.stderr.split("\n")[0]]).toEqual([
      2,
      "reserve: 错误 区划代码表 other.csv 是 中宁县（640521） 的，而 --district 是 沙坡头区（640502）",
    ]);
  });

  it("needs --district or --register", () => {
    const cwd = tempDir();
    const r = runCli(["init", "lib"], { cwd });
    expect([r.code, r.stderr.split("\n")[0]]).toEqual([
      2,
      "reserve: 错误 请用 --district 给出区县代码（按官方区划代码表建库），或用 --register 给出区划代码表",
    ]);
  });
});

describe("reserve init --register: what a register file says", () => {
  it("says the county line is missing, and how to go on", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "reg.csv"), ZHONGNING.replace("640521000000,,中宁县\r\n", ""));
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(r.stderr.split("\n").slice(0, 2)).toEqual([
      "reg.csv:1:1 错误 register-county-missing 区划代码表中没有区县一行（代码以 000000 结尾，例如 640502000000,,沙坡头区）",
      "  提示：在表中加上区县一行，或用 --name 给出区县名称，或用 --district 640521 按官方区划代码表建库",
    ]);
    expect(existsSync(join(cwd, "lib"))).toBe(false);
    // With --name the same file is a register.
    expect(runCli(["init", "lib", "--register", "reg.csv", "--name", "中宁县"], { cwd }).code).toBe(0);
  });

  it("tells 村 from 社区 by the code and the name, keeps 城乡分类代码 apart, and warns where they disagree", () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, "reg.csv"),
      ZHONGNING.replace("640521101201,220,薛营村", "640521101201,220,薛营村\r\n640521101002,220,长鸣村委会"),
    );
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n")).toEqual([
      "reg.csv:7:3 [名称] 警告 register-kind-doubt 长鸣村委会（640521101002）：代码末三位表示居委会，名称却是村委会，暂按村登记（有储备数量要求）",
      "  提示：若是居委会（社区），在 district.yaml 中它下面写 kind: 社区",
      "",
    ]);
    expect(r.stdout.split("\n")[1]).toBe(
      "其中村 3 个（有储备数量要求），社区 1 个；1 个的类别须核对（见上面的警告）。",
    );
    const text = readFileSync(join(cwd, "lib", "district.yaml"), "utf8");
    expect(text).toContain(
      [
        '      - code: "640521101200"',
        "        name: 黄营村",
        '        urban_rural: "121"',
        '      - code: "640521101201"',
        "        name: 薛营村",
        '        urban_rural: "220"',
      ].join("\n"),
    );
    const d = loadLibrary(join(cwd, "lib"), { today: "2021-12-31", cwd }).library!.district;
    expect(d.villages.map((v) => [v.code, v.kind, v.urban_rural])).toEqual([
      ["640521101001", "社区", "121"],
      ["640521101002", "村", "220"],
      ["640521101200", "村", "121"],
      ["640521101201", "村", "220"],
    ]);
  });

  it("refuses unsafe names and a wrong 城乡分类代码 at their cells", () => {
    const cwd = tempDir();
    const rows = [
      "统计用区划代码,城乡分类代码,名称",
      "640521000000,,中宁县",
      "640521101000,,../../../tmp/x",
      "640521101200,121,CON",
      "640521101201,220,沙坡村.",
      "640521101202,220,黄\u0007河村",
      '640521101203,220,=HYPERLINK("http://x")',
      "640521101204,22,长滩村",
      // A stray quote in a cell Excel did not quote.
      '640521101205,220,李"营村',
    ];
    writeFileSync(join(cwd, "reg.csv"), rows.join("\r\n"));
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => !l.startsWith(" "))).toEqual([
      "reg.csv:3:3 [名称] 错误 name-unsafe 乡镇名称“../../../tmp/x”含有 / \\ : * ? | 或是 . ..，像是文件路径",
      "reg.csv:4:3 [名称] 错误 name-unsafe 村名“CON”是 Windows 保留的设备名，不能用作名称",
      "reg.csv:5:3 [名称] 错误 name-unsafe 村名“沙坡村.”以点或空格结尾",
      "reg.csv:6:3 [名称] 错误 name-unsafe 村名“黄U+0007河村”含有控制字符或不可见字符（换行、制表符、零宽字符等）",
      'reg.csv:7:3 [名称] 错误 name-unsafe 村名“=HYPERLINK("http://x")”以 = + - @ 开头，电子表格会把它当作公式',
      "reg.csv:8:2 [城乡分类代码] 错误 bad-term 城乡分类代码“22”不是规定的用语",
      'reg.csv:9:3 [名称] 错误 name-unsafe 村名“李"营村”含有 < > 或 "，不能用在名称中',
      "reserve: 错误 区划代码表 reg.csv 有错误，未创建库",
      "",
    ]);
    expect(existsSync(join(cwd, "lib"))).toBe(false);
  });
});

describe("district.yaml edited by hand", () => {
  it("reports an unsafe town or village name at its YAML value", () => {
    const cwd = tempDir();
    expect(runCli(["init", "lib", "--district", "640521"], { cwd }).code).toBe(0);
    const file = join(cwd, "lib", "district.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("name: 黄营村", "name: 黄营村.").replace("name: 鸣沙镇", 'name: "鸣沙镇\\t"'));
    const lines = readFileSync(file, "utf8").split("\n");
    const at = (needle: string) => `${lines.findIndex((l) => l.includes(needle)) + 1}`;
    const r = runCli(["audit", "--data", "lib", "--rule", "quota"], { cwd });
    expect(r.code).toBe(1);
    const found = r.stderr
      .concat(r.stdout)
      .split("\n")
      .filter((l) => l.includes("name-unsafe"));
    expect(found).toEqual([
      `lib/district.yaml:${at("鸣沙镇")}:11 错误 name-unsafe 乡镇名称“鸣沙镇U+0009”含有控制字符或不可见字符（换行、制表符、零宽字符等）`,
      `lib/district.yaml:${at("黄营村.")}:15 错误 name-unsafe 村名“黄营村.”以点或空格结尾`,
    ]);
    expect(readdirSync(join(cwd, "lib"))).toContain("district.yaml");
  });
});
