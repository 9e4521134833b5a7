/**
 * Drugs and chemicals (I.C.19.e): a statement that names a substance of the Table of Drugs and
 * Chemicals together with what happened — a poisoning (overdose, wrong substance), an adverse
 * effect (a correctly prescribed, properly administered drug), or an underdosing (less taken than
 * prescribed) — gets the Table's code from the matching column:
 * - poisoning: by intent; accidental when the intent is not documented (I.C.19.e.5.b);
 * - adverse effect: column "adverse effect" (5th/6th character 5), reported after the
 *   manifestation it caused (I.C.19.e.5.a);
 * - underdosing: column "underdosing" (6), never first-listed, with the noncompliance code for
 *   the patient's reason when the note gives it (I.C.19.e.5.c: Z91.12-, Z91.13-).
 * The 7th character comes from the episode of care and placeholder X fills the code, as for any
 * injury (completed by specificity.ts).
 */
import type { Sentence } from '../../nlp/analyze.js';
import { isPunct } from '../../nlp/tokens.js';
import type { DrugCodes, Icd10cmTerminology } from '../../terminology/types.js';
import { STOPWORDS } from '../../text/index.js';
import { DRUG_CLASSES } from './drug-classes.js';

export const GUIDELINES = {
  poisoning:
    'I.C.19.e.5.b: poisoning — Table of Drugs by intent (accidental when not documented), sequenced first',
  adverseEffect:
    'I.C.19.e.5.a: adverse effect of a drug correctly prescribed and properly administered — manifestation first, then T36–T50 with 5',
  underdosing:
    'I.C.19.e.5.c: underdosing — T36–T50 with 6, never first-listed; noncompliance Z91.12-/Z91.13- for intent',
} as const;

export type DrugEventKind = keyof typeof GUIDELINES;
export type Intent = 'accidental' | 'intentional' | 'assault' | 'undetermined';

export interface DrugEvent {
  kind: DrugEventKind;
  intent: Intent;
  /** The Table row's code for the column (without 7th character), e.g. T38.3X6. */
  code: string;
  /** The Table path followed ("Insulin"). */
  path: string[];
  /** Token indexes of the substance and the trigger words. */
  tokens: number[];
  /** The noncompliance code that states the reason for underdosing, if documented. */
  noncompliance?: string;
}

// Linear-time patterns over the lower-cased sentence (no nested quantifiers).
const UNDERDOSING =
  /\bunderdos|\b(?:missed|missing|skipped|skipping|omitted) (?:\w+ )?(?:doses?|insulin|medications?|pills?)\b|\bran out of\b|\brunning out of\b|\b(?:not|stopped|quit|stop) taking\b|\bnon-?complian|\bnon-?adheren|\brationing\b|\bcut back on\b/;
const POISONING =
  /\boverdos|\bpoisoning\b|\bpoisoned\b|\bingest(?:ed|ion)\b|\btook (?:too many|an excess|extra)\b/;
const ADVERSE =
  /\badverse (?:effect|reaction|drug)|\bside effects?\b|\binduced\b|\bdue to\b|\bsecondary to\b|\bcaused by\b|\breaction to\b|\brelated to\b|\battributed to\b|\bfrom (?:his|her|the|their)\b/;
const INTENTIONAL = /\bintentional|\bsuicid|\bself[- ]harm|\bdeliberate|\bon purpose\b/;
const UNINTENTIONAL = /\bunintentional|\baccidental/;
const ASSAULT = /\bassault|\bhomicid|\bpoisoned by (?:her|his|a|an|the)\b/;
const UNDETERMINED = /\bundetermined|\bintent (?:unknown|unclear)|\bunknown intent|\bunclear intent/;
const FINANCIAL = /\bafford|\bcost\b|\bcosts\b|\bexpensive|\bfinancial|\binsurance\b|\bmoney\b/;
const FORGOT = /\bforg[eo]t|\bconfus|\bmemory\b|\bdementia\b/;
const AGE_RELATED = /\bage[- ]related|\bfrail|\bdebility/;

/** Note words that name a Table row under another word ("chemo" is an antineoplastic). */
const SUBSTANCE_SYNONYMS: Readonly<Record<string, string>> = {
  chemotherapy: 'antineoplastic',
  chemo: 'antineoplastic',
  antipsychotic: 'antipsychotic drug',
  antipsychotics: 'antipsychotic drug',
  opiate: 'opioid',
  opiates: 'opioid',
  opioids: 'opioid',
  'blood thinner': 'anticoagulant',
};

const MAX_LOOKUPS = 40;
/** Characters between the event's words and the substance. */
const NEAR = 40;

/**
 * An adverse effect names its drug as the cause: after "due to / secondary to / caused by /
 * reaction to" in the same phrase (no comma or semicolon between), just before "induced"
 * ("steroid-induced"), or on either side of "adverse/side effect".
 */
function causedBy(lower: string, triggerAt: number, drugAt: number): boolean {
  const between = (a: number, b: number) => !/[,;.]/.test(lower.slice(a, b));
  const trigger = lower.slice(triggerAt, triggerAt + 12);
  if (/^(?:adverse|side)/.test(trigger))
    return between(Math.min(triggerAt, drugAt), Math.max(triggerAt, drugAt));
  if (trigger.startsWith('induced'))
    return drugAt < triggerAt && triggerAt - drugAt <= 30 && between(drugAt, triggerAt);
  return drugAt > triggerAt && between(triggerAt, drugAt);
}

/** What happened with the drug, from the statement's wording; null when nothing did. */
export function classifyDrugEvent(lower: string): { kind: DrugEventKind; intent: Intent; at: number } | null {
  const intent: Intent = UNDETERMINED.test(lower)
    ? 'undetermined'
    : ASSAULT.test(lower)
      ? 'assault'
      : INTENTIONAL.test(lower) && !UNINTENTIONAL.test(lower)
        ? 'intentional'
        : 'accidental';
  const under = UNDERDOSING.exec(lower);
  if (under) return { kind: 'underdosing', intent, at: under.index };
  const poison = POISONING.exec(lower);
  if (poison) return { kind: 'poisoning', intent, at: poison.index };
  const adverse = ADVERSE.exec(lower);
  if (adverse) return { kind: 'adverseEffect', intent, at: adverse.index };
  return null;
}

export function drugColumn(kind: DrugEventKind, intent: Intent): keyof DrugCodes {
  if (kind === 'adverseEffect') return 'adverseEffect';
  if (kind === 'underdosing') return 'underdosing';
  if (intent === 'intentional') return 'poisoningIntentional';
  if (intent === 'assault') return 'poisoningAssault';
  if (intent === 'undetermined') return 'poisoningUndetermined';
  return 'poisoningAccidental';
}

/**
 * Z91.12- (intentional underdosing: financial hardship, other reason) or Z91.13- (unintentional:
 * age-related debility, other) when the note says why the patient took less (I.C.19.e.5.c).
 */
export function noncomplianceCode(lower: string): string | null {
  if (FINANCIAL.test(lower)) return 'Z91.120';
  if (AGE_RELATED.test(lower)) return 'Z91.130';
  if (FORGOT.test(lower) || UNINTENTIONAL.test(lower)) return 'Z91.138';
  return null;
}

function rowName(title: string): string {
  return title
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/\bnec\b/g, '')
    .trim();
}

/**
 * The Table row a statement names: the longest run of one or two words whose row's own title
 * starts with them (the Table's fuzzy matching is not trusted: "heart" is no drug).
 */
export function findSubstance(
  sentence: Sentence,
  drugLookup: Icd10cmTerminology['drugLookup'],
): { codes: DrugCodes; path: string[]; tokens: number[] } | null {
  const words: number[] = [];
  sentence.tokens.forEach((t, i) => {
    if (!isPunct(t) && !STOPWORDS.has(t.norm) && t.norm.length > 3 && !/^\d/.test(t.norm)) words.push(i);
  });
  let lookups = 0;
  let best: { codes: DrugCodes; path: string[]; tokens: number[]; n: number } | null = null;
  const tryName = (name: string, tokens: number[]) => {
    if (lookups++ >= MAX_LOOKUPS) return;
    const found = substanceNamed(name, drugLookup);
    if (found && (!best || tokens.length > best.n)) best = { ...found, tokens, n: tokens.length };
  };
  for (let k = 0; k < words.length; k++) {
    const i = words[k]!;
    const j = words[k + 1];
    if (j === i + 1) tryName(`${sentence.tokens[i]!.norm} ${sentence.tokens[j]!.norm}`, [i, j]);
    tryName(sentence.tokens[i]!.norm, [i]);
  }
  if (!best) return null;
  const { n: _n, ...found } = best as { codes: DrugCodes; path: string[]; tokens: number[]; n: number };
  return found;
}

/**
 * The Table row a word (or two) names, itself or through its class (drug-classes.ts), with the
 * Table path the coder sees; null when it names no Table row (the Table's fuzzy matching is not
 * trusted: "heart" is no drug).
 */
export function substanceNamed(
  name: string,
  drugLookup: Icd10cmTerminology['drugLookup'],
): { codes: DrugCodes; path: string[] } | null {
  const byClass = DRUG_CLASSES.get(name);
  const query = SUBSTANCE_SYNONYMS[name] ?? byClass ?? name;
  let r: ReturnType<Icd10cmTerminology['drugLookup']>;
  try {
    r = drugLookup(query);
  } catch {
    return null;
  }
  if (!r?.matched || r.path.length === 0) return null;
  const row = rowName(r.path[0]!.title);
  if (!row.startsWith(query) && !query.startsWith(row)) return null;
  return {
    codes: r.codes,
    // A drug coded by its class says so in the path the coder sees.
    path: [
      ...(byClass ? [`${name} (not in the Table; coded by its class)`] : []),
      ...r.path.map((s) => s.title),
    ],
  };
}

/** The drug event a statement documents, or null. Context (negation etc.) is the caller's. */
export function drugEventIn(
  sentence: Sentence,
  lower: string,
  drugLookup: Icd10cmTerminology['drugLookup'],
): DrugEvent | null {
  const what = classifyDrugEvent(lower);
  if (!what) return null;
  const substance = findSubstance(sentence, drugLookup);
  if (!substance) return null;
  // "Chest pain due to reflux; on omeprazole": the drug must be what the words are about, so
  // it sits close to them.
  const drugAt = sentence.tokens[substance.tokens[0]!]!.start - sentence.start;
  if (Math.abs(drugAt - what.at) > NEAR) return null;
  if (what.kind === 'adverseEffect' && !causedBy(lower, what.at, drugAt)) return null;
  const code = substance.codes[drugColumn(what.kind, what.intent)];
  if (!code) return null;
  const event: DrugEvent = {
    kind: what.kind,
    intent: what.intent,
    code,
    path: substance.path,
    tokens: substance.tokens,
  };
  if (what.kind === 'underdosing') {
    const z = noncomplianceCode(lower);
    if (z) event.noncompliance = z;
  }
  return event;
}
