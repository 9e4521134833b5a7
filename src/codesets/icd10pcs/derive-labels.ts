/**
 * The labels of characters 4-7 of every PCS table, derived from the codes' long titles, because
 * the tables XML (which states them) is not available. CMS builds each long title from the
 * labels of the code's values: "Resection of Gallbladder, Percutaneous Endoscopic Approach" is
 * operation T, body part 4 "Gallbladder", approach 4 "Percutaneous Endoscopic", device Z and
 * qualifier Z (labels a title leaves out). So two codes of one table that differ in one
 * character have titles that differ exactly where that character's label is written:
 *
 *   0FT44ZZ  Resection of Gallbladder, Percutaneous Endoscopic Approach
 *   0FT40ZZ  Resection of Gallbladder, Open Approach
 *
 * The words between the shared beginning and the shared end ("Percutaneous Endoscopic" /
 * "Open") belong to character 5. One comparison can miss words both labels share ("Right
 * Kidney" against "Left Kidney" only shows "Right"), so each code is compared with every code
 * that differs from it in that character only, and the spans are joined. A value's label is then
 * the longest candidate — from its own table, or the same value's label in the tables of its
 * body system (section, for the approach) — that every title of a code with that value contains.
 *
 * A value no title writes (device Z "No Device") gets the section's label for "nothing"
 * (sections.ts); an approach no title of its section writes (Placement is always External) gets
 * the approach's label in other sections. Each label records how it was found.
 */
import { axisName, noneLabel } from './sections.js';

/**
 * Raised whenever the derivation changes what it finds: a store labelled by an older version is
 * labelled again on the next `medcoder import`, even though the files are the same.
 */
export const LABEL_DERIVATION_VERSION = 3;

export interface PcsTitledCode {
  code: string;
  title: string;
}

export type PcsLabelDerivation =
  /** The words its codes' titles differ in, within its own table. */
  | 'title-diff'
  /** The same value's label in another table of the body system (section for approach), found in its titles. */
  | 'sibling'
  /** Not written in the titles: the value's label elsewhere in the section. */
  | 'section'
  /** Not written in any title of the section: the approach's label in other sections. */
  | 'other-section'
  /** What is left of its titles once the other characters' labels are taken out. */
  | 'residual'
  /** Z, written in no title: the section's label for "nothing" (No Device, No Qualifier, None). */
  | 'none'
  /** No title names it and nothing else does: shown as its axis and value. */
  | 'unnamed';

export interface PcsDerivedLabel {
  /** The table (first 3 characters) the label belongs to. */
  table: string;
  /** 4..7 */
  position: number;
  value: string;
  label: string;
  derivation: PcsLabelDerivation;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /,|[^\s,]+/g;

function tokenize(title: string): Token[] {
  return [...title.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Words that join labels into a title ("with", "of", "into" ...), never part of a label's edge. */
const CONNECTORS = new Set([
  'with',
  'to',
  'into',
  'of',
  'using',
  'on',
  'in',
  'from',
  'for',
  'and',
  'via',
  ',',
  '-',
]);

/**
 * Axes whose name titles write after the label ("Open Approach", "Mechanical Equipment", "High
 * Osmolar Contrast") while the label itself is without it ("Open", "Mechanical", "High Osmolar");
 * "Other Equipment" and "Other Contrast" keep it.
 */
const TRAILING_AXIS_WORD: Readonly<Record<string, string>> = {
  Approach: 'Approach',
  Equipment: 'Equipment',
  Contrast: 'Contrast',
};

/** The tokens [from, to) without connectors at either edge. */
function trimConnectors(tokens: readonly Token[], from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (a < b && CONNECTORS.has(tokens[a]!.text)) a++;
  while (b > a && CONNECTORS.has(tokens[b - 1]!.text)) b--;
  return [a, b];
}

const spanText = (title: string, tokens: readonly Token[], a: number, b: number) =>
  a < b ? title.slice(tokens[a]!.start, tokens[b - 1]!.end) : '';

/** Token range of `a` that differs from `b` (shared beginning and end removed); null if none. */
function differingSpan(a: readonly Token[], b: readonly Token[]): [number, number] | null {
  let head = 0;
  const max = Math.min(a.length, b.length);
  while (head < max && a[head]!.text === b[head]!.text) head++;
  let tail = 0;
  while (tail < max - head && a[a.length - 1 - tail]!.text === b[b.length - 1 - tail]!.text) tail++;
  return head < a.length - tail ? [head, a.length - tail] : null;
}

/** Token index where `label` starts in `tokens` as whole tokens, or -1. */
function findLabel(tokens: readonly Token[], label: readonly string[]): number {
  outer: for (let i = 0; i + label.length <= tokens.length; i++) {
    for (let j = 0; j < label.length; j++) if (tokens[i + j]!.text !== label[j]) continue outer;
    return i;
  }
  return -1;
}

const wordCache = new Map<string, string[]>();
/** A label's tokens (memoized: the same labels are looked up across thousands of codes). */
function words(label: string): string[] {
  let w = wordCache.get(label);
  if (!w) {
    w = tokenize(label).map((t) => t.text);
    if (wordCache.size > 200_000) wordCache.clear();
    wordCache.set(label, w);
  }
  return w;
}

const key = (table: string, position: number, value: string) => `${table}|${position}|${value}`;

/** Which tables share a value's meaning at a position: the body system's, the section's for approach. */
function scopeOf(table: string, position: number): string {
  return axisName(table[0]!, position) === 'Approach' ? table[0]! : table.slice(0, 2);
}

interface ValueCodes {
  table: string;
  position: number;
  value: string;
  /** Indexes into the table's members. */
  members: number[];
}

interface TableData {
  table: string;
  members: PcsTitledCode[];
  tokens: Token[][];
}

function tablesOf(codes: readonly PcsTitledCode[]): TableData[] {
  const byTable = new Map<string, PcsTitledCode[]>();
  for (const c of codes) {
    const t = c.code.slice(0, 3);
    const list = byTable.get(t);
    if (list) list.push(c);
    else byTable.set(t, [c]);
  }
  return [...byTable].map(([table, members]) => ({
    table,
    members,
    tokens: members.map((m) => tokenize(m.title)),
  }));
}

/**
 * Step 1: for every code and position, the words its title differs in from every code of the
 * table that differs from it in that position only (joined), as candidate labels of its value.
 */
function diffCandidates(
  t: TableData,
  position: number,
  candidates: Map<string, Set<string>>,
  wholes: Map<string, Set<string>>,
): void {
  const groups = new Map<string, number[]>();
  t.members.forEach((m, i) => {
    const masked = m.code.slice(0, position - 1) + m.code.slice(position);
    const g = groups.get(masked);
    if (g) g.push(i);
    else groups.set(masked, [i]);
  });
  for (const group of groups.values()) {
    for (const i of group) {
      let from = Number.POSITIVE_INFINITY;
      let to = -1;
      for (const j of group) {
        if (i === j) continue;
        const span = differingSpan(t.tokens[i]!, t.tokens[j]!);
        if (!span) continue;
        from = Math.min(from, span[0]);
        to = Math.max(to, span[1]);
      }
      if (to < 0) continue;
      const [a, b] = trimConnectors(t.tokens[i]!, from, to);
      if (a >= b) continue;
      const k = key(t.table, position, t.members[i]!.code[position - 1]!);
      const whole = spanText(t.members[i]!.title, t.tokens[i]!, a, b);
      const set = candidates.get(k) ?? new Set<string>();
      if (set.has(whole)) continue;
      wholes.set(k, (wholes.get(k) ?? new Set<string>()).add(whole));
      // The whole span and every part of it: a span can hold a neighbour's words too (titles
      // that join two axes' words, "Antineoplastic, Monoclonal Antibody"), and the part every
      // title of the value holds is then the label.
      for (let x = a; x < b; x++) {
        for (let y = b; y > x; y--) {
          const [p, q] = trimConnectors(t.tokens[i]!, x, y);
          if (p === x && q === y) set.add(spanText(t.members[i]!.title, t.tokens[i]!, x, y));
        }
      }
      candidates.set(k, set);
    }
  }
}

/**
 * Widens a label over the words next to it that every title of the value has and some title of
 * the table lacks ("Right Subclavian" → "Right Subclavian Vein" when the table also has
 * arteries); stops at connectors and commas.
 */
function widen(t: TableData, v: ValueCodes, label: string): string {
  let current = words(label);
  for (;;) {
    const at = v.members.map((i) => findLabel(t.tokens[i]!, current));
    if (at.some((x) => x < 0)) return current.join(' ');
    const next = (side: -1 | 1) => {
      const texts = v.members.map(
        (i, n) => t.tokens[i]![side < 0 ? at[n]! - 1 : at[n]! + current.length]?.text,
      );
      const w = texts[0];
      if (w === undefined || CONNECTORS.has(w) || !texts.every((x) => x === w)) return undefined;
      const everywhere = t.tokens.every((tk) => tk.some((x) => x.text === w));
      return everywhere ? undefined : w;
    };
    const after = next(1);
    const before = after === undefined ? next(-1) : undefined;
    if (after !== undefined) current = [...current, after];
    else if (before !== undefined) current = [before, ...current];
    else return current.join(' ');
  }
}

/**
 * Removes from a label's edges the labels of the code's other characters (with the connectors
 * between): "Short-term External Heart Assist System into Heart, Intraoperative" is device R,
 * body part A and qualifier J's own "Intraoperative". Only when every code of the value agrees.
 */
function stripNeighbours(
  t: TableData,
  v: ValueCodes,
  label: string,
  labelOf: (position: number, value: string) => string | undefined,
): string {
  const results = new Set<string>();
  for (const i of v.members) {
    const code = t.members[i]!.code;
    let current = words(label);
    let changed = true;
    while (changed && current.length > 0) {
      changed = false;
      for (let q = 4; q <= 7; q++) {
        if (q === v.position) continue;
        const other = labelOf(q, code[q - 1]!);
        if (!other) continue;
        const w = words(other);
        if (w.length >= current.length) continue;
        const strip = (rest: string[]) => {
          let a = 0;
          let b = rest.length;
          while (a < b && CONNECTORS.has(rest[a]!)) a++;
          while (b > a && CONNECTORS.has(rest[b - 1]!)) b--;
          return rest.slice(a, b);
        };
        if (w.every((x, n) => current[n] === x) && CONNECTORS.has(current[w.length]!)) {
          current = strip(current.slice(w.length));
          changed = true;
        } else if (
          w.every((x, n) => current[current.length - w.length + n] === x) &&
          CONNECTORS.has(current[current.length - w.length - 1]!)
        ) {
          current = strip(current.slice(0, current.length - w.length));
          changed = true;
        }
      }
    }
    results.add(current.join(' '));
  }
  const only = results.size === 1 ? [...results][0]! : label;
  return only.length > 0 ? only : label;
}

/**
 * The label of a value no comparison isolates (its codes differ from their neighbours in two
 * characters at once, as New Technology device and group do): when every other character of a
 * code is named, its title with those labels, its opening words (the operation, "Dilation") and
 * connectors taken out leaves one run of words, the value's label. Only a run every title of
 * the value agrees on is taken.
 */
function residual(
  t: TableData,
  v: ValueCodes,
  labelOf: (position: number, value: string) => string | undefined,
  operation: string | undefined,
): string | undefined {
  // The opening words: the operation's name when titles start with it ("Change Drainage Device
  // in Upper Joint"), else what all the table's titles start with.
  const op = operation ? words(operation) : [];
  let head = 0;
  const first = t.tokens[0]!;
  if (op.length > 0 && t.tokens.every((tk) => op.every((w, n) => tk[n]?.text === w))) head = op.length;
  else while (head < first.length && t.tokens.every((tk) => tk[head]?.text === first[head]!.text)) head++;
  const found = new Set<string>();
  for (const i of v.members) {
    const code = t.members[i]!.code;
    const tokens = t.tokens[i]!;
    const taken = tokens.map((_, n) => n < head);
    const unnamed: number[] = [];
    for (let q = 4; q <= 7; q++) {
      const value = code[q - 1]!;
      const label = labelOf(q, value);
      if (!label) {
        if (value !== 'Z') unnamed.push(q);
        continue;
      }
      const w = words(label);
      const at = findLabel(tokens, w);
      // A label the title does not write (an approach named from other tables) takes nothing.
      if (at < 0) continue;
      for (let n = at; n < at + w.length; n++) taken[n] = true;
      const axisWord = TRAILING_AXIS_WORD[axisName(code[0]!, q)];
      if (axisWord && tokens[at + w.length]?.text === axisWord) taken[at + w.length] = true;
    }
    // A connector belongs to the words around it ("Products of Conception") unless it touches a
    // taken word or an end ("Delivery of ...", "..., External Approach").
    const free = tokens.map((tk, n) => {
      if (taken[n]) return false;
      if (!CONNECTORS.has(tk.text)) return true;
      const before = n > 0 && !taken[n - 1] && !CONNECTORS.has(tokens[n - 1]!.text);
      const after = n + 1 < tokens.length && !taken[n + 1] && !CONNECTORS.has(tokens[n + 1]!.text);
      return before && after;
    });
    const runs: string[] = [];
    let n = 0;
    while (n < tokens.length) {
      if (!free[n]) {
        n++;
        continue;
      }
      let end = n;
      while (end < tokens.length && free[end]) end++;
      const [a, b] = trimConnectors(tokens, n, end);
      if (a < b) runs.push(spanText(t.members[i]!.title, tokens, a, b));
      n = end;
    }
    // With two or more unnamed characters the runs cannot be told apart: titles do not write the
    // characters in order ("Insertion of <device> into <body part>").
    if (runs.length !== 1 || unnamed.length !== 1) return undefined;
    found.add(runs[0]!);
    if (found.size > 1) return undefined;
  }
  return [...found][0];
}

/** A label as titles spell it, from its words (commas attach to the word before). */
const spell = (w: readonly string[]) => w.join(' ').replace(/ ,/g, ',');

/**
 * Labels of characters 4..7 of every table the codes make up. `codes` are the valid codes with
 * their long titles, in any order.
 */
export function deriveAxisLabels(
  codes: readonly PcsTitledCode[],
  /** Each table's operation name (from the order file's headers): titles open with it. */
  operations: ReadonlyMap<string, string> = new Map(),
): PcsDerivedLabel[] {
  const tables = tablesOf(codes);
  const candidates = new Map<string, Set<string>>();
  const wholes = new Map<string, Set<string>>();
  const values: ValueCodes[] = [];
  for (const t of tables) {
    for (let position = 4; position <= 7; position++) {
      diffCandidates(t, position, candidates, wholes);
      const byValue = new Map<string, number[]>();
      t.members.forEach((m, i) => {
        const v = m.code[position - 1]!;
        const list = byValue.get(v);
        if (list) list.push(i);
        else byValue.set(v, [i]);
      });
      for (const [value, members] of byValue) values.push({ table: t.table, position, value, members });
    }
  }
  // Step 2: every whole span seen for a value in its scope (body system; section for approach).
  const inScope = new Map<string, Set<string>>();
  for (const [k, set] of wholes) {
    const [table, position, value] = k.split('|') as [string, string, string];
    const sk = key(scopeOf(table, Number(position)), Number(position), value);
    const all = inScope.get(sk) ?? new Set<string>();
    for (const label of set) all.add(label);
    inScope.set(sk, all);
  }
  // Step 3: the longest candidate, own or from the scope, that every title of the value holds.
  const tableOf = new Map(tables.map((t) => [t.table, t]));
  const chosen = new Map<string, { label: string; derivation: PcsLabelDerivation }>();
  for (const v of values) {
    const t = tableOf.get(v.table)!;
    const k = key(v.table, v.position, v.value);
    const own = candidates.get(k) ?? new Set<string>();
    const pool = new Set([
      ...own,
      ...(inScope.get(key(scopeOf(v.table, v.position), v.position, v.value)) ?? []),
    ]);
    const fits = (label: string) => {
      if (!t.members[v.members[0]!]!.title.includes(label)) return false;
      const w = words(label);
      return v.members.every((i) => findLabel(t.tokens[i]!, w) >= 0);
    };
    const best = [...pool].filter(fits).sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
    if (best) chosen.set(k, { label: best, derivation: own.has(best) ? 'title-diff' : 'sibling' });
  }
  // Step 4: widen over words the value's titles share, then drop the neighbours' labels.
  for (const v of values) {
    const k = key(v.table, v.position, v.value);
    const c = chosen.get(k);
    if (!c) continue;
    c.label = widen(tableOf.get(v.table)!, v, c.label);
  }
  for (const v of values) {
    const k = key(v.table, v.position, v.value);
    const c = chosen.get(k);
    if (!c) continue;
    const labelOf = (q: number, value: string) => chosen.get(key(v.table, q, value))?.label;
    let w = words(stripNeighbours(tableOf.get(v.table)!, v, c.label, labelOf));
    const axisWord = TRAILING_AXIS_WORD[axisName(v.table[0]!, v.position)];
    if (axisWord && w.length > 1 && w.at(-1) === axisWord && !(w.length === 2 && w[0] === 'Other')) {
      w = w.slice(0, -1);
    }
    c.label = spell(w);
  }
  // Step 5: approaches no title of their table writes: the approach's label elsewhere in the
  // section, else in other sections (approach values mean the same in every table).
  const bySection = new Map<string, Map<string, number>>();
  const byAxis = new Map<string, Map<string, number>>();
  for (const [k, { label }] of chosen) {
    const [table, position, value] = k.split('|') as [string, string, string];
    if (axisName(table[0]!, Number(position)) !== 'Approach') continue;
    for (const [map, mk] of [
      [bySection, key(table[0]!, Number(position), value)],
      [byAxis, value],
    ] as const) {
      const counts = map.get(mk) ?? new Map<string, number>();
      counts.set(label, (counts.get(label) ?? 0) + 1);
      map.set(mk, counts);
    }
  }
  const mostCommon = (counts: Map<string, number> | undefined) =>
    counts ? [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] : undefined;
  for (const { table, position, value } of values) {
    const k = key(table, position, value);
    if (chosen.has(k) || axisName(table[0]!, position) !== 'Approach') continue;
    const section = mostCommon(bySection.get(key(table[0]!, position, value)));
    const other = mostCommon(byAxis.get(value));
    if (section) chosen.set(k, { label: section, derivation: 'section' });
    else if (other) chosen.set(k, { label: other, derivation: 'other-section' });
  }
  // Step 6: what is left of a title once the other characters' labels are taken out.
  for (const v of values) {
    const k = key(v.table, v.position, v.value);
    if (chosen.has(k) || v.value === 'Z') continue;
    const label = residual(
      tableOf.get(v.table)!,
      v,
      (q, value) => chosen.get(key(v.table, q, value))?.label,
      operations.get(v.table),
    );
    if (label) chosen.set(k, { label, derivation: 'residual' });
  }
  // Step 7: Z that no title writes is the section's "nothing"; anything else stays unnamed.
  const out: PcsDerivedLabel[] = [];
  for (const { table, position, value } of values) {
    const c = chosen.get(key(table, position, value));
    if (c) out.push({ table, position, value, ...c });
    else if (value === 'Z') {
      out.push({ table, position, value, label: noneLabel(table[0]!, position), derivation: 'none' });
    } else {
      out.push({
        table,
        position,
        value,
        label: `${axisName(table[0]!, position)} ${value}`,
        derivation: 'unnamed',
      });
    }
  }
  return out.sort(
    (a, b) => a.table.localeCompare(b.table) || a.position - b.position || a.value.localeCompare(b.value),
  );
}
