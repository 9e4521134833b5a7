/**
 * One ICD-10-PCS release in memory: every valid code with its titles, and the label of every
 * character value in its context (section; section and body system; table). Loaded once
 * (load.ts) and shared by the builder, search and the coding engine's PCS finder, which all
 * answer synchronously from it.
 */
import { axisName } from '../../codesets/icd10pcs/sections.js';

export interface PcsRelease {
  id: number;
  fiscalYear: number;
  effectiveFrom: string;
  effectiveTo: string;
  label: string;
}

/** One character of a code: its axis, its value and the value's label. */
export interface PcsCharacter {
  /** 1..7 */
  position: number;
  /** The axis name in this section ("Body Part", "Approach", "Contrast"). */
  name: string;
  value: string;
  label: string;
}

export interface PcsLabelRow {
  context: string;
  position: number;
  value: string;
  label: string;
  derivation: string;
}

export interface PcsCodeRow {
  code: string;
  shortTitle: string;
  longTitle: string;
}

/** What a label's context is: the characters before it, at most the table's three. */
export const labelContext = (prefix: string) => prefix.slice(0, Math.min(prefix.length, 3));

export class PcsCodeSet {
  /** Valid codes, sorted (a prefix's codes are one contiguous run). */
  readonly codes: readonly string[];
  private readonly rows: ReadonlyMap<string, PcsCodeRow>;
  private readonly labels: ReadonlyMap<string, PcsLabelRow>;

  constructor(
    readonly release: PcsRelease,
    codes: readonly PcsCodeRow[],
    labels: readonly PcsLabelRow[],
  ) {
    this.rows = new Map(codes.map((c) => [c.code, c]));
    this.codes = [...this.rows.keys()].sort();
    this.labels = new Map(labels.map((l) => [`${l.context}|${l.position}|${l.value}`, l]));
  }

  get size(): number {
    return this.codes.length;
  }

  /** The code's titles, or undefined when it is not a valid code of this release. */
  row(code: string): PcsCodeRow | undefined {
    return this.rows.get(code);
  }

  /** The label row of the character at `prefix.length + 1` with `value`. */
  labelRow(prefix: string, value: string): PcsLabelRow | undefined {
    return this.labels.get(`${labelContext(prefix)}|${prefix.length + 1}|${value}`);
  }

  /** Every character of a code or prefix, with its axis name and label. */
  characters(codeOrPrefix: string): PcsCharacter[] {
    const out: PcsCharacter[] = [];
    for (let i = 0; i < codeOrPrefix.length; i++) {
      const prefix = codeOrPrefix.slice(0, i);
      const value = codeOrPrefix[i]!;
      out.push({
        position: i + 1,
        name: axisName(codeOrPrefix[0]!, i + 1),
        value,
        label: this.labelRow(prefix, value)?.label ?? '',
      });
    }
    return out;
  }

  /** Index range [from, to) of the codes that start with `prefix`. */
  range(prefix: string): [number, number] {
    const lower = (target: string) => {
      let lo = 0;
      let hi = this.codes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.codes[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = lower(prefix);
    // PCS values are [0-9A-Z], all below '~': "0FT~" sorts after every code starting "0FT".
    const to = prefix.length === 0 ? this.codes.length : lower(`${prefix}~`);
    return [from, to];
  }

  /** The codes that start with `prefix`, sorted. */
  withPrefix(prefix: string): readonly string[] {
    const [from, to] = this.range(prefix);
    return this.codes.slice(from, to);
  }
}
