import type { Reserve } from "../domain/model.js";
import { statusCountsInPool } from "../domain/terms.js";

/**
 * What the checks across the whole library need of each record, as numbers: a hash of its internal
 * id (the loader's `person-id-duplicate`) and, for a record holding a place in the pool, of its ID
 * number (the duplicates rule). Kept in the cache beside the records and the findings, so that an
 * audit in units (commands/audit-units.ts) finds the few records shared between towns without
 * reading any other. Equal hashes are only candidates: the records are compared themselves.
 *
 * Per record, four words: id hash (2), ID-number hash (2; both 0 when the record holds no place).
 */

export const KEY_WORDS = 4;

/** A 52-bit hash of a string, as two words (high 20 bits, low 32 bits); never 0, 0. */
export function hash52(s: string): [number, number] {
  // Two 32-bit FNV-1a hashes with different offsets.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hi = (a >>> 12) | 0x1;
  return [hi >>> 0, b >>> 0];
}

/** The key words of a book's readable records. */
export function recordKeys(reserves: readonly Reserve[]): Uint32Array {
  const out = new Uint32Array(reserves.length * KEY_WORDS);
  reserves.forEach((r, i) => {
    const [ih, il] = hash52(r.id);
    out[i * KEY_WORDS] = ih;
    out[i * KEY_WORDS + 1] = il;
    if (statusCountsInPool(r.status)) {
      const [nh, nl] = hash52(r.id_number.toUpperCase());
      out[i * KEY_WORDS + 2] = nh;
      out[i * KEY_WORDS + 3] = nl;
    }
  });
  return out;
}

/** The 52-bit hash as one exact number (for sorting). */
export function keyNumber(hi: number, lo: number): number {
  return (hi & 0xfffff) * 0x100000000 + lo;
}
