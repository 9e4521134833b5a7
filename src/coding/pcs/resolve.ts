/**
 * Turns a procedure mention into an ICD-10-PCS code by stepping through the imported tables as a
 * coder steps through the builder: the section and operation by their labels, every body system
 * that has that operation, the body part whose label the note's words cover, then approach,
 * device and qualifier among the values valid after the characters chosen. An axis the note
 * does not decide stops the walk with what is missing and the values it could take — a physician
 * query, never a guess. Device and qualifier left unsaid are "No Device" / "No Qualifier" (or the
 * section's "None") when the table offers it: a device is coded only when one remains (B6.1a).
 */
import { stem } from '../../nlp/index.js';
import type { PcsCodeSet, PcsStep } from '../../terminology/pcs/index.js';
import { buildStep } from '../../terminology/pcs/index.js';
import type { EvidenceSpan } from '../types.js';
import type { AxisWant, BodyWant, ProcedureMention } from './mentions.js';

export interface ChosenAxis {
  position: number;
  name: string;
  value: string;
  label: string;
  evidence: EvidenceSpan[];
  /** Why this value: the word that said it, or the default taken. */
  because: string;
}

export type Resolution =
  | { kind: 'code'; code: string; title: string; axes: ChosenAxis[]; defaulted: string[] }
  | {
      kind: 'query';
      /** The axis the note leaves open ("Approach", "Body Part"). */
      axis: string;
      prefix: string;
      options: Array<{ value: string; label: string }>;
      /** Valid codes the answer would choose between (at most 12). */
      candidates: string[];
      axes: ChosenAxis[];
      reason: string;
      /** The note names a value this table does not offer (not merely leaves the axis unsaid). */
      conflict?: boolean;
    }
  | { kind: 'none'; reason: string };

const LATERAL = new Set(['right', 'left', 'bilateral']);
const FILLER = new Set(['of', 'and', 'the', 'or', 'with', 'to', 'in', 'on']);

const labelWords = (label: string) =>
  label
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !FILLER.has(w));

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Axes the note may leave unsaid when the table has a "nothing" value for them. */
const DEFAULT_Z_AXES = new Set(['Device', 'Qualifier']);

function choiceByLabel(step: PcsStep, label: string) {
  return step.choices.find((c) => same(c.label, label));
}

interface BodyMatch {
  prefix: string;
  label: string;
  score: number;
  lateral?: string;
  core: string;
}

/** How well a body-part label fits what the note says: every core word said, laterality agreeing. */
function scoreLabel(
  label: string,
  words: ReadonlySet<string>,
  laterality: BodyWant['laterality'],
): BodyMatch | undefined {
  const all = labelWords(label);
  const lateral = all.find((w) => LATERAL.has(w));
  const core = all.filter((w) => !LATERAL.has(w)).map(stem);
  if (core.length === 0 || !core.every((w) => words.has(w))) return undefined;
  if (lateral && laterality && lateral !== laterality) return undefined;
  const score = core.length * 2 + (lateral && laterality ? 1 : 0);
  return { prefix: '', label, score, lateral, core: [...core].sort().join(' ') };
}

const titleWords = (set: PcsCodeSet, code: string) => new Set(labelWords(set.row(code)!.longTitle).map(stem));

/**
 * A value no title names on its own (the derivation left it unnamed: "Respiratory Ventilation"
 * writes body system and function as one phrase) fits when every word the note gives for the
 * body part is in all its codes' titles and not in all the table's.
 */
function scoreTitles(set: PcsCodeSet, table: string, value: string, body: BodyWant): BodyMatch | undefined {
  const said = new Set<string>();
  for (const t of body.terms) for (const w of t.labels[0]!) said.add(stem(w));
  for (const w of body.bodyWords) said.add(w);
  if (said.size === 0) return undefined;
  const mine = set.withPrefix(table + value).map((c) => titleWords(set, c));
  const all = set.withPrefix(table).map((c) => titleWords(set, c));
  const shared = [...said].filter((w) => mine.every((t) => t.has(w)) && !all.every((t) => t.has(w)));
  if (shared.length !== said.size) return undefined;
  return { prefix: '', label: `${table + value}`, score: shared.length * 2, core: shared.sort().join(' ') };
}

function bodyMatches(set: PcsCodeSet, tables: readonly string[], body: BodyWant): BodyMatch[] {
  const levels = Math.max(1, ...body.terms.map((t) => t.labels.length));
  for (let level = 0; level < levels; level++) {
    const words = new Set(body.nearby);
    for (const t of body.terms)
      for (const w of t.labels[Math.min(level, t.labels.length - 1)]!) words.add(stem(w));
    const found: BodyMatch[] = [];
    for (const table of tables) {
      for (const c of step(set, table).choices) {
        const unnamed = set.labelRow(table, c.value)?.derivation === 'unnamed';
        const m = unnamed
          ? scoreTitles(set, table, c.value, body)
          : scoreLabel(c.label, words, body.laterality);
        if (m) found.push({ ...m, prefix: table + c.value });
      }
    }
    if (found.length > 0) {
      const best = Math.max(...found.map((m) => m.score));
      return found.filter((m) => m.score === best);
    }
  }
  return [];
}

const candidatesOf = (set: PcsCodeSet, prefix: string) => set.withPrefix(prefix).slice(0, 12);

// The builder's steps repeat across mentions and notes (every "Resection" walks the same body
// systems): kept per release, so a note costs lookups, not scans of the 79,000 codes.
const steps = new WeakMap<PcsCodeSet, Map<string, PcsStep>>();
function step(set: PcsCodeSet, prefix: string): PcsStep {
  let cache = steps.get(set);
  if (!cache) {
    cache = new Map();
    steps.set(set, cache);
  }
  let s = cache.get(prefix);
  if (!s) {
    s = buildStep(set, prefix);
    cache.set(prefix, s);
  }
  return s;
}

/** The code a mention documents in a release's tables, or the axis it leaves open. */
export function resolveMention(set: PcsCodeSet, mention: ProcedureMention): Resolution {
  const root = step(set, '');
  const section = choiceByLabel(root, mention.term.section ?? 'Medical and Surgical');
  if (!section)
    return { kind: 'none', reason: `no section "${mention.term.section}" in ${set.release.label}` };
  // Every table of the section whose operation is the mention's.
  const tables: string[] = [];
  for (const bodySystem of step(set, section.value).choices) {
    const ops = step(set, section.value + bodySystem.value);
    const op = choiceByLabel(ops, mention.operation);
    if (op) tables.push(section.value + bodySystem.value + op.value);
  }
  if (tables.length === 0) return { kind: 'none', reason: `no "${mention.operation}" tables` };
  if (mention.body.terms.length === 0 && mention.body.nearby.size === 0) {
    return { kind: 'none', reason: 'no body part named' };
  }
  const matches = bodyMatches(set, tables, mention.body);
  if (matches.length === 0) return { kind: 'none', reason: 'no body part of those tables fits the words' };

  const axesFor = (prefix: string): ChosenAxis[] =>
    set.characters(prefix).map((c) => ({
      ...c,
      evidence: c.position === 3 ? [mention.evidence] : c.position === 4 ? mention.body.evidence : [],
      because:
        c.position === 3
          ? `"${mention.evidence.text}": ${mention.term.source}`
          : c.position === 4
            ? `body part named by ${mention.body.evidence.map((e) => `"${e.text}"`).join(', ') || 'the procedure word'}`
            : '',
    }));

  if (matches.length === 1) return walk(set, mention, matches[0]!.prefix, axesFor);
  // Several body parts fit: one whose table offers what the note says wins ("Cardiac" is a body
  // system of both Measurement tables; only one has electrical activity).
  const walks = matches.map((m) => walk(set, mention, m.prefix, axesFor));
  const fitting = walks.filter((w) => !(w.kind === 'query' && w.conflict));
  if (fitting.length === 1) return fitting[0]!;
  const lateralOnly =
    new Set(matches.map((m) => m.core)).size === 1 &&
    matches.some((m) => m.lateral) &&
    !mention.body.laterality;
  const shared = commonPrefix(matches.map((m) => m.prefix));
  return {
    kind: 'query',
    axis: lateralOnly ? 'Laterality' : 'Body Part',
    prefix: shared,
    options: matches.map((m) => ({ value: m.prefix.slice(3), label: m.label })),
    candidates: matches.flatMap((m) => candidatesOf(set, m.prefix)).slice(0, 12),
    axes: axesFor(shared.length >= 3 ? shared : ''),
    reason: lateralOnly
      ? `the note does not say which side (${matches.map((m) => m.label).join(' / ')})`
      : `the note's words fit more than one body part (${matches.map((m) => m.label).join(' / ')})`,
  };
}

function walk(
  set: PcsCodeSet,
  mention: ProcedureMention,
  start: string,
  axesFor: (prefix: string) => ChosenAxis[],
): Resolution {
  let prefix = start;
  const chosen = axesFor(prefix);
  const defaulted: string[] = [];
  while (prefix.length < 7) {
    const current = step(set, prefix);
    const axis = current.axis!;
    const want = mention.axes.find((a) => a.axis === axis);
    const pick = pickValue(current, want);
    if (pick.kind === 'open') {
      return {
        kind: 'query',
        axis,
        prefix,
        options: current.choices.map((c) => ({ value: c.value, label: c.label })),
        candidates: candidatesOf(set, prefix),
        axes: chosen,
        reason: pick.reason,
        ...(pick.conflict ? { conflict: true } : {}),
      };
    }
    if (pick.defaulted) defaulted.push(`${axis} ${pick.value.label}`);
    chosen.push({
      position: prefix.length + 1,
      name: axis,
      value: pick.value.value,
      label: pick.value.label,
      evidence: pick.evidence,
      because: pick.because,
    });
    prefix += pick.value.value;
  }
  return { kind: 'code', code: prefix, title: set.row(prefix)!.longTitle, axes: chosen, defaulted };
}

type Pick =
  | {
      kind: 'value';
      value: PcsStep['choices'][number];
      evidence: EvidenceSpan[];
      because: string;
      defaulted: boolean;
    }
  | { kind: 'open'; reason: string; conflict?: boolean };

function pickValue(step: PcsStep, want: AxisWant | undefined): Pick {
  const axis = step.axis!;
  if (want) {
    for (const label of want.labels) {
      const c = choiceByLabel(step, label);
      if (c) {
        const words = want.evidence.map((e) => `"${e.text}"`).join(', ');
        return {
          kind: 'value',
          value: c,
          evidence: want.evidence,
          because: `${words}: ${want.source}`,
          defaulted: false,
        };
      }
    }
    return {
      kind: 'open',
      conflict: true,
      reason: `the note says ${want.labels.join(' / ')} for the ${axis.toLowerCase()}, which this table does not offer here (${step.choices.map((c) => c.label).join(', ')})`,
    };
  }
  if (step.choices.length === 1) {
    const only = step.choices[0]!;
    return {
      kind: 'value',
      value: only,
      evidence: [],
      because: `the only ${axis.toLowerCase()} this table allows here`,
      defaulted: false,
    };
  }
  const z = step.choices.find((c) => c.value === 'Z');
  if (z && DEFAULT_Z_AXES.has(axis)) {
    return {
      kind: 'value',
      value: z,
      evidence: [],
      because:
        axis === 'Device'
          ? 'no device documented as remaining after the procedure (B6.1a)'
          : `no ${axis.toLowerCase()} documented`,
      defaulted: true,
    };
  }
  return {
    kind: 'open',
    reason: `the note does not document the ${axis.toLowerCase()} (${step.choices.map((c) => c.label).join(', ')})`,
  };
}

function commonPrefix(codes: readonly string[]): string {
  let n = 0;
  while (codes.every((c) => c[n] !== undefined && c[n] === codes[0]![n])) n++;
  return codes[0]!.slice(0, n);
}
