/**
 * The amount one unit of a HCPCS drug code stands for, read from the code's own long
 * description, the only place CMS states it: "Injection, ketorolac tromethamine, per 15 mg",
 * "Injection, dexamethasone sodium phosphate, 1 mg", "Injection, promethazine hcl, up to 50 mg",
 * "Injection, factor ix, complex, per iu", "Buprenorphine/naloxone, oral, greater than 3 mg, but
 * less than or equal to 6 mg buprenorphine". A bare amount means the same as "per": one unit per
 * that amount. Codes billed per item ("each", "per vial", "per therapeutic dose") have none.
 */
import { convert, NUMBER_PATTERN, numberOf, type Quantity, UNIT_PATTERN, unitOf } from './quantity.js';

export type PerUnitDose =
  /** One unit per `amount` (also "up to `amount`"): units = dose ÷ amount, rounded up. */
  | { kind: 'per' | 'up-to'; amount: Quantity; text: string }
  /** One unit for a dose above `amount` ("over 10 cc"). */
  | { kind: 'over'; amount: Quantity; text: string }
  /** One unit for a dose in (min, max] ("greater than 3 mg, but less than or equal to 6 mg"). */
  | { kind: 'range'; min: Quantity; max: Quantity; text: string };

const AMOUNT = String.raw`(${NUMBER_PATTERN})?\s*(${UNIT_PATTERN})(?![a-z])`;
const QUALIFIED = new RegExp(String.raw`(?:\b(per|up to|over)\s+)?(?<![a-z])${AMOUNT}`, 'g');
const RANGE = new RegExp(
  String.raw`greater than\s+(${NUMBER_PATTERN})\s*(${UNIT_PATTERN}),?\s*(?:but\s+)?less than or equal to\s+(${NUMBER_PATTERN})\s*(${UNIT_PATTERN})(?![a-z])`,
);
/**
 * "0.5 g/0.125 g", "1 gram/0.125 grams": a fixed combination billed per the two together, which
 * is how notes state its dose (piperacillin-tazobactam 4.5 g = 4 g + 0.5 g).
 */
const COMBINATION = new RegExp(String.raw`(?<![a-z\d.])${AMOUNT}\s*/\s*${AMOUNT}`);
/** "(500 ml = 1 unit)": the file's own definition of the unit, in a remark. */
const DEFINED = new RegExp(String.raw`\((${NUMBER_PATTERN})\s*(${UNIT_PATTERN})\s*=\s*1\s+unit\)`);
/** An amount over time ("0.12mg per 24 hours"): the code is a product billed per item. */
const RATE = /^\s*(?:per|\/)\s*(?:\d+\s+)?(?:hours?|hr|days?|weeks?|months?)\b/;
/** An amount per volume or weight ("10.16 mg/ml", "mg/kg") is a strength, not a billing unit. */
const STRENGTH = new RegExp(String.raw`^\s*/\s*(?:${UNIT_PATTERN}|kg)(?![a-z])`);

/**
 * The billing unit of a code from its long description, or null when the description names no
 * amount per unit. Parenthesized remarks are ignored ("(code may be used for medicare when ...)",
 * unless one defines the unit, "(500 ml = 1 unit)"); when several amounts remain, the last one is the unit (the drug's name and
 * strength come first: "Injection, nivolumab, 2 mg and hyaluronidase-nvhy" → 2 mg).
 */
export function parsePerUnitDose(longDescription: string): PerUnitDose | null {
  const lower = longDescription.toLowerCase();
  const defined = DEFINED.exec(lower);
  const unit = defined && quantity(defined[1], defined[2]);
  if (defined && unit) return { kind: 'per', amount: unit, text: defined[0] };
  const text = withoutParentheses(lower);
  const combination = COMBINATION.exec(text);
  if (combination) {
    const [whole, n1, u1, n2, u2] = combination;
    const a = quantity(n1, u1);
    const b = quantity(n2, u2);
    const bInA = a && b ? convert(b, a.unit) : undefined;
    if (a && bInA !== undefined)
      return { kind: 'per', amount: { value: a.value + bInA, unit: a.unit }, text: whole };
  }
  const range = RANGE.exec(text);
  if (range) {
    const min = quantity(range[1], range[2]);
    const max = quantity(range[3], range[4]);
    if (min && max) return { kind: 'range', min, max, text: range[0] };
  }
  let last: PerUnitDose | null = null;
  for (const m of text.matchAll(QUALIFIED)) {
    const [whole, qualifier, number, unitText] = m;
    const after = text.slice((m.index ?? 0) + whole.length);
    if (RATE.test(after)) return null;
    if (STRENGTH.test(after)) continue;
    // "per milligram", "per iu": no number means one. A unit word alone ("units") is not an amount.
    if (number === undefined && qualifier !== 'per') continue;
    const amount = quantity(number ?? '1', unitText ?? '');
    if (!amount || amount.value <= 0) continue;
    const kind = qualifier === 'up to' ? 'up-to' : qualifier === 'over' ? 'over' : 'per';
    last = { kind, amount, text: whole.trim() };
  }
  return last;
}

function quantity(number: string | undefined, unitText: string | undefined): Quantity | undefined {
  const unit = unitText ? unitOf(unitText) : undefined;
  return unit && number !== undefined ? { value: numberOf(number), unit } : undefined;
}

function withoutParentheses(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}
