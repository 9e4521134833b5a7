import { categoryOf, dotted } from './code-form.js';

/** One note's gold codes and the engine's codes, each in reporting order (first-listed first). */
export interface ScoredCase {
  id: string;
  gold: readonly string[];
  predicted: readonly string[];
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SetScore {
  notes: number;
  /** Micro-averaged over all notes' exact codes (compared dotted and upper-cased). */
  exact: Prf;
  /** Micro-averaged over each note's set of 3-character categories. */
  category: Prf;
  /** Share of notes whose first predicted code equals the first gold code; null when the gold order means nothing. */
  firstListed: number | null;
}

export interface CaseMisses {
  /** Predicted, not in gold. */
  falsePositives: string[];
  /** In gold, not predicted. */
  falseNegatives: string[];
}

export type Level = 'exact' | 'category';

function keys(codes: readonly string[], level: Level): Set<string> {
  return new Set(codes.map(level === 'exact' ? dotted : categoryOf));
}

/** True/false positives and false negatives of one note; duplicates count once. */
export function countCase(
  gold: readonly string[],
  predicted: readonly string[],
  level: Level,
): Omit<Prf, 'precision' | 'recall' | 'f1'> {
  const g = keys(gold, level);
  const p = keys(predicted, level);
  let tp = 0;
  for (const code of p) if (g.has(code)) tp++;
  return { tp, fp: p.size - tp, fn: g.size - tp };
}

/**
 * Precision, recall and F1 from counts. An empty denominator means there was nothing to get
 * wrong: precision with no predictions is 1 only when nothing was to be found (fn = 0), else 0;
 * recall with no gold is 1 only when nothing was predicted. F1 is 0 when both are 0.
 */
export function prf(counts: { tp: number; fp: number; fn: number }): Prf {
  const { tp, fp, fn } = counts;
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function micro(cases: readonly ScoredCase[], level: Level): Prf {
  const sum = { tp: 0, fp: 0, fn: 0 };
  for (const c of cases) {
    const n = countCase(c.gold, c.predicted, level);
    sum.tp += n.tp;
    sum.fp += n.fp;
    sum.fn += n.fn;
  }
  return prf(sum);
}

/** Scores a set of notes; `ordered` says whether the gold's first code is a real first-listed code. */
export function scoreSet(cases: readonly ScoredCase[], options: { ordered: boolean }): SetScore {
  let firstRight = 0;
  for (const c of cases) {
    const g = c.gold[0];
    const p = c.predicted[0];
    if (g !== undefined && p !== undefined && dotted(g) === dotted(p)) firstRight++;
  }
  return {
    notes: cases.length,
    exact: micro(cases, 'exact'),
    category: micro(cases, 'category'),
    firstListed: options.ordered && cases.length > 0 ? firstRight / cases.length : null,
  };
}

/** What one note got wrong, in the order the codes were listed. */
export function missesOf(c: ScoredCase): CaseMisses {
  const g = keys(c.gold, 'exact');
  const p = keys(c.predicted, 'exact');
  return {
    falsePositives: [...p].filter((code) => !g.has(code)),
    falseNegatives: [...g].filter((code) => !p.has(code)),
  };
}

/** The same notes with gold and predictions rolled up to 3-character categories (deduplicated, order kept). */
export function rolledUp(cases: readonly ScoredCase[]): ScoredCase[] {
  const roll = (codes: readonly string[]) => [...new Set(codes.map(categoryOf))];
  return cases.map((c) => ({ id: c.id, gold: roll(c.gold), predicted: roll(c.predicted) }));
}
