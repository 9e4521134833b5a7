/**
 * A code under consideration, with everything a rule may need to decide on it and everything
 * the final suggestion must explain.
 *
 * The engine builds candidates (finders fill them in); the guideline rules only read them: a
 * rule that changes a candidate returns a new one (spread) and leaves the one given as it was
 * (`Rule` takes `Readonly<Candidate>`). A candidate's lists and context are read-only, so no
 * holder of a candidate can change what another holder sees.
 */
import type { ContextFlags } from '../../nlp/context.js';
import type { SectionKind } from '../../nlp/sections.js';
import type { CodeDetails } from '../../terminology/types.js';
import type { EncounterSetting, EvidenceSpan, PhysicianQuery } from '../types.js';

export interface Candidate {
  /** Dotted, complete (billable) code. */
  code: string;
  title: string;
  details: CodeDetails;
  evidence: readonly Readonly<EvidenceSpan>[];
  indexPath: readonly string[];
  tabularNotes: readonly string[];
  guidelines: readonly string[];
  context: Readonly<ContextFlags>;
  section: SectionKind;
  /** Offset of the first evidence in the note: the order the provider stated things in. */
  offset: number;
  /** Global token positions (see index-match.ts) used to tell overlapping mentions apart. */
  positions: readonly number[];
  confidence: number;
  /** Alternatives computed by the engine for rules to pick from (history / family history codes). */
  alternatives?: { readonly personalHistory?: Alternative; readonly familyHistory?: Alternative };
  /** Elements the documentation left unspecified (from Tabular completion). */
  defaulted?: ReadonlyArray<{ readonly element: string; readonly options: readonly string[] }>;
  /** A symptom from the history while the note has an assessment: kept only if it concludes nothing. */
  narrativeSymptom?: boolean;
  /** A symptom the statement attributes to a diagnosis coded from it ("tremor is from the thyrotoxicosis"). */
  attributedTo?: string;
  /** The statement says this encounter does not manage the condition (rules/not-managed.ts). */
  notManaged?: boolean;
}

export interface Alternative {
  readonly code: string;
  readonly title: string;
  readonly details: CodeDetails;
  readonly indexPath: readonly string[];
}

/** What rules know about the encounter; no database, no note text beyond the analysis. */
export interface RuleContext {
  setting: EncounterSetting;
  age: number;
  sex: 'F' | 'M' | 'U';
  /** Affirmative words of the note by stem, with where they were said (for medication evidence). */
  medications: ReadonlyMap<string, EvidenceSpan>;
  /** Looks a code up in the loaded Tabular (pure, in-memory). */
  lookup(code: string): CodeDetails | null;
}

/**
 * What a rule returns: a list of its own (the caller may keep or extend it). Candidates the rule
 * did not change are the ones it was given; those it changed are new objects.
 */
export interface RuleResult {
  candidates: Readonly<Candidate>[];
  queries?: readonly PhysicianQuery[];
}

/**
 * A guideline rule: documented with its section, pure, table-tested. It changes neither the list
 * nor the candidates nor the context it is given (test/coding/rules-pure.test.ts runs every rule
 * on frozen input).
 */
export type Rule = (candidates: readonly Readonly<Candidate>[], ctx: Readonly<RuleContext>) => RuleResult;

/** Affirmed, the patient's own, present now (not denied, family, history or hypothetical). */
export function isCurrent(c: Readonly<Candidate>): boolean {
  const f = c.context;
  return !f.negated && !f.family && !f.historical && !f.hypothetical;
}

/**
 * The combination code that replaces `base` once `other` is folded into it: the evidence of
 * both, the Index path extended by `via`, and the guideline relied on.
 */
export function combinedWith(
  base: Readonly<Candidate>,
  other: Readonly<Candidate>,
  details: CodeDetails,
  via: readonly string[],
  guideline: string,
): Candidate {
  return {
    ...base,
    code: details.code,
    title: details.title,
    details,
    evidence: [...base.evidence, ...other.evidence],
    positions: [...base.positions, ...other.positions],
    indexPath: [...base.indexPath, 'with', ...via],
    guidelines: [...base.guidelines, guideline],
  };
}

/** Category (3 characters) of a dotted code. */
export function category(code: string): string {
  return code.slice(0, 3);
}

/** True when `code` falls in an ICD-10-CM range such as "N18.1-N18.6" or "I50.-" or "Z79.4". */
export function inRange(code: string, range: string): boolean {
  const c = flatCode(code);
  const r = parsedRange(range);
  if ('prefix' in r) return c.startsWith(r.prefix);
  const cc = c.slice(0, Math.max(r.lo.length, r.hi.length));
  return cc >= r.lo && (cc <= r.hi || c.startsWith(r.hi));
}

/** A code without its dot and trailing dashes: "I50.-" → "I50". */
function flatCode(c: string): string {
  const dot = c.indexOf('.');
  let f = dot < 0 ? c : c.slice(0, dot) + c.slice(dot + 1);
  while (f.endsWith('-')) f = f.slice(0, -1);
  return f;
}

type ParsedRange = { prefix: string } | { lo: string; hi: string };

/** Ranges parsed once: the rules test every candidate against the same few hundred Tabular ranges. */
const RANGES = new Map<string, ParsedRange>();

function parsedRange(range: string): ParsedRange {
  let r = RANGES.get(range);
  if (!r) {
    const parts = range.split('-').map((p) => p.trim());
    if (range.endsWith('-') && !range.slice(0, -1).includes('-')) r = { prefix: flatCode(range) };
    else if (parts.length === 2 && parts[1]) r = { lo: flatCode(parts[0]!), hi: flatCode(parts[1]) };
    else r = { prefix: flatCode(range) };
    if (RANGES.size < MAX_CACHED) RANGES.set(range, r);
  }
  return r;
}

/** Code references inside a Tabular note ("(N18.1-N18.6)", "I50.-", "Z79.4"). */
const CODE = '[A-TV-Z][0-9][0-9A-Z](?:\\.[0-9A-Z]{1,4})?';
const CODE_REF = new RegExp(`\\b(${CODE})(?:\\s*-\\s*(${CODE})|(\\.?-))?`, 'g');

/** Parsed references by note text: rules ask about the same few hundred Tabular notes for every note. */
const REFS = new Map<string, readonly string[]>();
const MAX_CACHED = 50_000;

export function codeRefs(noteText: string): readonly string[] {
  let refs = REFS.get(noteText);
  if (!refs) {
    refs = [...noteText.matchAll(CODE_REF)].map((m) => (m[2] ? `${m[1]}-${m[2]}` : `${m[1]}${m[3] ?? ''}`));
    if (REFS.size < MAX_CACHED) REFS.set(noteText, refs);
  }
  return refs;
}
