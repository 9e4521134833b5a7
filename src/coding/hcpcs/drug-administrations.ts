/**
 * Drug administrations documented in a note, each resolved to one HCPCS drug code and its
 * units, or to a physician query naming what is missing (the dose, the route, the drug's form)
 * when the note does not say enough to choose a code or count its units. Units are never
 * guessed: no dose, no line.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import { stem } from '../../text/index.js';
import type { EvidenceSpan, PhysicianQuery } from '../types.js';
import { administrationClauses, type Clause } from './administration-clauses.js';
import { billingUnits, type UnitsResult } from './billing-units.js';
import { bundledWithProcedure } from './bundled-drugs.js';
import {
  type DocumentedRoute,
  documentedDose,
  documentedRoute,
  type Found,
  infusionMinutes,
} from './documented-dose.js';
import { type CodeRoute, type DrugCode, SALT_WORDS } from './drug-catalog.js';
import {
  type ClauseWords,
  clauseWords,
  type DrugGroup,
  drugGroups,
  namesADrug,
  type StemIndex,
} from './drug-match.js';
import { formatQuantity, type Quantity } from './quantity.js';

export interface DrugAdministration {
  code: DrugCode;
  units: Extract<UnitsResult, { ok: true }>;
  dose: Found<Quantity>;
  route: Found<DocumentedRoute>;
  /** Infusion duration, when documented. */
  minutes?: Found<number>;
  /** The drug's name as written. */
  mention: EvidenceSpan;
  /** The clause the administration was read from. */
  clause: EvidenceSpan;
  section: string;
  /** Why this code among the drug's codes (brand named, salt named, least drug wasted ...). */
  choice: string[];
}

export interface DrugFindings {
  administrations: DrugAdministration[];
  queries: PhysicianQuery[];
}

const ROUTE_FITS: Readonly<Record<CodeRoute, ReadonlySet<DocumentedRoute>>> = {
  parenteral: new Set([
    'intramuscular',
    'subcutaneous',
    'intravenous-push',
    'intravenous-infusion',
    'intravenous',
    'intra-articular',
    'intradermal',
    'intralesional',
  ]),
  intravenous: new Set(['intravenous-push', 'intravenous-infusion', 'intravenous']),
  intramuscular: new Set(['intramuscular']),
  subcutaneous: new Set(['subcutaneous']),
  'intra-articular': new Set(['intra-articular']),
};

function evidence(text: string, start: number, end: number, section?: string): EvidenceSpan {
  return { start, end, text: text.slice(start, end), ...(section ? { section } : {}) };
}

/** Reads every administered drug of the note; `allowed` says which codes are in effect. */
export function findDrugAdministrations(
  analysis: NoteAnalysis,
  index: StemIndex,
  allowed: (code: DrugCode) => boolean,
): DrugFindings {
  const text = analysis.text;
  const administrations: DrugAdministration[] = [];
  const queries: PhysicianQuery[] = [];
  const groupsOf = (tokens: Parameters<typeof clauseWords>[0]) => {
    const words = clauseWords(tokens);
    return { words, groups: drugGroups(words, index, allowed) };
  };
  const clauses = administrationClauses(analysis, (tokens) => namesADrug(clauseWords(tokens), index));
  for (const clause of clauses) {
    if (!clause.administered) continue;
    const { words, groups } = groupsOf(clause.tokens);
    groups.forEach((group, gi) => {
      const token = clause.tokens[group.at];
      if (!token) return;
      const flags = clause.sentence.flags[clause.firstToken + group.at];
      if (flags && (flags.negated || flags.family || flags.hypothetical || flags.historical)) return;
      const next = groups[gi + 1];
      const prev = groups[gi - 1];
      const regionStart = prev ? (clause.tokens[prev.at]?.end ?? clause.start) : clause.start;
      const regionEnd = next ? (clause.tokens[next.at]?.start ?? clause.end) : clause.end;
      const mention = mentionSpan(clause, group, words, text);
      const section = clause.sentence.section;
      const clauseSpan = evidence(text, clause.start, clause.end, section);
      // "Kenalog 40 mg and lidocaine 1% 3 mL into the right knee": one route for the sentence.
      const route =
        documentedRoute(text, clause.start, clause.end) ??
        documentedRoute(text, clause.sentence.start, clause.sentence.end);
      const fitting = route
        ? group.matches.filter((m) => ROUTE_FITS[m.code.route].has(route.value))
        : group.matches;
      if (route && fitting.length === 0) return; // oral, inhaled ...: not billed as an administered drug
      const anchors = group.matches.flatMap((m) => m.code.names[0]?.anchors ?? []);
      if (route && bundledWithProcedure(anchors, route.value, clauseSpan.text)) return;
      const drugName = drugNameOf(group);
      const codes = [...new Set(fitting.map((m) => m.code.code))];
      const reading = documentedDose(text, regionStart, regionEnd, mention.start);
      if (reading.kind === 'none' || reading.kind === 'weight-based') {
        queries.push({
          element: 'dose',
          question:
            reading.kind === 'weight-based'
              ? `What total dose of ${drugName} was administered? The note gives a dose per kilogram or per square metre (${reading.span.text}); the HCPCS code is billed by the amount given.`
              : `What dose of ${drugName} was administered (amount and unit)? ${perUnitHint(fitting.map((m) => m.code))}`,
          affectedCodes: codes,
          evidence: [clauseSpan],
        });
        return;
      }
      if (!route) {
        queries.push({
          element: 'route',
          question: `By what route was ${drugName} ${formatQuantity(reading.dose.value)} given (intramuscular, subcutaneous, intravenous push or infusion)? The drug code and its administration code depend on it.`,
          affectedCodes: codes,
          evidence: [clauseSpan],
        });
        return;
      }
      const dose = multiplied(reading.dose, text, clause);
      const choice = chooseCode(group, fitting, words, dose.value);
      if (choice.kind === 'ambiguous') {
        queries.push({
          element: 'drug form',
          question: `Which ${drugName} product was administered: ${choice.options.join(' or ')}? Each form has its own HCPCS code.`,
          affectedCodes: choice.codes,
          evidence: [clauseSpan],
        });
        return;
      }
      if (choice.kind === 'unit-mismatch') {
        queries.push({
          element: 'dose',
          question: `What dose of ${drugName} was administered in ${choice.unit}? The note gives ${formatQuantity(dose.value)}, and the HCPCS code is billed per ${choice.unit}.`,
          affectedCodes: codes,
          evidence: [clauseSpan],
        });
        return;
      }
      const minutes =
        route.value === 'intravenous-infusion' ? infusionMinutes(text, clause.start, clause.end) : undefined;
      administrations.push({
        code: choice.code,
        units: choice.units,
        dose,
        route,
        ...(minutes ? { minutes } : {}),
        mention,
        clause: clauseSpan,
        section,
        choice: choice.why,
      });
    });
  }
  return { administrations, queries };
}

function mentionSpan(clause: Clause, group: DrugGroup, words: ClauseWords, text: string): EvidenceSpan {
  const synonym = words.synonyms.find((s) => s.at === group.at);
  if (synonym) return evidence(text, synonym.start, synonym.end);
  const t = clause.tokens[group.at];
  return evidence(text, t?.start ?? clause.start, t?.end ?? clause.end);
}

/** The drug's generic name without its salt ("methylprednisolone", not "... acetate"), for queries. */
function drugNameOf(group: DrugGroup): string {
  const generic = group.matches[0]?.code.names.find((n) => n.kind === 'generic');
  if (!generic) return group.key;
  const bare = generic.text
    .split(/\s+/)
    .filter((w) => !SALT_WORDS.has(w))
    .join(' ');
  return bare || generic.text;
}

function perUnitHint(codes: readonly DrugCode[]): string {
  const first = codes[0];
  if (!first) return '';
  const unit =
    first.perUnit.kind === 'range'
      ? first.perUnit.text
      : `${first.perUnit.kind === 'up-to' ? 'up to ' : 'per '}${formatQuantity(first.perUnit.amount)}`;
  return `HCPCS ${first.code} is billed ${unit}; units cannot be counted without the dose.`;
}

/** "40 mg each" to both knees, "bilateral ... each": the dose was given twice. */
function multiplied(dose: Found<Quantity>, text: string, clause: Clause): Found<Quantity> {
  const after = text.slice(dose.span.end, Math.min(clause.sentence.end, dose.span.end + 12));
  const sentence = text.slice(clause.sentence.start, clause.sentence.end);
  if (/^\s*(each|per side|per joint)\b/i.test(after) && /\b(bilateral(ly)?|both)\b/i.test(sentence)) {
    return { value: { value: dose.value.value * 2, unit: dose.value.unit }, span: { ...dose.span } };
  }
  return dose;
}

type Choice =
  | {
      kind: 'code';
      code: DrugCode;
      units: Extract<UnitsResult, { ok: true }>;
      why: string[];
    }
  | { kind: 'ambiguous'; options: string[]; codes: string[] }
  | { kind: 'unit-mismatch'; unit: string };

/**
 * The code for the documented product and dose. Codes are ranked by what the note names: the
 * brand (a manufacturer's code only when its name is written), the salt or ester, the
 * qualifiers ("preservative free", "liposomal"); "not otherwise specified" wins a tie. When the
 * best-ranked codes are different forms of the drug and the note names none, the form is asked
 * for. Among codes of one form (J1020/J1030/J1040 at 20, 40 and 80 mg), the one that bills the
 * least drug beyond the dose, then the fewest units.
 */
function chooseCode(
  group: DrugGroup,
  fitting: DrugGroup['matches'],
  words: ClauseWords,
  dose: Quantity,
): Choice {
  const named = (w: string) => words.stems.has(w) || words.stems.has(stem(w));
  const ranked = fitting.map((m) => {
    const c = m.code;
    const brand = m.brandNamed ? 1 : c.branded ? -1 : 0;
    const missingQualifiers = c.qualifiers.filter((q) => !named(q)).length;
    const namedSalts = c.salts.filter(named).length;
    return { m, brand, missingQualifiers, namedSalts, nos: c.notOtherwiseSpecified ? 1 : 0 };
  });
  const better = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
    b.brand - a.brand || a.missingQualifiers - b.missingQualifiers || b.namedSalts - a.namedSalts;
  ranked.sort(better);
  const top = ranked.filter((r) => ranked[0] && better(r, ranked[0]) === 0);
  const form = (r: (typeof ranked)[number]) =>
    [...r.m.code.salts].sort().join('+') + (r.m.code.branded ? `|${r.m.code.names.at(-1)?.text}` : '');
  const forms = new Map<string, typeof top>();
  for (const r of top) forms.set(form(r), [...(forms.get(form(r)) ?? []), r]);
  let pool = top;
  if (forms.size > 1) {
    const nos = top.filter((r) => r.nos);
    const nosForms = new Set(nos.map(form));
    if (nos.length && nosForms.size === 1) pool = nos;
    else {
      const options = [...forms.values()].map((rs) => {
        const c = rs[0]!.m.code;
        return `${c.names[0]?.text ?? c.code} (${rs.map((r) => r.m.code.code).join(', ')})`;
      });
      return { kind: 'ambiguous', options, codes: top.map((r) => r.m.code.code) };
    }
  }
  let best: { r: (typeof pool)[number]; units: Extract<UnitsResult, { ok: true }> } | undefined;
  let mismatch: string | undefined;
  for (const r of pool) {
    const u = billingUnits(dose, r.m.code.perUnit);
    if (!u.ok) {
      if (u.reason === 'unit-mismatch')
        mismatch =
          r.m.code.perUnit.kind === 'range' ? r.m.code.perUnit.max.unit : r.m.code.perUnit.amount.unit;
      continue;
    }
    if (
      !best ||
      u.excess < best.units.excess - 1e-9 ||
      (Math.abs(u.excess - best.units.excess) < 1e-9 && u.units < best.units.units)
    )
      best = { r, units: u };
  }
  if (!best) return { kind: 'unit-mismatch', unit: mismatch ?? 'the code’s unit' };
  const c = best.r.m.code;
  const why: string[] = [];
  if (best.r.m.brandNamed)
    why.push(`the note names the product (${c.names.find((n) => n.kind === 'brand')?.text})`);
  if (best.r.namedSalts) why.push(`the note names the form (${c.salts.filter((s) => named(s)).join(' ')})`);
  if (c.notOtherwiseSpecified && top.length > 1)
    why.push('not otherwise specified: no particular product is named');
  if (pool.length > 1)
    why.push(
      `of ${pool.map((r) => r.m.code.code).join(', ')}, the code that bills the dose with the least excess`,
    );
  if (group.matches.length > fitting.length)
    why.push('codes for other routes excluded by the documented route');
  return { kind: 'code', code: c, units: best.units, why };
}
