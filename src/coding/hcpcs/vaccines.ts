/**
 * Vaccine administrations documented in a note and their administration codes. For a Medicare
 * patient, influenza, pneumococcal and hepatitis B vaccines are administered under the HCPCS
 * codes whose CMS description names them ("Administration of influenza virus vaccine": G0008,
 * G0009, G0010); other vaccines are Part D (no Part B administration line). For other payers
 * the CPT immunization administration codes apply: 90471 for the first injected vaccine and
 * 90472 for each further one, 90473/90474 for oral or intranasal vaccines.
 *
 * Not derived here: the vaccine product codes (CPT 90476-90759, whose descriptors the project
 * does not ship), and the pediatric counseling codes 90460/90461.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { Token } from '../../nlp/tokens.js';
import type { EvidenceSpan } from '../types.js';
import { administrationClauses } from './administration-clauses.js';
import { VACCINE_NAMES, type VaccineName } from './vaccine-names.js';

export interface VaccineAdministration {
  vaccine: VaccineName;
  mention: EvidenceSpan;
  clause: EvidenceSpan;
}

/** A Medicare Part B vaccine administration code read from the HCPCS file. */
export interface VaccineAdminCode {
  code: string;
  title: string;
  /** The vaccine named in the description ("influenza virus", "pneumococcal", "hepatitis b"). */
  vaccine: string;
  addedDate: string | null;
  terminationDate: string | null;
}

const ADMINISTRATION_OF = /^administration of (.+?) vaccine$/i;

/** A HCPCS record as a vaccine administration code, when its description is "Administration of X vaccine". */
/** The CPT immunization administration numbers `vaccineLines` can suggest for non-Medicare payers. */
export const IMMUNIZATION_ADMINISTRATION_CODES: readonly string[] = ['90471', '90472', '90473', '90474'];

export function vaccineAdminCodeOf(record: {
  code: string;
  longDescription: string;
  addedDate: string | null;
  terminationDate: string | null;
}): VaccineAdminCode | undefined {
  const m = ADMINISTRATION_OF.exec(record.longDescription.trim());
  if (!m || !/^G\d{4}$/.test(record.code)) return undefined;
  return {
    code: record.code,
    title: record.longDescription,
    vaccine: (m[1] ?? '').toLowerCase(),
    addedDate: record.addedDate,
    terminationDate: record.terminationDate,
  };
}

/**
 * The names by their first word, each with its place in VACCINE_NAMES: a token is compared with
 * the few names that start with it instead of every name (this ran for every token of every
 * clause of every note).
 */
const NAMES_BY_FIRST_WORD = new Map<string, Array<{ v: VaccineName; words: string[]; order: number }>>();
VACCINE_NAMES.forEach((v, order) => {
  const words = v.name.split(' ');
  const first = words[0] ?? '';
  const list = NAMES_BY_FIRST_WORD.get(first) ?? [];
  list.push({ v, words, order });
  NAMES_BY_FIRST_WORD.set(first, list);
});
const NONE: ReadonlyArray<{ v: VaccineName; words: string[]; order: number }> = [];

/** Words that make "flu", "hepatitis b", "pneumococcal" a vaccine rather than a disease. */
const VACCINE_CONTEXT = /\b(vaccines?|vaccinat\w*|immuniz\w*|immunis\w*|shots?|vis|booster|dose #?\d)\b/i;

function vaccineAt(tokens: readonly Token[], i: number): { v: VaccineName; end: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  const written = surface(t) ?? '';
  const bySurface = NAMES_BY_FIRST_WORD.get(written) ?? NONE;
  const byNorm = t.norm === written ? NONE : (NAMES_BY_FIRST_WORD.get(t.norm) ?? NONE);
  let found: { v: VaccineName; end: number; order: number } | undefined;
  for (const { v, words, order } of [...bySurface, ...byNorm]) {
    if (!words.every((w, k) => surface(tokens[i + k]) === w || tokens[i + k]?.norm === w)) continue;
    // The longest name wins; between names of one length, the first in VACCINE_NAMES.
    const length = words.length;
    if (!found || length > found.end - i || (length === found.end - i && order < found.order))
      found = { v, end: i + length, order };
  }
  return found && { v: found.v, end: found.end };
}

/** The word as written, for a token produced by expanding an abbreviation ("hep b"). */
function surface(t: Token | undefined): string | undefined {
  return t?.expandedFrom ?? t?.norm;
}

function vaccinesIn(tokens: readonly Token[]): Array<{ v: VaccineName; from: number; to: number }> {
  const out: Array<{ v: VaccineName; from: number; to: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = vaccineAt(tokens, i);
    if (!hit) continue;
    out.push({ v: hit.v, from: i, to: hit.end });
    i = hit.end - 1;
  }
  return out;
}

/** Every vaccine documented as given on this visit, once per vaccine type. */
export function findVaccineAdministrations(analysis: NoteAnalysis): VaccineAdministration[] {
  const text = analysis.text;
  const found = new Map<string, VaccineAdministration>();
  const clauses = administrationClauses(analysis, (tokens) => vaccinesIn(tokens).length > 0);
  for (const clause of clauses) {
    if (!clause.administered) continue;
    const sentenceText = text.slice(clause.sentence.start, clause.sentence.end);
    for (const hit of vaccinesIn(clause.tokens)) {
      if (!hit.v.selfEvident && !VACCINE_CONTEXT.test(sentenceText)) continue;
      const flags = clause.sentence.flags[clause.firstToken + hit.from];
      if (flags && (flags.negated || flags.family || flags.hypothetical || flags.historical)) continue;
      if (found.has(hit.v.kind)) continue;
      const first = clause.tokens[hit.from];
      const last = clause.tokens[hit.to - 1];
      if (!first || !last) continue;
      found.set(hit.v.kind, {
        vaccine: hit.v,
        mention: { start: first.start, end: last.end, text: text.slice(first.start, last.end) },
        clause: {
          start: clause.start,
          end: clause.end,
          text: text.slice(clause.start, clause.end),
          section: clause.sentence.section,
        },
      });
    }
  }
  return [...found.values()];
}

export interface VaccineLine {
  system: 'HCPCS' | 'CPT';
  code: string;
  title?: string;
  units: number;
  evidence: EvidenceSpan[];
  rule: string;
  details: string[];
}

/**
 * Administration lines for the vaccines given. `medicare`: G-codes for the Part B vaccines
 * found in `codes` (those in effect on the date of service); else the CPT immunization codes.
 */
export function vaccineLines(
  given: readonly VaccineAdministration[],
  medicare: boolean,
  codes: readonly VaccineAdminCode[],
): VaccineLine[] {
  if (medicare) {
    const lines: VaccineLine[] = [];
    for (const g of given) {
      const kind = g.vaccine.kind;
      // "influenza" names "influenza virus vaccine"; "hepatitis b" must not take a hepatitis A code.
      const match = codes.find((c) =>
        kind.includes(' ') ? c.vaccine === kind : c.vaccine.split(' ')[0] === kind,
      );
      if (!match) continue;
      lines.push({
        system: 'HCPCS',
        code: match.code,
        title: match.title,
        units: 1,
        evidence: [g.mention, g.clause],
        rule: `Medicare Part B administration of ${match.vaccine} vaccine`,
        details: [`vaccine documented as given: ${g.mention.text}`],
      });
    }
    return lines;
  }
  const injected = given.filter((g) => g.vaccine.route === 'injection');
  const other = given.filter((g) => g.vaccine.route !== 'injection');
  const lines: VaccineLine[] = [];
  const line = (code: string, list: readonly VaccineAdministration[], rule: string) => {
    if (list.length === 0) return;
    lines.push({
      system: 'CPT',
      code,
      units: list.length,
      evidence: list.flatMap((g) => [g.mention]),
      rule,
      details: list.map((g) => `${g.vaccine.kind}: ${g.mention.text}`),
    });
  };
  line('90471', injected.slice(0, 1), 'immunization administration, first injected vaccine');
  line('90472', injected.slice(1), 'immunization administration, each additional injected vaccine');
  if (injected.length > 0)
    line('90474', other, 'immunization administration, each additional oral or intranasal vaccine');
  else {
    line('90473', other.slice(0, 1), 'immunization administration, first oral or intranasal vaccine');
    line('90474', other.slice(1), 'immunization administration, each additional oral or intranasal vaccine');
  }
  return lines;
}
