/**
 * What a clause says about one administration: the dose ("30 mg", "1 g", "2.4 million units",
 * "40 mg/mL, 1 mL" = 40 mg), the route ("IM", "IV push", "subcutaneously", "into the right
 * knee") and, for an infusion, how long it ran ("over 30 minutes", "10:05-10:50"). Each comes
 * with its span so the coder sees where it was read.
 */
import type { EvidenceSpan } from '../types.js';
import { NUMBER_PATTERN, numberOf, type Quantity, UNIT_PATTERN, unitOf } from './quantity.js';

export type DocumentedRoute =
  | 'intramuscular'
  | 'subcutaneous'
  | 'intravenous-push'
  | 'intravenous-infusion'
  | 'intravenous'
  | 'intra-articular'
  | 'intradermal'
  | 'intralesional'
  | 'oral'
  | 'other';

export interface Found<T> {
  value: T;
  span: EvidenceSpan;
}

const AMOUNT = new RegExp(String.raw`(?<![\w.])(${NUMBER_PATTERN})\s*(${UNIT_PATTERN})(?![a-z])`, 'gi');
/** Per kilogram or per square metre of body surface ("600 mg/m2"): the total is not written. */
const PER_WEIGHT = /^\s*(?:\/|per)\s*(?:kg|m2|m²|m\^2|square met(?:er|re))(?![a-z])/i;
const PER_VOLUME = new RegExp(String.raw`^\s*/\s*(?:${UNIT_PATTERN})(?![a-z])`, 'i');
const PER_TIME = /^\s*(?:\/|per)\s*(?:h|hr|hour|min|minute|day)\b/i;

function span(text: string, start: number, end: number): EvidenceSpan {
  return { start, end, text: text.slice(start, end) };
}

export type DoseReading =
  | { kind: 'dose'; dose: Found<Quantity> }
  /** "90 mg/kg", "600 mg/m2": the total depends on a weight or body surface the clause does not give. */
  | { kind: 'weight-based'; span: EvidenceSpan }
  | { kind: 'none' };

/**
 * The dose given in text[from, to): the first amount after `after` (the drug's name), else the
 * last one before it ("1 g ceftriaxone"). A strength with a volume ("40 mg/mL, 1 mL") gives the
 * amount in the volume; a rate ("10 mg/h") is not a dose.
 */
export function documentedDose(text: string, from: number, to: number, after: number): DoseReading {
  const amounts: Array<{ q: Quantity; start: number; end: number; strengthOf?: Quantity }> = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(AMOUNT)) {
    const start = from + (m.index ?? 0);
    const end = start + m[0].length;
    const unit = unitOf(m[2] ?? '');
    if (!unit) continue;
    const rest = text.slice(end, to);
    if (PER_WEIGHT.test(rest)) return { kind: 'weight-based', span: span(text, start, end + 3) };
    if (PER_TIME.test(rest)) continue;
    const q = { value: numberOf(m[1] ?? ''), unit };
    if (PER_VOLUME.test(rest)) {
      const volume = new RegExp(String.raw`^\s*/\s*(${UNIT_PATTERN})`, 'i').exec(rest);
      const per = volume ? unitOf(volume[1] ?? '') : undefined;
      if (per) amounts.push({ q, start, end, strengthOf: { value: 1, unit: per } });
      continue;
    }
    amounts.push({ q, start, end });
  }
  const strength = amounts.find((a) => a.strengthOf);
  const plain = amounts.filter((a) => !a.strengthOf);
  // "Kenalog 40 mg/mL, 1 mL": the volume given times the strength.
  if (strength?.strengthOf) {
    const volume = plain.find((a) => a.q.unit === strength.strengthOf?.unit && a.start > strength.start);
    if (volume) {
      const value = (strength.q.value * volume.q.value) / strength.strengthOf.value;
      return {
        kind: 'dose',
        dose: { value: { value, unit: strength.q.unit }, span: span(text, strength.start, volume.end) },
      };
    }
  }
  const chosen = plain.find((a) => a.start >= after) ?? plain.filter((a) => a.start < after).at(-1);
  if (!chosen) return { kind: 'none' };
  return { kind: 'dose', dose: { value: chosen.q, span: span(text, chosen.start, chosen.end) } };
}

const ROUTES: ReadonlyArray<[DocumentedRoute, RegExp]> = [
  ['intravenous-push', /\b(iv ?push|ivp|iv bolus|slow iv|intravenous push|push(?:ed)? iv)\b/i],
  [
    'intravenous-infusion',
    /\b(iv infusion|infusion|infused|iv drip|drip|ivpb|piggyback|intravenous infusion)\b|\bover \d+ ?(?:min|minutes|h|hr|hrs|hours?)\b/i,
  ],
  ['intravenous', /\b(iv|i\.v\.|intravenous(?:ly)?)\b/i],
  [
    'intramuscular',
    /\b(im|i\.m\.|intramuscular(?:ly)?|(?:into|in) the (?:left |right |l |r )?(?:deltoid|gluteal|gluteus|buttock|thigh|vastus lateralis|ventrogluteal))\b/i,
  ],
  ['subcutaneous', /\b(sc|sq|s\.c\.|subq|sub-q|subcut|subcutaneous(?:ly)?)\b/i],
  [
    'intra-articular',
    /\b(intra-?articular(?:ly)?|(?:joint|knee|shoulder|hip|bursa|elbow|wrist|ankle) (?:was |were )?(?:injected|injection|aspirated and injected)|injected into the)\b/i,
  ],
  ['intradermal', /\b(intradermal(?:ly)?|id injection)\b/i],
  ['intralesional', /\b(intralesional(?:ly)?)\b/i],
  ['oral', /\b(po|p\.o\.|by mouth|oral(?:ly)?|sublingual(?:ly)?|chewed|swallowed)\b/i],
  [
    'other',
    /\b(neb|nebulized|nebulizer|inhaled|inhalation|intranasal(?:ly)?|nasal spray|topical(?:ly)?|rectal(?:ly)?|pr)\b/i,
  ],
];

/** The route documented in text[from, to), the most specific first (IV push before IV). */
export function documentedRoute(text: string, from: number, to: number): Found<DocumentedRoute> | undefined {
  const slice = text.slice(from, to);
  for (const [route, pattern] of ROUTES) {
    const m = pattern.exec(slice);
    if (!m) continue;
    const start = from + m.index;
    return { value: route, span: span(text, start, start + m[0].length) };
  }
  return undefined;
}

/** Infusion minutes: "over 30 minutes", "over 1 hour", "10:05-10:50", "from 10:05 to 10:50". */
export function infusionMinutes(text: string, from: number, to: number): Found<number> | undefined {
  const slice = text.slice(from, to);
  const over = /\bover (\d+(?:\.\d+)?) ?(min|minutes|h|hr|hrs|hours?)\b/i.exec(slice);
  if (over) {
    const n = Number(over[1]);
    const minutes = /^h/i.test(over[2] ?? '') ? n * 60 : n;
    const start = from + over.index;
    return { value: minutes, span: span(text, start, start + over[0].length) };
  }
  const times =
    /\b(?:from |start(?:ed)? (?:at )?)?([01]?\d|2[0-3]):([0-5]\d)\s*(?:-|–|to|until|stop(?:ped)? (?:at )?)\s*([01]?\d|2[0-3]):([0-5]\d)\b/i.exec(
      slice,
    );
  if (times) {
    const a = Number(times[1]) * 60 + Number(times[2]);
    const b = Number(times[3]) * 60 + Number(times[4]);
    const minutes = b >= a ? b - a : b + 24 * 60 - a;
    const start = from + times.index;
    return { value: minutes, span: span(text, start, start + times[0].length) };
  }
  return undefined;
}
