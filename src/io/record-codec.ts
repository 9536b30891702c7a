/**
 * A compact binary form of plain data (objects, arrays, strings, numbers, booleans, null) for the
 * library cache (library-cache.ts). Strings and object shapes (key lists) are kept once per table
 * and values refer to them by number, so the thousands of records of a town share their dates,
 * terms and keys; decoding builds each object with a constructor compiled per shape, which is
 * several times faster than parsing the same records as JSON.
 *
 * A value is a 32-bit word: 3 bits of kind, 29 bits of payload.
 *   0 string (index)   1 integer 0 … 2^29-1   2 other number (index of its text)
 *   3 constant (0 false, 1 true, 2 null)   4 array (length; items follow)   5 object (shape; values follow)
 */

export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

const STRING = 0;
const INT = 1;
const NUMBER = 2;
const CONSTANT = 3;
const ARRAY = 4;
const OBJECT = 5;
const MAX_INT = 2 ** 29;

export interface EncodedTables {
  readonly strings: readonly string[];
  readonly shapes: readonly (readonly string[])[];
}

/**
 * Collects values into one word stream with shared string and shape tables. Given the words and
 * tables of an earlier stream, it goes on from them: values written there keep their positions.
 */
export class Encoder {
  private words: Uint32Array;
  private length = 0;
  private readonly stringIndex = new Map<string, number>();
  /** Shapes by their keys, one level per key (a key list is looked up without being joined). */
  private readonly shapeRoot = new ShapeNode();
  readonly strings: string[] = [];
  readonly shapes: string[][] = [];

  constructor(from?: { readonly words: Uint32Array; readonly tables: EncodedTables }) {
    this.words = new Uint32Array(Math.max(1 << 12, (from?.words.length ?? 0) * 2));
    if (!from) return;
    this.words.set(from.words);
    this.length = from.words.length;
    // Kept as they are, so that the earlier values' indexes still hold.
    for (const s of from.tables.strings) {
      if (!this.stringIndex.has(s)) this.stringIndex.set(s, this.strings.length);
      this.strings.push(s);
    }
    for (const keys of from.tables.shapes) {
      let node = this.shapeRoot;
      for (const k of keys) node = node.child(k);
      if (node.id === -1) node.id = this.shapes.length;
      this.shapes.push([...keys]);
    }
  }

  /** The position the next value will be written at. */
  get position(): number {
    return this.length;
  }

  private push(word: number): void {
    if (this.length === this.words.length) {
      const bigger = new Uint32Array(this.words.length * 2);
      bigger.set(this.words);
      this.words = bigger;
    }
    this.words[this.length++] = word;
  }

  private string(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  /** The id of the shape a walk of the shape tree ended at, made when new. */
  private shapeOf(node: ShapeNode): number {
    if (node.id === -1) {
      node.id = this.shapes.length;
      this.shapes.push(node.keys());
    }
    return node.id;
  }

  /** Appends a value; undefined object members are left out, as JSON would. */
  write(value: unknown): void {
    switch (typeof value) {
      case "string":
        this.push(this.string(value) * 8 + STRING);
        return;
      case "number":
        if (Number.isInteger(value) && value >= 0 && value < MAX_INT && !Object.is(value, -0)) {
          this.push(value * 8 + INT);
        } else this.push(this.string(Object.is(value, -0) ? "-0" : String(value)) * 8 + NUMBER);
        return;
      case "boolean":
        this.push((value ? 1 : 0) * 8 + CONSTANT);
        return;
      case "object":
        if (value === null) {
          this.push(2 * 8 + CONSTANT);
          return;
        }
        if (Array.isArray(value)) {
          this.push(value.length * 8 + ARRAY);
          for (const item of value as unknown[]) this.write(item ?? null);
          return;
        }
        {
          // The members are written as their keys are walked, and the shape put in front after:
          // one pass over the object, in the order Object.keys gives (for-in's, own members first).
          const obj = value as Record<string, unknown>;
          const slot = this.length;
          this.push(0);
          let node = this.shapeRoot;
          for (const k in obj) {
            const v = obj[k];
            if (v === undefined || !Object.hasOwn(obj, k)) continue;
            node = node.child(k);
            this.write(v);
          }
          this.words[slot] = this.shapeOf(node) * 8 + OBJECT;
        }
        return;
      default:
        throw new TypeError(`cannot encode a ${typeof value}`);
    }
  }

  /** Appends words as they are (not a value: read back as words, see Shard.keys). */
  raw(words: Uint32Array): void {
    for (let i = 0; i < words.length; i++) this.push(words[i]!);
  }

  /** The words written so far. */
  finish(): Uint32Array {
    return this.words.subarray(0, this.length);
  }
}

/**
 * A node of the tree of key lists: the list of the keys on its path. Most nodes have one child
 * (the records of a kind share their lists), looked at before the map of any others.
 */
class ShapeNode {
  id = -1;
  private firstKey: string | undefined;
  private first: ShapeNode | undefined;
  private next: Map<string, ShapeNode> | undefined;

  constructor(
    private readonly parent?: ShapeNode,
    private readonly key?: string,
  ) {}

  child(key: string): ShapeNode {
    if (key === this.firstKey) return this.first!;
    if (this.first === undefined) {
      this.firstKey = key;
      return (this.first = new ShapeNode(this, key));
    }
    this.next ??= new Map();
    let node = this.next.get(key);
    if (!node) this.next.set(key, (node = new ShapeNode(this, key)));
    return node;
  }

  /** The keys on the path to this node. */
  keys(): string[] {
    const out = this.parent ? this.parent.keys() : [];
    if (this.key !== undefined) out.push(this.key);
    return out;
  }
}

export class CorruptData extends Error {}

/** How many objects of a shape are built before a constructor is compiled for it. */
const COMPILE_FROM = 32;

/** Reads values back from a word stream and its tables. Throws CorruptData on anything malformed. */
export class Decoder {
  /** Per shape, how often it was built, and its constructor once it is built often. */
  private readonly uses: Uint32Array;
  private readonly made: (((next: () => unknown) => Record<string, unknown>) | undefined)[] = [];
  private pos = 0;
  private end = 0;

  constructor(
    private readonly words: Uint32Array,
    private readonly tables: EncodedTables,
  ) {
    for (const keys of tables.shapes) {
      if (!Array.isArray(keys)) throw new CorruptData("bad shape");
      for (const k of keys) if (typeof k !== "string" || k === "__proto__") throw new CorruptData("bad shape");
    }
    this.uses = new Uint32Array(tables.shapes.length);
  }

  /**
   * An object of a shape: a key at a time for the first few of the shape (a command that reads a
   * town's records compiles nothing), then by one object literal compiled for the shape, so that
   * the thousands of records of a kind get the same hidden class at once.
   */
  private object(shape: number): Record<string, unknown> {
    const keys = this.tables.shapes[shape];
    if (!keys) throw new CorruptData("bad shape");
    if (++this.uses[shape]! <= COMPILE_FROM) {
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = this.next();
      return out;
    }
    let make = this.made[shape];
    if (!make) {
      // The keys are JSON string literals, which cannot break out of the literal.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      make = new Function("v", `return {${keys.map((k) => `${JSON.stringify(k)}: v()`).join(", ")}};`) as (
        next: () => unknown,
      ) => Record<string, unknown>;
      this.made[shape] = make;
    }
    return make(this.next);
  }

  private readonly next = (): unknown => {
    if (this.pos >= this.end) throw new CorruptData("past the end");
    const word = this.words[this.pos++]!;
    const payload = word >>> 3;
    switch (word & 7) {
      case STRING: {
        const s = this.tables.strings[payload];
        if (s === undefined) throw new CorruptData("bad string");
        return s;
      }
      case INT:
        return payload;
      case NUMBER: {
        const s = this.tables.strings[payload];
        if (s === undefined) throw new CorruptData("bad number");
        return Number(s);
      }
      case CONSTANT:
        if (payload > 2) throw new CorruptData("bad constant");
        return payload === 2 ? null : payload === 1;
      case ARRAY: {
        if (payload > this.end - this.pos) throw new CorruptData("bad length");
        const out = new Array<unknown>(payload);
        for (let i = 0; i < payload; i++) out[i] = this.next();
        return out;
      }
      case OBJECT:
        return this.object(payload);
      default:
        throw new CorruptData("bad kind");
    }
  };

  /** The value written at `start`, which must end exactly at `end`. */
  read(start: number, end: number): unknown {
    if (start < 0 || end > this.words.length || start > end) throw new CorruptData("bad range");
    this.pos = start;
    this.end = end;
    const value = this.next();
    if (this.pos !== end) throw new CorruptData("bad range");
    return value;
  }
}
