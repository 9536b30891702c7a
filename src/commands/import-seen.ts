/**
 * Where each ID number of an import's rows was first seen, for the check that nobody is listed
 * twice. A country's roll-up has 1.5 million of them: kept as strings in a Map they cost a string
 * copy and a string hash per row and over 100 MB. A number of 17 digits and a digit or X is kept
 * as two integers — digits 1–9, and digits 10–17 with the last character — in an open-addressing
 * table of typed arrays; anything else (never an ID number that passed its check) goes to a Map.
 */
export class FirstSeen {
  /**
   * Four 32-bit words a slot, so that a probe reads one cache line: the two halves of the number
   * (-1: the slot is empty), and the value's high and low 32 bits.
   */
  private slots: Int32Array;
  private mask: number;
  private size = 0;
  private readonly other = new Map<string, number>();

  constructor(capacity = 1 << 16) {
    let n = 16;
    while (n < capacity) n <<= 1;
    this.slots = emptySlots(n);
    this.mask = n - 1;
  }

  /**
   * The value kept for `id`, if it was seen; otherwise keeps `value` (an integer below 2^53) for
   * it and returns undefined. (One look-up for the check and the insert, which the import always
   * does together.)
   */
  firstOrAdd(id: string, value: number): number | undefined {
    if (!isPackable(id)) {
      const first = this.other.get(id);
      if (first === undefined) this.other.set((" " + id).slice(1), value);
      return first;
    }
    const hi = digits(id, 0, 9);
    const last = id.charCodeAt(17);
    // 8 digits × 11 + the last character (0–9, X as 10) stays below 2^31.
    const lo = digits(id, 9, 17) * 11 + (last === 88 ? 10 : last - 48);
    const slots = this.slots;
    const mask = this.mask;
    let i = hash(hi, lo) & mask;
    for (;;) {
      const at = i << 2;
      const h = slots[at]!;
      if (h === -1) break;
      if (h === hi && slots[at + 1] === lo) return slots[at + 2]! * 2 ** 32 + (slots[at + 3]! >>> 0);
      i = (i + 1) & mask;
    }
    put(slots, i << 2, hi, lo, Math.floor(value / 2 ** 32), value >>> 0);
    if (++this.size * 4 > (mask + 1) * 3) this.grow();
    return undefined;
  }

  private grow(): void {
    const old = this.slots;
    const n = (this.mask + 1) * 2;
    const slots = emptySlots(n);
    const mask = n - 1;
    for (let k = 0; k < old.length; k += 4) {
      const h = old[k]!;
      if (h === -1) continue;
      let i = hash(h, old[k + 1]!) & mask;
      while (slots[i << 2] !== -1) i = (i + 1) & mask;
      put(slots, i << 2, h, old[k + 1]!, old[k + 2]!, old[k + 3]!);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function emptySlots(n: number): Int32Array {
  const slots = new Int32Array(n * 4);
  for (let k = 0; k < slots.length; k += 4) slots[k] = -1;
  return slots;
}

function put(slots: Int32Array, at: number, hi: number, lo: number, high: number, low: number): void {
  slots[at] = hi;
  slots[at + 1] = lo;
  slots[at + 2] = high;
  slots[at + 3] = low;
}

/** 18 characters: 17 ASCII digits and a digit or X. */
function isPackable(id: string): boolean {
  if (id.length !== 18) return false;
  for (let k = 0; k < 17; k++) {
    const c = id.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  const last = id.charCodeAt(17);
  return (last >= 48 && last <= 57) || last === 88;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n = n * 10 + (s.charCodeAt(k) - 48);
  return n;
}

function hash(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo ^ (lo >>> 15), 0x85ebca77);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}
