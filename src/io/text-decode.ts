/**
 * Text files from Excel and WPS on Chinese Windows come as UTF-8 (with or without BOM) or as
 * GBK/GB18030. UTF-8 is tried strictly first; anything that is not valid UTF-8 is read as GB18030
 * (a superset of GBK), using the decoder built into Node (full ICU), so no extra package is needed.
 */
export type Encoding = "utf-8" | "utf-8-bom" | "gb18030";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } | undefined {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: utf8.decode(bom ? bytes.subarray(3) : bytes), encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // not UTF-8
  }
  try {
    return { text: gb18030.decode(bytes), encoding: "gb18030" };
  } catch {
    return undefined;
  }
}
