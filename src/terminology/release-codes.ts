import { compactCode, dotted } from './code-format.js';
import { editDistance } from './edit-distance.js';
import type { CodeRef, ReleaseInfo } from './types.js';

/** One code of a release as validation needs it. */
export interface CodeEntry {
  code: string;
  title: string;
  billable: boolean;
}

/** A release's codes as columns (row i across the arrays), in any order of `seq`. */
export interface CodeEntryColumns {
  code: readonly string[];
  title: readonly string[];
  billable: readonly boolean[];
  /** Tabular (order-file) order. */
  seq: readonly number[];
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Work caps for "closest code": how many codes of the category the full edit distance is
// computed for at most, and up to which distance they are kept.
const WINDOW = 128;
const MAX_DISTANCE = 3;

/**
 * The codes of one release in Tabular order, as flat arrays: what `validate` needs (exists,
 * billable, title, descendants, closest codes) for the chosen release and for every other
 * loaded release ("valid in FY2021"). Cheap to build from one query — no tree, no notes.
 *
 * It relies on two properties of ICD-10-CM: a code's descendants are exactly the codes it is a
 * prefix of (the dot always sits after the 3rd character, so this holds for dotted codes too),
 * and Tabular order is a pre-order walk (7th-character expansions right after their base), so a
 * code's subtree is the contiguous run of codes after it that share its prefix. Every
 * 7-character code is a 7th-character expansion.
 */
export class ReleaseCodes {
  private readonly codes: string[] = [];
  private readonly titles: string[] = [];
  private readonly billable: boolean[] = [];
  private readonly position = new Map<string, number>();
  /** First and past-the-end positions of each 3-character category's run (and the category). */
  private readonly categories = new Map<string, [number, number, string]>();
  // The run being extended while the arrays are filled.
  private currentRun: [number, number, string] | null = null;

  /** From the columns of one query (sorted by seq here when they are not already). */
  constructor(
    readonly release: ReleaseInfo,
    columns?: CodeEntryColumns,
  ) {
    if (!columns) return;
    const { code, title, billable, seq } = columns;
    const order = isSorted(seq)
      ? null
      : seq.map((_, i) => i).sort((a, b) => (seq[a] as number) - (seq[b] as number));
    for (let k = 0; k < code.length; k++) {
      const i = order ? (order[k] as number) : k;
      this.push(code[i] as string, title[i] as string, billable[i] as boolean);
    }
  }

  /** From entries already in Tabular order (the chosen release's tree). */
  static fromEntries(release: ReleaseInfo, entries: readonly CodeEntry[]): ReleaseCodes {
    const set = new ReleaseCodes(release);
    for (const e of entries) set.push(e.code, e.title, e.billable);
    return set;
  }

  private push(raw: string, title: string, billable: boolean): void {
    // Order files spell codes without the dot; everything here is dotted.
    const code = raw.length > 3 && raw.charCodeAt(3) !== 46 ? dotted(raw) : raw;
    const i = this.codes.length;
    this.codes.push(code);
    this.titles.push(title);
    this.billable.push(billable);
    this.position.set(code, i);
    // Categories are contiguous in Tabular order: extend the current run or start a new one.
    const run = this.currentRun;
    if (run && code.startsWith(run[2])) run[1] = i + 1;
    else {
      const category = code.slice(0, 3);
      const next: [number, number, string] = [i, i + 1, category];
      if (!this.categories.has(category)) this.categories.set(category, next);
      this.currentRun = next;
    }
  }

  get size(): number {
    return this.codes.length;
  }

  /** Entries whose compact code starts with a compact prefix of 3+ characters, in Tabular order. */
  startingWith(compactPrefix: string, cap: number): CodeEntry[] {
    const run = this.categories.get(compactPrefix.slice(0, 3));
    const out: CodeEntry[] = [];
    if (!run) return out;
    for (let i = run[0]; i < run[1] && out.length < cap; i++) {
      if ((this.codes[i] as string).replace('.', '').startsWith(compactPrefix)) out.push(this.entry(i));
    }
    return out;
  }

  /** Every entry in Tabular order. */
  *entries(): Generator<CodeEntry> {
    for (let i = 0; i < this.codes.length; i++) yield this.entry(i);
  }

  /** A dotted upper-case code's entry. */
  get(code: string): CodeEntry | undefined {
    const i = this.position.get(code);
    return i === undefined ? undefined : this.entry(i);
  }

  private entry(i: number): CodeEntry {
    return {
      code: this.codes[i] as string,
      title: this.titles[i] as string,
      billable: this.billable[i] as boolean,
    };
  }

  /** Billable codes under a code in Tabular order, the first `cap` of them, and how many in all. */
  billableDescendants(code: string, cap: number): { codes: CodeRef[]; count: number } {
    const codes: CodeRef[] = [];
    let count = 0;
    const i = this.position.get(code);
    if (i === undefined) return { codes, count };
    for (let j = i + 1; j < this.codes.length && (this.codes[j] as string).startsWith(code); j++) {
      if (!this.billable[j]) continue;
      count++;
      if (codes.length < cap) codes.push(this.entry(j));
    }
    return { codes, count };
  }

  /**
   * True when a code lacks only its 7th character: it is not billable and everything under it is
   * a 7-character code (T51.3X1 → T51.3X1A/D/S; S02.0 → S02.0XXA/D/…).
   */
  needsSeventhOnly(code: string): boolean {
    const i = this.position.get(code);
    if (i === undefined || this.billable[i] || code.length >= 8) return false;
    let j = i + 1;
    for (; j < this.codes.length && (this.codes[j] as string).startsWith(code); j++) {
      if ((this.codes[j] as string).length !== 8) return false;
    }
    return j > i + 1;
  }

  /**
   * Closest codes to an unknown one, with bounded work whatever the release size:
   * 1. every code of the input's category one edit away (a cheap one-pass check per code; the
   *    largest category, S82, has ~3,300 codes);
   * 2. the same code in the categories one substitution or swap away (a mistyped category);
   * 3. if that gives fewer than `cap`: up to `WINDOW` codes of the category around the subtree of
   *    the input's longest existing prefix, within `MAX_DISTANCE` edits.
   * Ranked by distance, same category, billable, Tabular order.
   */
  closest(code: string, cap: number): CodeRef[] {
    const category = code.slice(0, 3);
    const found = new Map<number, number>();
    const run = this.categories.get(category);
    if (run) {
      for (let i = run[0]; i < run[1]; i++) {
        if (codeWithinOne(this.codes[i] as string, code)) found.set(i, 1);
      }
    }
    const rest = code.slice(3);
    for (const other of neighbourCategories(category)) {
      if (!this.categories.has(other)) continue;
      const i = this.position.get(other + rest);
      if (i !== undefined) found.set(i, 1);
    }
    if (found.size < cap && run) this.scanWindow(code, run, found);
    return [...found]
      .sort(
        ([i, d], [j, e]) =>
          d - e ||
          Number((this.codes[j] as string).startsWith(category)) -
            Number((this.codes[i] as string).startsWith(category)) ||
          Number(this.billable[j]) - Number(this.billable[i]) ||
          i - j,
      )
      .slice(0, cap)
      .map(([i]) => this.entry(i));
  }

  private scanWindow(code: string, run: readonly [number, number, string], found: Map<number, number>): void {
    let [from, to] = run;
    if (to - from > WINDOW) {
      // Centre the window on the subtree of the longest prefix of the input that exists.
      let anchor = from;
      for (let n = code.length - 1; n > 3; n--) {
        const i = this.position.get(code.slice(0, n));
        if (i !== undefined) {
          anchor = i;
          break;
        }
      }
      from = Math.max(run[0], anchor - WINDOW / 4);
      to = Math.min(run[1], from + WINDOW);
    }
    for (let i = from; i < to; i++) {
      if (found.has(i)) continue;
      const d = codeDistance(this.codes[i] as string, code);
      if (d <= MAX_DISTANCE) found.set(i, d);
    }
  }
}

/**
 * True when two dotted codes are one substitution, insertion, deletion or adjacent swap apart:
 * one pass, no allocation. (Codes with the dot both after the 3rd character compare like their
 * compact forms, except a swap across the dot, which counts as two edits.)
 */
export function codeWithinOne(a: string, b: string): boolean {
  if (a.length === 3 || b.length === 3) {
    if (a.length === b.length) return editDistance(a, b, 1) === 1;
    return editDistance(compactCode(a), compactCode(b), 1) === 1;
  }
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let first = -1;
    let second = -1;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
      if (first < 0) first = i;
      else if (second < 0) second = i;
      else return false;
    }
    if (first < 0) return false;
    if (second < 0) return true;
    return (
      second === first + 1 &&
      a.charCodeAt(first) === b.charCodeAt(second) &&
      a.charCodeAt(second) === b.charCodeAt(first)
    );
  }
  if (la - lb !== 1 && lb - la !== 1) return false;
  const short = la < lb ? a : b;
  const long = la < lb ? b : a;
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < short.length) {
    if (short.charCodeAt(i) === long.charCodeAt(j)) {
      i++;
      j++;
    } else if (skipped) {
      return false;
    } else {
      skipped = true;
      j++;
    }
  }
  return true;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** Category shapes (letter, digit, letter or digit) one substitution or adjacent swap away. */
function neighbourCategories(category: string): string[] {
  if (category.length !== 3) return [];
  const [a, b, c] = category as unknown as [string, string, string];
  const out: string[] = [];
  for (const x of LETTERS) if (x !== a) out.push(x + b + c);
  for (const x of DIGITS) if (x !== b) out.push(a + x + c);
  for (const x of ALPHABET) if (x !== c) out.push(a + b + x);
  out.push(a + c + b);
  return out;
}

/**
 * Edit distance between two dotted codes, without building new strings when both are longer than
 * a category (a scan compares up to WINDOW codes per unknown input). Both dots sit after the
 * 3rd character, so this equals the distance without dots unless the best alignment shifts
 * characters across the category boundary — then it is larger, never smaller, which only ranks
 * such codes lower (they are in another category anyway).
 */
function codeDistance(a: string, b: string): number {
  if (a.length > 3 && b.length > 3) return editDistance(a, b, MAX_DISTANCE);
  return editDistance(compactCode(a), compactCode(b), MAX_DISTANCE);
}

function isSorted(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}
