import { compactCode, dotted } from './code-format.js';
import { editDistance } from './edit-distance.js';
import type { CodeRef, ReleaseInfo } from './types.js';

/** One code of a release as validation needs it. */
export interface CodeEntry {
  code: string;
  title: string;
  billable: boolean;
}

/** Input row: dotted code, title, billable flag, Tabular order. */
export type CodeEntryRow = readonly [code: string, title: string, billable: boolean, seq: number];

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Work caps for "closest code": how many codes of the category a scan compares at most.
const MAX_SCAN = 1500;
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
  /** First and past-the-end positions of each 3-character category's run. */
  private readonly categories = new Map<string, [number, number]>();

  /** From rows of one query (any order; sorted by seq here). */
  constructor(
    readonly release: ReleaseInfo,
    rows: readonly CodeEntryRow[] = [],
  ) {
    const sorted = isSortedBySeq(rows) ? rows : [...rows].sort((a, b) => a[3] - b[3]);
    for (const r of sorted) this.push(r[0], r[1], r[2]);
  }

  /** From entries already in Tabular order (the chosen release's tree). */
  static fromEntries(release: ReleaseInfo, entries: readonly CodeEntry[]): ReleaseCodes {
    const set = new ReleaseCodes(release);
    for (const e of entries) set.push(e.code, e.title, e.billable);
    return set;
  }

  private push(code: string, title: string, billable: boolean): void {
    const i = this.codes.length;
    this.codes.push(code);
    this.titles.push(title);
    this.billable.push(billable);
    this.position.set(code, i);
    const previous = i > 0 ? (this.codes[i - 1] as string) : '';
    const run =
      previous.length >= 3 && code.startsWith(previous.slice(0, 3))
        ? this.categories.get(previous.slice(0, 3))
        : undefined;
    if (run) run[1] = i + 1;
    else if (!this.categories.has(code.slice(0, 3))) this.categories.set(code.slice(0, 3), [i, i + 1]);
  }

  get size(): number {
    return this.codes.length;
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
   * Closest codes to an unknown one: first every code one edit away (found by generating the
   * edits and looking them up — about 500 map probes, whatever the release size), then, if that
   * gives fewer than `cap`, the codes of the same category within `MAX_DISTANCE` edits, scanning
   * at most `MAX_SCAN` of them around the input's longest existing prefix. Ranked by distance,
   * same category, billable, Tabular order.
   */
  closest(code: string, cap: number): CodeRef[] {
    const compact = compactCode(code);
    const category = compact.slice(0, 3);
    const found = new Map<number, number>();
    for (const variant of oneEditAway(compact)) {
      const i = this.position.get(dotted(variant));
      if (i !== undefined) found.set(i, 1);
    }
    if (found.size < cap) this.scanCategory(code, category, found);
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

  private scanCategory(code: string, category: string, found: Map<number, number>): void {
    const run = this.categories.get(category);
    if (!run) return;
    let [from, to] = run;
    if (to - from > MAX_SCAN) {
      // Centre the window on the subtree of the longest prefix of the input that exists.
      let anchor = from;
      for (let n = code.length; n > 3; n--) {
        const i = this.position.get(code.slice(0, n));
        if (i !== undefined) {
          anchor = i;
          break;
        }
      }
      from = Math.max(run[0], anchor - MAX_SCAN / 3);
      to = Math.min(run[1], from + MAX_SCAN);
    }
    for (let i = from; i < to; i++) {
      if (found.has(i)) continue;
      const d = codeDistance(this.codes[i] as string, code);
      if (d <= MAX_DISTANCE) found.set(i, d);
    }
  }
}

/**
 * Edit distance between two dotted codes, without building new strings when both are longer than
 * a category (a scan compares up to MAX_SCAN codes per unknown input). Both dots sit after the
 * 3rd character, so this equals the distance without dots unless the best alignment shifts
 * characters across the category boundary — then it is larger, never smaller, which only ranks
 * such codes lower (they are in another category anyway).
 */
function codeDistance(a: string, b: string): number {
  if (a.length > 3 && b.length > 3) return editDistance(a, b, MAX_DISTANCE);
  return editDistance(compactCode(a), compactCode(b), MAX_DISTANCE);
}

function isSortedBySeq(rows: readonly CodeEntryRow[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    if ((rows[i] as CodeEntryRow)[3] < (rows[i - 1] as CodeEntryRow)[3]) return false;
  }
  return true;
}

/**
 * Every compact code one substitution, deletion, insertion or adjacent swap away, within the
 * 3–7 character lengths codes have (the letter/digit shape is left to the map lookup).
 */
function oneEditAway(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length; i++) {
    const head = s.slice(0, i);
    const tail = s.slice(i + 1);
    if (s.length > 3) out.add(head + tail);
    for (const c of ALPHABET) if (c !== s[i]) out.add(head + c + tail);
    if (i + 1 < s.length) out.add(head + s[i + 1] + s[i] + s.slice(i + 2));
  }
  if (s.length < 7) {
    for (let i = 0; i <= s.length; i++) {
      for (const c of ALPHABET) out.add(s.slice(0, i) + c + s.slice(i));
    }
  }
  out.delete(s);
  return out;
}
