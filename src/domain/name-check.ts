/**
 * What no name may hold, wherever it is written — a person's name in a roster, a town's or a
 * village's in the register: names are shown on screens, matched, written into spreadsheets and
 * into the names of report files. File names never come from names, but a report's title does.
 */

export type NameFault =
  /** Begins with = + - @: a spreadsheet would take the cell for a formula. */
  | "formula"
  /** Holds < > or ": markup, or a quote a CSV writer or a reader trips over. */
  | "markup"
  /** Holds a control or invisible formatting character (a line break, a tab, a zero-width space…). */
  | "control"
  /** Holds / \ : * ? |, or is . or .., the signs of a path. */
  | "path"
  /** Ends in a dot or a space, which Windows drops from a file name. */
  | "trailing"
  /** A name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9). */
  | "reserved";

// Cc (C0, DEL, C1), and the Cf characters people do not see: soft hyphen, zero-width and
// direction marks, the BOM, the Unicode tag characters.
const CONTROL =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

/** The faults every name is checked for (people's names and place names alike). */
export function nameFault(name: string): NameFault | undefined {
  if (CONTROL.test(name)) return "control";
  if (/^[=+\-@＝＋－＠]/.test(name)) return "formula";
  if (/[<>"＜＞＂]/.test(name)) return "markup";
  return undefined;
}

/** A town's or a village's name: the checks of every name, and those of a name a file could take. */
export function placeNameFault(name: string): NameFault | undefined {
  const fault = nameFault(name);
  if (fault) return fault;
  if (/[/\\:*?|]/.test(name) || name === "." || name === "..") return "path";
  if (/[. ]$/.test(name)) return "trailing";
  if (RESERVED.test(name.trim())) return "reserved";
  return undefined;
}
