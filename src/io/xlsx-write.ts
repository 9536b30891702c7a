import type { ColumnStyle, SheetSpec, WorkbookSpec } from "../reports/workbook.js";
import { packEntry, zip, type PackedData, type ZipEntry } from "./zip.js";

/**
 * A small SpreadsheetML (ECMA-376) writer for the project's sheets: one or more worksheets, shared
 * strings, a fixed set of cell styles (header; locked text; locked; unlocked text; unlocked whole
 * number; wrapped text), sheet protection, data validation, frozen header row, A4 print set-up one
 * page wide with the header row repeated on every page. Written by hand because a general xlsx
 * library costs more time to load than the whole report takes (a district report writes about two
 * hundred workbooks); read back with exceljs in tests (tests/report/xlsx.test.ts,
 * tests/report/ledger-xlsx.test.ts). Deterministic: no clock, fixed ZIP time stamps, the report
 * date as the document's date.
 */

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style ids in styles.xml cellXfs, by column style. */
const STYLE_ID: Record<ColumnStyle | "header", number> = {
  header: 1,
  "locked-text": 2,
  locked: 3,
  "input-text": 4,
  "input-number": 5,
  text: 2,
  value: 3,
  wrap: 6,
};

/** Styles whose cells are always written as text, numbers included. */
const TEXT_STYLES: ReadonlySet<ColumnStyle> = new Set(["locked-text", "input-text", "text", "wrap"]);

const STYLES = `${HEAD}<styleSheet xmlns="${MAIN}">
<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>
<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFB4BCC6"/></left><right style="thin"><color rgb="FFB4BCC6"/></right><top style="thin"><color rgb="FFB4BCC6"/></top><bottom style="thin"><color rgb="FFB4BCC6"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>
<xf numFmtId="49" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" vertical="center"/><protection locked="0"/></xf>
<xf numFmtId="1" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" vertical="center"/><protection locked="0"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
`;

/**
 * Text as XML character data: markup escaped, characters XML 1.0 forbids written as _xHHHH_, and a
 * carriage return too (an XML reader turns a raw one into a line feed, so it would not come back).
 */
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>"\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

export function xmlText(s: string): string {
  // Most cells (names, codes, dates) hold none of it: no new strings for them.
  if (!XML_SPECIAL.test(s)) return s;
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"))
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    );
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Header and footer text: a literal & is written && (a single & starts a code such as &P). */
function headerText(s: string): string {
  return s.replace(/&(?![PN])/g, "&&");
}

function cut(s: string, max: number): string {
  return [...s].length > max ? [...s].slice(0, max - 1).join("") + "…" : s;
}

/** A sheet's name as Excel allows it: no : \\ / ? * [ ], at most 31 characters, unique in the book. */
function sheetNames(sheets: readonly SheetSpec[]): string[] {
  const used = new Set<string>();
  return sheets.map((sheet, i) => {
    let name = cut(sheet.name.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, ""), 31) || `Sheet${i + 1}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${cut(sheet.name, 27)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}

function sheetXml(sheet: SheetSpec, strings: (s: string) => number): string {
  const cols = sheet.columns;
  const letters = cols.map((_, i) => columnName(i));
  const styles = cols.map((c) => STYLE_ID[c.style]);
  const asText = cols.map((c) => TEXT_STYLES.has(c.style));
  const lastCol = letters[letters.length - 1] ?? "A";
  const lastRow = sheet.rows.length + 1;
  const out: string[] = [
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`,
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<dimension ref="A1:${lastCol}${lastRow}"/>`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="18" customHeight="1"/>',
    `<cols>${cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("")}</cols>`,
    "<sheetData>",
  ];
  out.push(
    `<row r="1" ht="32" customHeight="1">${cols
      .map((c, i) => `<c r="${letters[i]}1" s="${STYLE_ID.header}" t="s"><v>${strings(c.header)}</v></c>`)
      .join("")}</row>`,
  );
  // The fixed parts of each column's cells, put together once per sheet.
  const open = letters.map((l) => `<c r="${l}`);
  const empty = styles.map((st) => `" s="${st}"/>`);
  const number = styles.map((st) => `" s="${st}"><v>`);
  const shared = styles.map((st) => `" s="${st}" t="s"><v>`);
  for (let ri = 0; ri < sheet.rows.length; ri++) {
    const row = sheet.rows[ri]!;
    const r = ri + 2;
    let line = `<row r="${r}">`;
    for (let ci = 0; ci < cols.length; ci++) {
      const v = row[ci] ?? null;
      if (v === null || v === "") line += open[ci]! + r + empty[ci]!;
      else if (typeof v === "number" && !asText[ci]) line += `${open[ci]!}${r}${number[ci]!}${v}</v></c>`;
      else line += `${open[ci]!}${r}${shared[ci]!}${strings(String(v))}</v></c>`;
    }
    out.push(`${line}</row>`);
  }
  out.push("</sheetData>");
  if (sheet.protect) {
    out.push('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>');
  }
  if (sheet.validations.length > 0 && sheet.rows.length > 0) {
    out.push(`<dataValidations count="${sheet.validations.length}">`);
    for (const v of sheet.validations) {
      const sqref = `${columnName(v.firstColumn)}2:${columnName(v.lastColumn)}${lastRow}`;
      const common =
        `allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="stop"` +
        ` errorTitle="${xmlText(cut(v.errorTitle, 32))}" error="${xmlText(cut(v.error, 225))}"` +
        ` promptTitle="${xmlText(cut(v.promptTitle, 32))}" prompt="${xmlText(cut(v.prompt, 255))}" sqref="${sqref}"`;
      if (v.rule.type === "list") {
        const list = `"${v.rule.values.map((x) => x.replace(/"/g, '""')).join(",")}"`;
        out.push(`<dataValidation type="list" ${common}><formula1>${xmlText(list)}</formula1></dataValidation>`);
      } else {
        out.push(
          `<dataValidation type="whole" operator="between" ${common}><formula1>${v.rule.min}</formula1><formula2>${v.rule.max}</formula2></dataValidation>`,
        );
      }
    }
    out.push("</dataValidations>");
  }
  const note = sheet.printNote === undefined ? "" : `&L&8${headerText(cut(sheet.printNote, 120))}`;
  out.push(
    '<printOptions horizontalCentered="1"/>',
    '<pageMargins left="0.4" right="0.4" top="0.7" bottom="0.6" header="0.3" footer="0.3"/>',
    `<pageSetup paperSize="9" orientation="${sheet.orientation}" fitToWidth="1" fitToHeight="0"/>`,
    `<headerFooter><oddHeader>${xmlText(`&C&"-,Bold"${headerText(cut(sheet.printHeader, 100))}`)}</oddHeader><oddFooter>${xmlText(
      `${note}&C${headerText(sheet.printFooter)}`,
    )}</oddFooter></headerFooter>`,
    "</worksheet>",
  );
  return out.join("\n");
}

/** Parts that are the same in many workbooks, deflated once per run. */
const packedParts = new Map<string, PackedData>();

function packedOnce(text: string): PackedData {
  let p = packedParts.get(text);
  if (p === undefined) {
    p = packEntry(Buffer.from(text, "utf8"), true);
    packedParts.set(text, p);
  }
  return p;
}

/** The .xlsx file of a workbook. */
export function xlsxBytes(book: WorkbookSpec): Buffer {
  const table = new Map<string, number>();
  const list: string[] = [];
  const strings = (s: string) => {
    let i = table.get(s);
    if (i === undefined) {
      i = list.length;
      table.set(s, i);
      list.push(s);
    }
    return i;
  };
  const sheets = book.sheets.map((sheet) => sheetXml(sheet, strings));
  const sst = `${HEAD}<sst xmlns="${MAIN}" count="${list.length}" uniqueCount="${list.length}">${list
    .map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ""}>${xmlText(s)}</t></si>`)
    .join("")}</sst>`;
  const names = sheetNames(book.sheets);
  const n = sheets.length;
  const stamp = `${book.date}T00:00:00Z`;
  const sheetOverrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join("");
  const sheetRels = sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  const sheetList = names
    .map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  const titles = names
    .map(
      (name, i) =>
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`'${name.replace(/'/g, "''")}'!$1:$1`)}</definedName>`,
    )
    .join("");
  const constant: [string, string][] = [
    [
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetOverrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ],
  ];
  const own: [string, string][] = [
    [
      "docProps/core.xml",
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(book.title)}</dc:title><dc:creator>reserve</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`,
    ],
    [
      "xl/workbook.xml",
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets><definedNames>${titles}</definedNames></workbook>`,
    ],
  ];
  const rels: [string, string] = [
    "xl/_rels/workbook.xml.rels",
    `${HEAD}<Relationships xmlns="${PKG_REL}">${sheetRels}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ];
  const entries: ZipEntry[] = [
    ...constant.map(([name, text]) => ({ name, packed: packedOnce(text) })),
    ...own.map(([name, text]) => ({ name, data: Buffer.from(text, "utf8") })),
    { name: rels[0], packed: packedOnce(rels[1]) },
    { name: "xl/styles.xml", packed: packedOnce(STYLES) },
    { name: "xl/sharedStrings.xml", data: Buffer.from(sst, "utf8") },
    ...sheets.map((text, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(text, "utf8") })),
  ];
  return zip(entries);
}
