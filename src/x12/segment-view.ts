import { isCalendarDate, parseCentsIn } from './amounts.js';
import { type Codes, codesOf } from './codes.js';
import { X12Error } from './errors.js';
import { LazySegment, type Segment, splitOn } from './segment.js';

const NO_CODES: Codes = new Uint8Array(0);

/**
 * A window onto one segment of the text being read, reused for every segment: the element
 * boundaries are found once into a fixed Int32Array, and values are sliced, compared or parsed
 * (amounts, dates) straight from the text only when a reader asks for them. Characters are
 * read from `codes` (the same text as character codes), strings sliced from `text`. A streaming typed
 * reader sees millions of segments and keeps almost none of them, so this is what keeps it
 * from allocating a segment object, an element array and a string per element each time.
 *
 * Only valid during the call it is handed to: keep the values, never the view.
 */
export class SegmentView implements Segment {
  id = '';
  /** The id's number (see LoopTracker.place), set by the reader; -1 when not known. */
  idNumber = -1;
  index = 0;
  offset = 0;
  /** The text the segment is in, and where it starts and ends (terminator excluded). */
  text = '';
  /** `text` as character codes (codes[i] === text.charCodeAt(i)). */
  codes: Codes = NO_CODES;
  start = 0;
  end = 0;
  /** bounds[n] is the position of the separator before element n; bounds[count] is the end. */
  private bounds = new Int32Array(64);
  private count = 0;
  private readonly separatorCode: number;
  private readonly terminatorCode: number;

  /** `terminator` is only needed by `scan`. */
  constructor(
    private readonly separator: string,
    terminator = '',
  ) {
    this.separatorCode = separator.charCodeAt(0);
    this.terminatorCode = terminator ? terminator.charCodeAt(0) : -1;
  }

  /**
   * Sets the text the next segments are scanned in (and its character codes): once per chunk,
   * not per segment. The view is long-lived (old generation) and a chunk young, so storing them
   * for every segment ran the write barrier's slow path each time (~3% of the instructions of
   * a typed 835 read, BENCHMARKS.md, X12).
   */
  setText(text: string, codes: Codes): void {
    this.text = text;
    this.codes = codes;
  }

  /**
   * Points the view at the segment starting at text[from] of the text set by setText (after
   * the spaces and newlines many senders put between segments) and returns the position of its
   * terminator; -1 when the text ends first, unless `final`, when the rest is the segment and
   * text.length is returned. One pass over the characters finds both the element separators
   * and the end: a character loop is cheaper here than a native indexOf call per element.
   */
  scan(from: number, final: boolean): number {
    const sep = this.separatorCode;
    const term = this.terminatorCode;
    const codes = this.codes;
    const len = this.text.length;
    let s = from;
    // Bounds checked before every read: a read past the end deoptimizes the compiled loop.
    for (; s < len; s++) {
      const c = codes[s]!;
      if (!((c <= 32 || c === 0xa0 || c === 0xfeff) && c !== sep && c !== term)) break;
    }
    const at = this.bind(s, term);
    if (at >= len && !final) return -1;
    let e = at;
    for (; e > s; e--) {
      const c = codes[e - 1]!;
      if (!((c === 13 || c === 10) && c !== sep)) break;
    }
    this.bounds[this.count] = e;
    this.end = e;
    return at;
  }

  /** Points the view at text[start, end), one segment without its terminator. */
  reset(text: string, start: number, end: number, id: string, index: number, offset: number): this {
    // bind reads up to the end of the codes: they stop where the segment does.
    const codes = codesOf(text);
    this.setText(text, end < codes.length ? codes.subarray(0, end) : codes);
    this.bind(start, -1);
    this.id = id;
    this.idNumber = -1;
    this.index = index;
    this.offset = offset;
    return this;
  }

  /**
   * Records the separators from `start` up to the terminator or the end of the codes; returns
   * where it stopped.
   */
  private bind(start: number, term: number): number {
    const codes = this.codes;
    this.start = start;
    let b = this.bounds;
    b[0] = start - 1;
    let n = 1;
    const sep = this.separatorCode;
    // As 32-bit integers from here on: checked once, not per character.
    const end = codes.length | 0;
    const stop = term | 0;
    let at = start | 0;
    for (;;) {
      // The character loop holds no call and no allocation (growing the bounds is outside it),
      // and its limits are untagged above: with the growth inlined here TurboFan kept them
      // tagged and checked them again at every character (BENCHMARKS.md, X12).
      const last = b.length - 1;
      // Four characters a turn, each read as in a plain loop. TurboFan puts a stack check in
      // every loop turn and after it reloads and rechecks the codes array (map, data pointer,
      // length) before the next read: ~8 of the ~14 instructions a character (perf annotate),
      // now once per four. All four copies run for every segment, so none is left without
      // type feedback when TurboFan compiles this (a separate loop for the last few
      // characters was, and cost a deoptimization and recompile the first time it ran).
      // `| 0`: no overflow check on the counters. (Still under 460 bytes of bytecode, so
      // TurboFan inlines this into scan and drain; six copies, not inlined, measured no
      // better: 0.468 against 0.465 s of process CPU in 12 cold pairs.)
      let c = 0;
      for (;;) {
        if (at >= end) break;
        c = codes[at]!;
        if (c === sep) {
          if (n >= last) break;
          b[n] = at;
          n = (n + 1) | 0;
        } else if (c === stop) break;
        at = (at + 1) | 0;
        if (at >= end) break;
        c = codes[at]!;
        if (c === sep) {
          if (n >= last) break;
          b[n] = at;
          n = (n + 1) | 0;
        } else if (c === stop) break;
        at = (at + 1) | 0;
        if (at >= end) break;
        c = codes[at]!;
        if (c === sep) {
          if (n >= last) break;
          b[n] = at;
          n = (n + 1) | 0;
        } else if (c === stop) break;
        at = (at + 1) | 0;
        if (at >= end) break;
        c = codes[at]!;
        if (c === sep) {
          if (n >= last) break;
          b[n] = at;
          n = (n + 1) | 0;
        } else if (c === stop) break;
        at = (at + 1) | 0;
      }
      if (at < end && n >= last && codes[at] === sep) b = this.grow();
      else break;
    }
    b[n] = at;
    this.count = n;
    this.end = at;
    return at;
  }

  /** More elements than any 5010 segment has (BPR has 21): the bounds grow rather than fail. */
  private grow(): Int32Array<ArrayBuffer> {
    const bigger = new Int32Array(this.bounds.length * 2);
    bigger.set(this.bounds);
    this.bounds = bigger;
    return bigger;
  }

  /** How many elements the segment has, the id counted as element 0. */
  get size(): number {
    return this.count;
  }

  /** Element n (1-based) as text, '' when absent. */
  el(n: number): string {
    if (n >= this.count) return '';
    const from = this.bounds[n]! + 1;
    const to = this.bounds[n + 1]!;
    return to > from ? this.text.slice(from, to) : '';
  }

  /**
   * Element n as text, the same string object each time for short values (up to 7 characters:
   * codes, qualifiers, CARCs, RARCs, procedure codes), which repeat on every claim and line of
   * a file; saves an allocation each.
   */
  code(n: number): string {
    if (n >= this.count) return '';
    return this.textAt(this.bounds[n]! + 1, this.bounds[n + 1]!);
  }

  /** Where element n starts in the text (its first character). */
  from(n: number): number {
    return n < this.count ? this.bounds[n]! + 1 : this.end;
  }

  /** Where element n ends in the text (one past its last character). */
  to(n: number): number {
    return n < this.count ? this.bounds[n + 1]! : this.end;
  }

  /** The text between two positions of the segment, interned like `code`. */
  textAt(from: number, to: number): string {
    const n = to - from;
    if (n <= 0) return '';
    if (n > 7) return this.text.slice(from, to);
    // The characters themselves are the key (up to 7 Latin-1 codes and the length, packed
    // into two integers): a table slot holds the key of its string, so a repeated code costs
    // its character reads, no allocation, no Map lookup and no character compare. One loop
    // for every length (a length-dependent path first taken after TurboFan compiled this
    // would cost a deoptimization): `lo` keeps the last four codes, `hi` the ones before.
    const codes = this.codes;
    let lo = 0;
    let hi = 0;
    let all = 0;
    for (let i = from; i < to; i = (i + 1) | 0) {
      const c = codes[i]!;
      all |= c;
      hi = (hi << 8) | (lo >>> 24);
      lo = (lo << 8) | c;
    }
    hi |= n << 24;
    // A character beyond Latin-1 (UTF-16 text) does not fit the key: not interned.
    if (all > 0xff) return this.text.slice(from, to);
    const slot = (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 19) & (CODE_SLOTS - 1);
    // The length is in `hi`, so an empty slot (0, 0) never matches.
    if (CODE_LO[slot] === lo && CODE_HI[slot] === hi) return CODES[slot]!;
    const v = this.text.slice(from, to);
    CODE_LO[slot] = lo;
    CODE_HI[slot] = hi;
    CODES[slot] = v;
    return v;
  }

  /** True when element n is present and non-empty. */
  has(n: number): boolean {
    return n < this.count && this.bounds[n + 1]! > this.bounds[n]! + 1;
  }

  /** Element n equals `value`, compared in place. */
  is(n: number, value: string): boolean {
    if (n >= this.count) return value === '';
    const from = this.bounds[n]! + 1;
    const len = value.length;
    if (this.bounds[n + 1]! - from !== len) return false;
    // Qualifiers are 1-3 characters: compared here rather than through a native call. (One
    // loop for every length: a two-character case written out left the loop to the few
    // three-character qualifiers, which first ran after TurboFan compiled this: a
    // deoptimization and recompile each run.)
    const codes = this.codes;
    for (let i = 0; i < len; i++) if (codes[from + i] !== value.charCodeAt(i)) return false;
    return true;
  }

  /** Element n as a whole number when it is only digits (most quantities), else undefined. */
  digits(n: number): number | undefined {
    if (n >= this.count) return undefined;
    const from = this.bounds[n]! + 1;
    const to = this.bounds[n + 1]!;
    if (to <= from || to - from > 9) return undefined;
    let v = 0;
    const codes = this.codes;
    for (let i = from; i < to; i++) {
      const c = codes[i]! - 48;
      if (c < 0 || c > 9) return undefined;
      v = v * 10 + c;
    }
    return v;
  }

  /** Element n as integer cents (see parseCents); 0 when absent and `optional`, else X12Error. */
  cents(n: number, what: string, optional = false): number {
    const c = n < this.count ? parseCentsIn(this.codes, this.bounds[n]! + 1, this.bounds[n + 1]!) : undefined;
    if (c === undefined) {
      if (optional) return 0;
      throw this.error(`${what} is missing`, n);
    }
    if (Number.isNaN(c)) throw this.error(`${what} ${JSON.stringify(this.el(n))} is not an amount`, n);
    return c;
  }

  /** Element n, a CCYYMMDD date, as YYYY-MM-DD; undefined when empty, X12Error when not a date. */
  date(n: number): string | undefined {
    if (!this.has(n)) return undefined;
    const from = this.bounds[n]! + 1;
    const to = this.bounds[n + 1]!;
    if (to - from === 8) {
      // The eight digits read without a loop (see textAt). A character that is not a digit
      // gives a term below 0 or above 9, so `d | (9 - d)` is negative for it.
      const codes = this.codes;
      const d0 = codes[from]! - 48;
      const d1 = codes[from + 1]! - 48;
      const d2 = codes[from + 2]! - 48;
      const d3 = codes[from + 3]! - 48;
      const d4 = codes[from + 4]! - 48;
      const d5 = codes[from + 5]! - 48;
      const d6 = codes[from + 6]! - 48;
      const d7 = codes[from + 7]! - 48;
      const digitsOnly =
        (d0 |
          (9 - d0) |
          d1 |
          (9 - d1) |
          d2 |
          (9 - d2) |
          d3 |
          (9 - d3) |
          d4 |
          (9 - d4) |
          d5 |
          (9 - d5) |
          d6 |
          (9 - d6) |
          d7 |
          (9 - d7)) >=
        0;
      const key = digitsOnly
        ? ((((((d0 * 10 + d1) * 10 + d2) * 10 + d3) * 10 + d4) * 10 + d5) * 10 + d6) * 10 + d7
        : -1;
      if (key > 0) {
        const slot = Math.imul(key, 0x9e3779b1) >>> (32 - DATE_BITS);
        if (DATE_KEYS[slot] === key) return ISO_DATES[slot]!;
        const y = Math.floor(key / 10000);
        const m = Math.floor(key / 100) % 100;
        const d = key % 100;
        if (isCalendarDate(y, m, d)) {
          const v = this.text.slice(from, to);
          const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
          DATE_KEYS[slot] = key;
          ISO_DATES[slot] = iso;
          return iso;
        }
      }
    }
    throw this.error(`date ${JSON.stringify(this.el(n))} is not a valid CCYYMMDD date`, n);
  }

  /** An X12Error pointing at element n of this segment. */
  error(reason: string, element?: number): X12Error {
    return new X12Error(reason, {
      segment: this.index,
      segmentId: this.id,
      offset: this.offset,
      ...(element !== undefined ? { element } : {}),
    });
  }

  /** The whole segment's text. */
  get raw(): string {
    return this.text.slice(this.start, this.end);
  }

  /** All elements, split (allocates: for the rare reader that needs the array). */
  get elements(): string[] {
    return splitOn(this.raw, this.separator);
  }

  /** A standalone copy that outlives the view. */
  keep(): Segment {
    return new LazySegment(this.id, this.raw, this.separator, this.index, this.offset);
  }
}

/**
 * Short values (up to 7 characters) by a hash of their characters, with each slot's key (see
 * textAt); a collision just replaces.
 */
const CODE_SLOTS = 8192;
const CODES: Array<string | undefined> = new Array(CODE_SLOTS).fill(undefined);
const CODE_LO = new Int32Array(CODE_SLOTS);
const CODE_HI = new Int32Array(CODE_SLOTS);

/**
 * CCYYMMDD as a number → YYYY-MM-DD (dates repeat heavily in a file: one per service line): a
 * direct table indexed by a hash of the number (a load and a compare, not a Map lookup); a
 * collision just replaces.
 */
const DATE_BITS = 12;
const DATE_KEYS = new Int32Array(1 << DATE_BITS);
const ISO_DATES: Array<string | undefined> = new Array(1 << DATE_BITS).fill(undefined);
