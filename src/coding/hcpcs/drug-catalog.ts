/**
 * The HCPCS drug codes a clinic bills for drugs it administers, read from the CMS long
 * descriptions themselves, which name the generic drug, its salt, any manufacturer or brand,
 * the route and the amount per unit: "Injection, ketorolac tromethamine, per 15 mg",
 * "Injection, epinephrine (hospira), not therapeutically equivalent to j0165, 0.1 mg",
 * "Injection, garamycin, gentamicin, up to 80 mg". Nothing here lists answers: every drug name
 * a note can be matched against comes from the file.
 *
 * Left out: codes for drugs the patient takes or uses themselves, or that a supplier bills
 * (oral, inhalation solutions through DME, nasal, topical, vaginal, ophthalmic, enteral,
 * patches, contraceptive supplies), and codes with no amount per unit to count ("per vial",
 * "per therapeutic dose", "not otherwise classified").
 */
import { inEffect } from '../../codesets/hcpcs/lookup.js';
import { type PerUnitDose, parsePerUnitDose } from './per-unit.js';

/** The route a code's description allows; 'parenteral' is any injection route. */
export type CodeRoute = 'parenteral' | 'intravenous' | 'intramuscular' | 'subcutaneous' | 'intra-articular';

export interface DrugCode {
  code: string;
  /** The CMS long description, as shown to the coder. */
  title: string;
  perUnit: PerUnitDose;
  route: CodeRoute;
  /**
   * Ways the description names the drug, each a set of words that must all be in the note:
   * the generic name's distinctive words ("ketorolac"), a second name segment ("gentamicin"),
   * a brand in parentheses ("zimhi").
   */
  names: NameForm[];
  /** Salt or ester words of the generic name ("tromethamine", "acetate"): optional in notes. */
  salts: string[];
  /** Words of qualifying segments ("preservative free", "liposomal"): a mismatch if absent. */
  qualifiers: string[];
  /** The code is a particular manufacturer's or brand's product (a name in parentheses). */
  branded: boolean;
  /** "not otherwise specified": the default code when the product is not named. */
  notOtherwiseSpecified: boolean;
  addedDate: string | null;
  terminationDate: string | null;
}

export interface NameForm {
  kind: 'generic' | 'brand';
  /** Every word must be in the note (lower case, as tokenized). */
  anchors: string[];
  /** The name as written in the description, for queries ("methylprednisolone acetate"). */
  text: string;
}

export interface HcpcsDrugRecord {
  code: string;
  longDescription: string;
  addedDate: string | null;
  terminationDate: string | null;
}

/**
 * Salt, ester and counter-ion words: the same drug in another form. A note often leaves them
 * out ("ketorolac 30 mg"), and when two codes differ only in them the form must be asked for.
 */
export const SALT_WORDS: ReadonlySet<string> = new Set([
  'acetate',
  'acetonide',
  'benzathine',
  'besylate',
  'bitartrate',
  'bromide',
  'calcium',
  'chloride',
  'citrate',
  'cypionate',
  'decanoate',
  'diacetate',
  'dihydrochloride',
  'dipropionate',
  'disodium',
  'enanthate',
  'fumarate',
  'gluceptate',
  'hcl',
  'hexacetonide',
  'hyclate',
  'hydrobromide',
  'hydrochloride',
  'lactate',
  'lactobionate',
  'maleate',
  'mesylate',
  'methylsulfate',
  'pamoate',
  'palmitate',
  'phosphate',
  'potassium',
  'procaine',
  'sodium',
  'succinate',
  'sulfate',
  'tartrate',
  'tromethamine',
  'undecanoate',
  'valerate',
]);

/** Words that say what kind of thing a drug is, not which drug: never enough on their own. */
const GENERIC_WORDS = new Set([
  'vitamin',
  'factor',
  'immune',
  'globulin',
  'human',
  'recombinant',
  'complex',
  'solution',
  'acid',
  'hormone',
  'toxin',
  'antitoxin',
  'serum',
  'concentrate',
]);

const STOP_WORDS = new Set([
  'and',
  'or',
  'with',
  'of',
  'for',
  'in',
  'the',
  'a',
  'an',
  'to',
  'use',
  'only',
  'injection',
  'infusion',
]);

/** Adjective endings of one-word qualifier segments ("aqueous", "liposomal", "pegylated"). */
const QUALIFIER_ENDING = /(ous|al|ed|able|ible|ile|ic|ive|free)$/;

/** Descriptions of things a clinic does not bill as a drug it administered. */
const NOT_ADMINISTERED =
  /\b(oral|orally|inhalation|inhaler|through dme|nasal|topical|vaginal|rectal|suppository|ophthalmic|enteral|patch|contraceptive supply|not otherwise classified|unclassified|compounded drug|self[- ]administered\)?$)/;

/** A description's leading word that names the route rather than the drug. */
const ROUTE_LEAD = /^(injection|infusion|instillation|intravesical instillation)$/;

/** A segment that is only a route ("Injection, iv, urokinase, ..."). */
const ROUTE_SEGMENT = /^(iv|im|sc|intravenous|intramuscular|subcutaneous)$/;

/** Parenthesized words that describe the product's source, not a brand or maker. */
const DESCRIPTIVE_PARENS =
  /\b(human|recombinant|ovine|porcine|bovine|equine|antihemophilic|factor|csf|esrd|dialysis|code|medicare|grams?|units?|i\.?u\.?|ml|mg|e\.g\.|i\.e\.|contraceptive|non-lyophilized|lyophilized)\b|=/;

/** The qualifying words of a segment: what distinguishes this product from others of the drug. */
const QUALIFIER_NOISE = new Set([
  ...STOP_WORDS,
  'not',
  'otherwise',
  'specified',
  'therapeutically',
  'equivalent',
  'injection',
  'intravenous',
  'intramuscular',
  'subcutaneous',
  'use',
  'fda',
  'approved',
  'final',
  'product',
  'biosimilar',
  'per',
]);

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Splits at commas outside parentheses and outside numbers ("100,000 units"). */
function segments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    const inNumber = /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '');
    if (ch === ',' && depth === 0 && !inNumber) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function parentheticals(text: string): string[] {
  return [...text.matchAll(/\(([^()]*)\)/g)].map((m) => (m[1] ?? '').trim());
}

function withoutParentheses(text: string): string {
  return text
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function routeOf(lead: string, lower: string): CodeRoute {
  if (/\bintra-articular\b/.test(lower)) return 'intra-articular';
  if (/\bsubcutaneous\b/.test(lower) && !/\bintravenous\b/.test(lower)) return 'subcutaneous';
  if (/\bintramuscular\b/.test(lower) && !/\bintravenous\b/.test(lower)) return 'intramuscular';
  if (lead === 'infusion' || /\binfusion\b/.test(lower) || /^intravenous\b|, intravenous\b/.test(lower))
    return 'intravenous';
  return 'parenteral';
}

function generic(text: string): NameForm | undefined {
  const ws = words(text).filter((w) => !STOP_WORDS.has(w) && !SALT_WORDS.has(w));
  if (ws.length === 0) return undefined;
  const distinctive = ws.filter((w) => w.length >= 4 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w));
  return { kind: 'generic', anchors: distinctive.length ? distinctive : ws, text };
}

/**
 * The catalog entry for one HCPCS record, or undefined when the code is not a drug a clinic
 * administers and bills by amount (see the module comment).
 */
export function drugCodeOf(record: HcpcsDrugRecord): DrugCode | undefined {
  if (!/^[JQ]\d{4}$/.test(record.code)) return undefined;
  const title = record.longDescription;
  const lower = title.toLowerCase();
  if (NOT_ADMINISTERED.test(lower)) return undefined;
  const perUnit = parsePerUnitDose(title);
  if (!perUnit) return undefined;
  const parts = segments(lower);
  const lead = ROUTE_LEAD.test(parts[0] ?? '') ? (parts.shift() ?? '') : '';
  while (parts.length > 1 && ROUTE_SEGMENT.test(parts[0] ?? '')) parts.shift();
  // A description without the leading "Injection," must still be an injected or infused drug:
  // it says so ("Ringers lactate infusion", "Azathioprine, parenteral"), or it is a drug code of
  // J0-J3 or J9 (chemotherapy: "Cyclophosphamide, 100 mg"), and not a device placed in the body.
  if (!lead) {
    const injected =
      /\b(infusion|injection|injectable|intravenous|intramuscular|parenteral|factor|globulin)\b/.test(lower);
    if (!injected && !/^J[0-39]/.test(record.code)) return undefined;
    if (/\b(implant|intrauterine|pellet|instillation|gel|irrigation)\b/.test(lower)) return undefined;
  }
  const names: NameForm[] = [];
  const qualifiers: string[] = [];
  const salts = new Set<string>();
  let branded = false;
  parts.forEach((part, i) => {
    for (const inner of parentheticals(part)) {
      if (DESCRIPTIVE_PARENS.test(inner) || /^[\d.\s]+$/.test(inner)) continue;
      const anchors = words(inner).filter((w) => !STOP_WORDS.has(w));
      if (anchors.length) {
        names.push({ kind: 'brand', anchors, text: inner });
        branded = true;
      }
    }
    const plain = withoutParentheses(part).replace(perUnit.text, ' ').trim();
    if (!plain || /^not therapeutically equivalent to/.test(plain)) return;
    if (i === 0) {
      const name = generic(plain);
      if (name) names.unshift(name);
      for (const w of words(plain)) if (SALT_WORDS.has(w)) salts.add(w);
      return;
    }
    const ws = words(plain).filter((w) => !QUALIFIER_NOISE.has(w) && !/^\d+$/.test(w));
    // A later one-word segment that is not a qualifier is another name of the drug:
    // "Injection, garamycin, gentamicin, up to 80 mg"; "..., (human), berinert, 10 units".
    const only = ws.length === 1 && words(plain).length === 1 ? (ws[0] ?? '') : '';
    if (only.length >= 5 && !QUALIFIER_ENDING.test(only)) {
      names.push({ kind: i === 1 ? 'generic' : 'brand', anchors: [only], text: plain });
      return;
    }
    qualifiers.push(...ws);
  });
  if (names.length === 0) return undefined;
  return {
    code: record.code,
    title,
    perUnit,
    route: routeOf(lead, lower),
    names,
    salts: [...salts],
    qualifiers: [...new Set(qualifiers)],
    branded,
    notOtherwiseSpecified: /\bnot otherwise specified\b/.test(lower),
    addedDate: record.addedDate,
    terminationDate: record.terminationDate,
  };
}

/** Whether a code is in effect on a date: added on or before it, not terminated before it. */
export function inEffectOn(
  code: { addedDate: string | null; terminationDate: string | null },
  date: string,
): boolean {
  return inEffect(date, code.addedDate, code.terminationDate);
}

/** Drug codes indexed by each anchor word, for finding candidate codes from a note's words. */
export interface DrugCatalog {
  readonly codes: readonly DrugCode[];
  readonly byWord: ReadonlyMap<string, readonly DrugCode[]>;
  /**
   * The distinctive words of every drug the file names, billable here or not ("albuterol" of
   * an inhalation solution): they keep "albuterol neb" apart from the clause before it.
   */
  readonly drugWords: ReadonlySet<string>;
}

/** The distinctive words of a J or Q record's drug name, whether or not the code is catalogued. */
function drugNameWords(record: HcpcsDrugRecord): string[] {
  if (!/^[JQ]\d{4}$/.test(record.code)) return [];
  const parts = segments(record.longDescription.toLowerCase());
  if (ROUTE_LEAD.test(parts[0] ?? '')) parts.shift();
  const first = withoutParentheses(parts[0] ?? '');
  return (generic(first)?.anchors ?? []).filter((w) => w.length >= 4 && !/\d/.test(w));
}

export function buildDrugCatalog(records: Iterable<HcpcsDrugRecord>): DrugCatalog {
  const codes: DrugCode[] = [];
  const byWord = new Map<string, DrugCode[]>();
  const drugWords = new Set<string>();
  for (const r of records) {
    for (const w of drugNameWords(r)) drugWords.add(w);
    const entry = drugCodeOf(r);
    if (!entry) continue;
    codes.push(entry);
    for (const name of entry.names) {
      for (const w of new Set(name.anchors)) {
        const list = byWord.get(w);
        if (list) {
          if (list.at(-1) !== entry) list.push(entry);
        } else byWord.set(w, [entry]);
      }
    }
  }
  return { codes, byWord, drugWords };
}
