/**
 * Billing units of a drug code for a documented dose: the dose divided by the code's amount
 * per unit, rounded up (CMS: a dose that is not a multiple of the unit is billed to the next
 * whole unit; 30 mg of a "per 15 mg" code is 2 units, 20 mg is 2 units). "Up to 50 mg" is the
 * same arithmetic; "over 10 cc" and "greater than 3 mg, but less than or equal to 6 mg" are one
 * unit when the dose falls in them and do not apply otherwise.
 */
import type { UnitsRationale } from '../procedure-types.js';
import type { PerUnitDose } from './per-unit.js';
import { convert, formatQuantity, type Quantity } from './quantity.js';

export type UnitsResult =
  | {
      ok: true;
      units: number;
      /** Amount billed beyond the dose, in the dose's unit. */
      excess: number;
      rationale: UnitsRationale;
    }
  | { ok: false; reason: 'unit-mismatch' | 'outside-range' };

/** Floating-point slack: 0.3 mg ÷ 0.1 mg must be 3, not 3.0000000000000004 rounded up to 4. */
const EPSILON = 1e-9;

export function billingUnits(dose: Quantity, perUnit: PerUnitDose): UnitsResult {
  const doseText = formatQuantity(dose);
  if (perUnit.kind === 'range') {
    const min = convert(perUnit.min, dose.unit);
    const max = convert(perUnit.max, dose.unit);
    if (min === undefined || max === undefined) return { ok: false, reason: 'unit-mismatch' };
    if (!(dose.value > min && dose.value <= max + EPSILON)) return { ok: false, reason: 'outside-range' };
    return oneUnit(dose, perUnit.max, perUnit.text);
  }
  const amount = convert(perUnit.amount, dose.unit);
  if (amount === undefined) return { ok: false, reason: 'unit-mismatch' };
  const per = { value: perUnit.amount.value, unit: perUnit.amount.unit };
  if (perUnit.kind === 'over') {
    if (dose.value <= amount) return { ok: false, reason: 'outside-range' };
    return oneUnit(dose, per, perUnit.text);
  }
  const exact = dose.value / amount;
  const units = Math.max(1, Math.ceil(exact - EPSILON));
  const sameUnit = perUnit.amount.unit === dose.unit;
  const converted = sameUnit
    ? ''
    : ` (${formatQuantity(perUnit.amount)} = ${formatQuantity({ value: amount, unit: dose.unit })})`;
  const rounded = Math.abs(exact - Math.round(exact)) < EPSILON && exact >= 1 ? '' : ', rounded up';
  return {
    ok: true,
    units,
    excess: units * amount - dose.value,
    rationale: {
      dose: { value: dose.value, unit: dose.unit },
      perUnit: per,
      arithmetic: `${doseText} ÷ ${formatQuantity({ value: amount, unit: dose.unit })}${converted} = ${trim(exact)}${rounded} → ${units} unit${units === 1 ? '' : 's'}`,
    },
  };
}

/** A dose inside an "over" or "greater than ... less than or equal to" code: one unit. */
function oneUnit(dose: Quantity, per: Quantity, text: string): UnitsResult {
  return {
    ok: true,
    units: 1,
    excess: 0,
    rationale: {
      dose: { value: dose.value, unit: dose.unit },
      perUnit: { value: per.value, unit: per.unit },
      arithmetic: `${formatQuantity(dose)} is ${text}: 1 unit`,
    },
  };
}

function trim(n: number): string {
  return Number(n.toFixed(4)).toString();
}
