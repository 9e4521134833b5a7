/**
 * Head-word senses for the Index matcher (index-match.ts): when a main term's head word is not
 * the thing the term names.
 */

import { isPunct, type Token } from '../../nlp/tokens.js';
import { STOPWORDS, stem } from '../../text/index.js';

/**
 * Words around a main term's head word that say the thing is not what the term names. Before it:
 * a surgical wound is no injury ("Wound, open"), a pathological or osteoporotic fracture no
 * traumatic one ("Fracture, traumatic"; those have entries of their own that the whole wording
 * matches), a blood gas is a test, not flatulence ("Gas"), and the Glasgow or a pain scale is an
 * instrument, not skin scales ("Scales"). Right after it: "exposure of the tendon" is what an
 * operation or a wound lays open, not the Index's "Exposure (to)" an external cause. And "age"
 * is the Index's "Age (old)" (senility) only as old or advanced age: "the patient's age",
 * "gestational age" and "normal for age" are no diagnosis; "anesthesia" and "analgesia" are
 * the symptom (R20.0) only with the part that has lost sensation. More in the table's comments.
 */
interface HeadSense {
  /** Words just before the head that make it another thing. */
  before?: readonly string[];
  /** Words right after it that do. */
  after?: readonly string[];
  /** The head word names the term only right after one of these, or right before one of `orBefore`. */
  onlyAfter?: readonly string[];
  orBefore?: readonly string[];
  /** Alone, with nothing of the statement read below the main term, it names no condition. */
  aloneNamesNothing?: true;
}

const HEAD_SENSES: Readonly<Record<string, HeadSense>> = {
  // "Wound" alone is the wound a note is caring for ("wound review", "the edge of the wound",
  // "complete wound healing"), surgical or chronic as often as not: an injury ("Wound, open")
  // needs its site or the word "open".
  wound: {
    before: ['surgical', 'operative', 'postoperative', 'incisional', 'surgery', 'operation'],
    aloneNamesNothing: true,
  },
  // (A stress or fatigue fracture is a subterm of "Fracture, traumatic" itself.)
  fracture: { before: ['pathological', 'pathologic', 'osteoporotic', 'insufficiency'] },
  gas: { before: ['blood', 'arterial', 'venous', 'capillary'] },
  scale: {
    before: [
      ...['glasgow', 'coma', 'pain', 'analog', 'analogue', 'visual', 'numeric', 'numerical', 'rating'],
      ...['severity', 'grading', 'nihss', 'rankin', 'likert', 'borg', 'braden', 'barthel', 'brackmann'],
      ...['karnofsky', 'apgar', 'morse', 'berg', 'edss', 'hamilton', 'beck', 'asia', 'mrc', 'sofa'],
    ],
  },
  exposure: { after: ['of'] },
  // "age-related", "age-associated": the hyphen splits the word.
  age: { onlyAfter: ['old', 'advanced'], orBefore: ['related', 'associated'] },
  // Anesthesia and analgesia are the care given ("IV analgesia", "under general anesthesia"); as
  // the symptom (loss of sensation) a note says where: "anesthesia of the left hand".
  anesthesia: { onlyAfter: [], orBefore: ['of'] },
  analgesia: { onlyAfter: [], orBefore: ['of'] },
  // "Cold biopsy", "cold water", "cold knife": a temperature, not a common cold.
  cold: {
    after: [
      ...['biopsy', 'water', 'saline', 'marker', 'knife', 'snare', 'forceps', 'compress', 'compresses'],
      ...['pack', 'packs', 'ischemia', 'ischemic', 'nodule', 'intolerance', 'extremities', 'hands'],
      ...['feet', 'skin', 'temperature', 'exposure', 'caruncle', 'storage', 'preservation'],
    ],
  },
  // The basal ganglia, a lymph or nerve ganglion: anatomy, not the cyst ("Ganglion" M67.4-).
  ganglion: {
    before: [
      ...['basal', 'lymph', 'lymphatic', 'sympathetic', 'dorsal', 'root', 'celiac', 'stellate'],
      ...['spiral', 'trigeminal', 'gasserian', 'ciliary', 'cervical', 'mesenteric', 'iliac', 'nerve'],
    ],
  },
  // A foveal or oval depression is a shape in the eye's exam, not the mood disorder.
  depression: { before: ['foveal', 'foveolar', 'oval'] },
  // "Anticoagulant therapy" is a treatment; the Index's "Anticoagulant, circulating" is the
  // disorder (a lupus anticoagulant has its own entry).
  anticoagulant: { onlyAfter: ['circulating'], orBefore: ['circulating'] },
};

/** HEAD_SENSES by the head's stem; `before` by stem, the other lists by the word itself. */
const NOT_THE_HEADS_KIND = new Map(
  Object.entries(HEAD_SENSES).map(([head, sense]) => [
    stem(head),
    {
      word: head,
      before: new Set((sense.before ?? []).map((w) => stem(w))),
      after: new Set(sense.after ?? []),
      only: sense.onlyAfter
        ? { after: new Set(sense.onlyAfter), before: new Set(sense.orBefore ?? []) }
        : null,
    },
  ]),
);

/** Heads (by stem) that name no condition when nothing else of the statement is read below them. */
const ALONE_NAMES_NOTHING: ReadonlySet<string> = new Set(
  Object.entries(HEAD_SENSES)
    .filter(([, sense]) => sense.aloneNamesNothing)
    .map(([head]) => stem(head)),
);

export function headAloneNamesNothing(head: string): boolean {
  return ALONE_NAMES_NOTHING.has(head);
}

/**
 * The head word at `anchor` is qualified, by the words just around it, as another kind of thing
 * than the term with the `required` stems names (a term that itself requires the qualifying word,
 * "Fracture, pathological", is that kind).
 */
export function otherKindOfHead(
  tokens: readonly Token[],
  clause: readonly number[],
  head: string,
  anchor: number,
  required: readonly string[],
): boolean {
  const other = NOT_THE_HEADS_KIND.get(head);
  if (!other || required.some((r) => other.before.has(r))) return false;
  if (other.after.has(tokens[anchor + 1]?.norm ?? '')) return true;
  // The word itself, not another with its stem ("aging" keeps its own entries).
  if (
    other.only &&
    tokens[anchor]!.norm === other.word &&
    !other.only.after.has(tokens[anchor - 1]?.norm ?? '') &&
    !other.only.before.has(tokens[anchor + 1]?.norm ?? '')
  )
    return true;
  for (let i = anchor - 1, seen = 0; i >= 0 && seen < 2 && other.before.size > 0; i--) {
    const t = tokens[i]!;
    if (isPunct(t) || clause[i] !== clause[anchor]) break;
    if (STOPWORDS.has(t.norm)) continue;
    if (other.before.has(stem(t.norm))) return true;
    seen++;
  }
  return false;
}
