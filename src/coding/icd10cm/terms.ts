/**
 * Index and Tabular term wording → the stems a note must contain to match it. Nonessential
 * modifiers (in parentheses, or the `nemod` field) are not required but count when present;
 * "NEC", "NOS" and connecting words never decide a match.
 */
import { STOPWORDS, startsLikeHead, stem } from '../../text/index.js';

const CONNECTORS: ReadonlySet<string> = new Set([
  ...STOPWORDS,
  'with',
  'without',
  'due',
  'other',
  'specified',
  'classified',
  'elsewhere',
  'mention',
  'involving',
  'type',
  'unspecified',
]);

/** Words that keep their role in a term (they change the meaning of codes). */
const MEANINGFUL_SHORT = new Set(['type']);

export interface TermWords {
  /** Stems the note must contain. */
  required: string[];
  /** Stems of nonessential modifiers. */
  optional: string[];
  /**
   * A title of alternatives ("acute or subacute") is matched by any one of them; `required` is
   * then the first.
   */
  alternatives?: string[][];
  /** "without psychotic features": the note must negate the words; "with …": must affirm them. */
  polarity?: 'with' | 'without';
  /**
   * Stems of a trailing negative part ("reading, no diagnosis of hypertension"; "self-inflicted,
   * without suicidal intent"): the note must state them as absent.
   */
  negated?: string[];
}

export interface TermOptions {
  /**
   * Read a subterm's commas as "or": the External Cause Index lists synonyms that way ("stairs,
   * steps", "highway, road(way), street") and its connecting subterms too ("from, off, out of";
   * "in, on"). A part made only of connecting words makes the whole subterm a connector.
   */
  commaAlternatives?: boolean;
}

/** Splits a title into required and optional stems. `nemod` adds optional words. */
export function termWords(title: string, nemod?: string | null, options: TermOptions = {}): TermWords {
  const titleOptional = [...title.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]).join(' ');
  let optionalText = `${titleOptional} ${nemod ?? ''}`;
  let requiredText = title.replace(/\([^)]*\)/g, ' ');
  // The Index file puts everything from a title's first parenthesis into `nemod`, so the printed
  // subterm "and (on) chronic (congestive)" arrives as "and" + "(on) chronic (congestive)". Only
  // the parenthesised words are nonessential; when the title itself names nothing but a
  // connecting word, the words after the parentheses are the ones the note must contain.
  if (nemod && stems(requiredText, true).length === 0) {
    const { outside, inside } = splitParentheses(nemod);
    if (stems(outside, true).length > 0) {
      requiredText = `${requiredText} ${outside}`;
      optionalText = `${titleOptional} ${inside}`;
    }
  }
  // A trailing ", no …" / ", without …" part names what must be absent, not a word to find.
  const negatedParts: string[] = [];
  requiredText = requiredText
    .split(',')
    .filter((part, i) => {
      if (i === 0 || !/^\s*(?:no|without|not)\s/i.test(part)) return true;
      negatedParts.push(part);
      return false;
    })
    .join(',');
  const negated = stems(negatedParts.join(' ').replace(/\b(?:no|without|not)\b/gi, ' '), true);
  if (negated.length > 0) {
    const words = termWords(requiredText, null, options);
    return { ...words, optional: [...words.optional, ...stems(optionalText, false)], negated };
  }
  const optional = stems(optionalText, false);
  const lead = /^\s*(with|without)\s+\S/i.exec(requiredText)?.[1]?.toLowerCase() as TermWords['polarity'];
  const polar = (w: TermWords): TermWords => (lead ? { ...w, polarity: lead } : w);
  const separator =
    (options.commaAlternatives || commaSynonyms(requiredText)) && !lead ? /\s*,\s*|\s+or\s+/i : /\s+or\s+/i;
  const parts = requiredText.split(separator).filter((p) => p.trim().length > 0);
  if (options.commaAlternatives && parts.length > 1 && parts.some((p) => stems(p, true).length === 0))
    return polar({ required: [], optional });
  if (parts.length > 1) {
    const alternatives = parts.map((p) => anatomical(stems(p, true))).filter((a) => a.length > 0);
    if (alternatives.length > 1) return polar({ required: alternatives[0]!, optional, alternatives });
  }
  const required = anatomical(stems(requiredText, true));
  // "foot joint", "hand joint": the site names the joint; a note says "gout of the foot".
  if (required.length === 2 && required[1] === JOINT && SITE_JOINTS.has(required[0]!))
    return polar({ required: [required[0]!], optional: [...optional, JOINT] });
  return polar({ required, optional });
}
const JOINT = stem('joint');
const SITE_JOINTS = new Set(['foot', 'hand'].map(stem));

/**
 * A subterm that lists one word in its noun and adjective forms ("femur, femoral"; "abdomen,
 * abdominal"; "uterus, uterine") is matched by either: a note says "femoral neck" or "neck of the
 * femur", never both. Parts that only share a prefix such as "non-" or "con-" are qualifiers
 * ("nonpuerperal, nontraumatic"; "constricting, congenital") and all stay required.
 */
function commaSynonyms(text: string): boolean {
  const parts = text
    .toLowerCase()
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length < 2) return false;
  const head = parts[0]!.slice(0, 3);
  return /^[a-z]{3}$/.test(head) && !SHARED_PREFIXES.has(head) && parts.every((p) => p.startsWith(head));
}
const SHARED_PREFIXES = new Set([
  'non',
  'con',
  'per',
  'pre',
  'pos',
  'sub',
  'int',
  'dis',
  'dys',
  'par',
  'pro',
]);

/**
 * The words of a main term's nemod that the printed Index shows outside parentheses ("(and
 * minus) hand (intrinsic)" → "hand"), when they are plain words: not a word's ending split off
 * by a parenthesis ("Amnes(t)ic"), nor alternatives ("anomaly or syndrome", "a, b").
 */
export function essentialNemod(nemod: string | null | undefined): string | null {
  if (!nemod) return null;
  if (/\)[a-z-]/i.test(nemod)) return null;
  const bare = splitParentheses(nemod).outside.trim();
  if (!bare || /,|\bor\b|[^a-z\s'-]/i.test(bare)) return null;
  return bare;
}

/**
 * A text split at its (possibly nested) parentheses: `outside` keeps the rest as written
 * ("(t)ic" leaves "ic"); `inside` joins the parenthesised words, a space at every parenthesis
 * (their nesting doesn't matter for matching).
 */
function splitParentheses(text: string): { outside: string; inside: string } {
  let outside = '';
  let inside = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === ')') {
      depth = ch === '(' ? depth + 1 : Math.max(0, depth - 1);
      inside += ' ';
    } else if (depth === 0) outside += ch;
    else inside += ch;
  }
  return { outside, inside };
}

/**
 * The Index says "lower end" / "upper end" where notes say "distal" / "proximal": the note's
 * words are folded to the Index's (see index-match.ts), and "end" after them is implied.
 */
function anatomical(required: string[]): string[] {
  return required.filter((s, i) => !(s === 'end' && i > 0 && END_OF.has(required[i - 1]!)));
}
const END_OF = new Set(['lower', 'upper', 'distal', 'proximal'].map(stem));

/**
 * "type 2" keeps "type" so "type 1" and "type 2" stay distinct; elsewhere connectors drop. The
 * Index writes a type letter as a capital ("Influenza, A", "vitamin A"), the article in lower
 * case: the letter is kept as a word (notes mark it the same way, see nlp/tokens.ts).
 */
function stems(text: string, keepType: boolean): string[] {
  const out: string[] = [];
  const raws = text.match(/[A-Za-z0-9]+(?:'[A-Za-z]+)?/g) ?? [];
  const words = raws.map((w) => w.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.replace(/'s$/, '');
    const letter = raws[i] === 'A';
    if (
      !letter &&
      CONNECTORS.has(w) &&
      !(keepType && MEANINGFUL_SHORT.has(w) && /^\d/.test(words[i + 1] ?? ''))
    )
      continue;
    const s = stem(w);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Main-term titles either list synonyms ("Diabetes, diabetic"; "Failure, failed") or qualify the
 * term ("Fracture, pathological"; "Fracture, traumatic"). A part that shares its stem with the
 * first word is a synonym and can start a match alone; a qualifier is required together with
 * the head word, so "fracture" alone never reaches "Fracture, pathological".
 */
export function mainTermVariants(title: string): Array<{ text: string; qualified: boolean }> {
  const parts = title
    .replace(/\([^)]*\)/g, ' ')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0 && !/^(nec|nos)$/i.test(v));
  const head = parts[0] ?? '';
  const isSynonym = (p: string) => startsLikeHead(head, p);
  const synonyms = parts.filter((p, i) => i === 0 || isSynonym(p));
  const qualifiers = parts.filter((p, i) => i > 0 && !isSynonym(p));
  if (qualifiers.length === 0) return synonyms.map((text) => ({ text, qualified: false }));
  return synonyms.map((text) => ({ text: `${text} ${qualifiers.join(' ')}`, qualified: true }));
}

/**
 * Main terms that name a kind of encounter, not a condition (Z-code reasons for visit such as
 * "Follow-up", "Counseling", "Examination"): a note's plan mentions them constantly, and the
 * reason for the encounter cannot be read from a word, so they never start a match.
 */
export const ENCOUNTER_TERMS: ReadonlySet<string> = new Set(
  [
    'admission',
    'aftercare',
    'attention',
    'care',
    'checking',
    'counseling',
    'encounter',
    'examination',
    'follow-up',
    'observation',
    'screening',
    'test',
    'visit',
    'prophylactic',
    'problem',
    'patient',
    'person',
    'status',
    'history',
    'therapy',
    'treatment',
    'increase',
    'increased',
    'start',
    // Every "Removal" and "Fitting" subterm is an encounter for the device or dressing (Z45-Z48):
    // a note's "the catheter was removed on day 7" is a procedure done, not why the patient came.
    'removal',
    'fitting',
    // Services ordered in the plan ("Mammogram ordered", "Pap smear next visit") are later
    // encounters, not this one's reason (I.C.21.c.5: a screening code is for the screening
    // encounter).
    'mammogram',
    'papanicolaou smear',
    'investigation',
    // "Symptoms NEC" (R68.89) names no condition: a note's "warning symptoms" or "her symptoms"
    // is not a diagnosis, and a coder codes the symptom named (I.B.4), never the word.
    'symptoms nec',
  ].map((t) => t),
);
