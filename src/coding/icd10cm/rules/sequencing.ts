/**
 * Sequencing (Section II principal diagnosis, IV.G first-listed): conditions the provider
 * states, in the order stated (the assessment lists the reason for the encounter first), then
 * symptoms, then status/history Z codes; "code first" instructions put the etiology before its
 * manifestation (I.A.13: codes titled "in diseases classified elsewhere" are never first);
 * external-cause codes (V00–Y99) are never first-listed (I.C.20); a poisoning precedes its
 * manifestations, an adverse effect or underdosing follows them (I.C.19.e.5); pregnancy codes
 * first (I.C.15.a); Z codes first only when they state the reason for the encounter (I.C.21.c.16);
 * the assessment's conditions before those only listed in the history. Duplicate codes are
 * merged, keeping all their evidence.
 */
import { isDiagnosticSection } from '../../../nlp/sections.js';
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';

export const GUIDELINE = 'IV.G / II: first-listed (principal) diagnosis is the condition chiefly responsible';

/** T36–T50 with 6th character 5 (adverse effect) or 6 (underdosing), or 1–4 (poisoning). */
function drugCharacter(code: string): string | null {
  const flat = code.replace('.', '');
  return /^T(3[6-9]|4\d|50)/.test(flat) && flat.length >= 6 ? flat[5]! : null;
}

/**
 * Z codes that state why the patient came (I.C.21.c.16 "Z codes that may be principal/first-
 * listed"): general/special examinations Z00–Z04, follow-up Z08–Z09, screening Z11–Z13,
 * contraception/procreation/pregnancy supervision Z30–Z36, liveborn infant Z38, postpartum
 * Z39, aftercare and treatment encounters Z40–Z53. Z3A (weeks of gestation) and Z37 (outcome
 * of delivery) never are.
 */
const ENCOUNTER_REASON = /^Z(0[0-4]|0[89]|1[1-3]|3[0-6]|38|39|4\d|5[0-3])/;

function group(c: Readonly<Candidate>): number {
  const drug = drugCharacter(c.code);
  // An encounter solely for chemotherapy, immunotherapy or radiation (I.C.2.e.2).
  if (/^Z51\.(0|1[12])$/.test(c.code)) return -3;
  // A poisoning comes before its manifestations (I.C.19.e.5.b); an adverse effect or an
  // underdosing after the condition it caused or worsened (I.C.19.e.5.a, I.C.19.e.5.c).
  if (drug && '1234'.includes(drug)) return -1;
  if (drug === '5' || drug === '6') return 2;
  // Pregnancy-related conditions (chapter 15) have sequencing priority (I.C.15.a.1).
  if (c.code.startsWith('O')) return -2;
  if (ENCOUNTER_REASON.test(c.code) && !/^Z3[A7]/.test(c.code)) return -1;
  if (/^[V-Y]/.test(c.code)) return 4;
  // Other Z codes (status, history, BMI, weeks of gestation, social factors) are secondary.
  if (c.code.startsWith('Z')) return 3;
  if (c.code.startsWith('R')) return 2;
  if (/in diseases classified elsewhere/i.test(c.title)) return 1;
  return 0;
}

/**
 * The provider's diagnostic statement (assessment, diagnoses) is where the reason for the
 * encounter is stated (IV.C/IV.G); conditions only listed in the history follow it.
 */
function sectionRank(c: Readonly<Candidate>): number {
  if (isDiagnosticSection(c.section)) return 0;
  if (
    c.section === 'past_medical_history' ||
    c.section === 'family_history' ||
    c.section === 'social_history'
  )
    return 2;
  return 1;
}

/**
 * One candidate per code, where the first of them was: the later ones' evidence (spans not
 * already there), guidelines and notes added, the highest confidence and earliest offset. A
 * code listed once keeps its candidate; a merged one is a new object.
 */
export function mergeDuplicates(candidates: readonly Readonly<Candidate>[]): Readonly<Candidate>[] {
  const byCode = new Map<string, Readonly<Candidate>>();
  for (const c of candidates) {
    const seen = byCode.get(c.code);
    if (!seen) {
      byCode.set(c.code, c);
      continue;
    }
    const spans = new Set(seen.evidence.map((e) => `${e.start}:${e.end}`));
    byCode.set(c.code, {
      ...seen,
      evidence: [...seen.evidence, ...c.evidence.filter((e) => !spans.has(`${e.start}:${e.end}`))],
      confidence: Math.max(seen.confidence, c.confidence),
      offset: Math.min(seen.offset, c.offset),
      guidelines: withNew(seen.guidelines, c.guidelines),
      tabularNotes: withNew(seen.tabularNotes, c.tabularNotes),
    });
  }
  return [...byCode.values()];
}

/** A new array: `list` followed by the items of `more` it lacks, each once. */
function withNew(list: readonly string[], more: readonly string[]): string[] {
  const out = [...list];
  for (const m of more) if (!out.includes(m)) out.push(m);
  return out;
}

/**
 * Neoplasm-related pain stated as the problem ("cancer-related pain from bone metastases") is
 * the reason for the encounter and the neoplasm an additional code (I.C.6.b.5): in a tie of
 * position with the neoplasm codes of the same statement, G89.3 comes first.
 */
function painFirst(a: Readonly<Candidate>, b: Readonly<Candidate>): number {
  return (b.code === 'G89.3' ? 1 : 0) - (a.code === 'G89.3' ? 1 : 0);
}

export const sequencing: Rule = (candidates) => {
  const list = mergeDuplicates(candidates).sort(
    (a, b) =>
      group(a) - group(b) || sectionRank(a) - sectionRank(b) || a.offset - b.offset || painFirst(a, b),
  );
  // "Code first": move the etiology in front of the code whose note asks for it.
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const first = a.details.notes
      .filter((n) => n.kind === 'codeFirst')
      .flatMap((n) => codeRefs(n.text))
      .map((r) => list.findIndex((b, j) => j > i && inRange(b.code, r)))
      .filter((j) => j > i);
    if (first.length > 0) {
      const j = Math.min(...first);
      const [etiology] = list.splice(j, 1);
      list.splice(i, 0, etiology!);
    }
  }
  // The first-listed code cites the guideline: a new object in its place.
  const [principal] = list;
  if (principal) list[0] = { ...principal, guidelines: [...principal.guidelines, GUIDELINE] };
  return { candidates: list };
};
