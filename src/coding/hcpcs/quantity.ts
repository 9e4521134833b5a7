/**
 * Amounts of drug as notes and HCPCS descriptions write them ("30 mg", "1 g", "100,000 units",
 * "0.5 mL", "per milligram") and the conversions between units of one dimension, so a dose in
 * grams can be counted against a code billed per 250 mg. Units of different dimensions (a dose
 * in mL against a code per mg) never convert: the concentration is not known.
 */

/** Canonical unit names; each belongs to one dimension. */
export type DoseUnit = 'mg' | 'mcg' | 'g' | 'mL' | 'L' | 'units' | 'million units' | 'kiu' | 'mEq';

type Dimension = 'mass' | 'volume' | 'units' | 'kiu' | 'mEq';

const UNIT: Readonly<Record<DoseUnit, { dimension: Dimension; factor: number }>> = {
  mcg: { dimension: 'mass', factor: 0.001 },
  mg: { dimension: 'mass', factor: 1 },
  g: { dimension: 'mass', factor: 1000 },
  mL: { dimension: 'volume', factor: 1 },
  L: { dimension: 'volume', factor: 1000 },
  units: { dimension: 'units', factor: 1 },
  'million units': { dimension: 'units', factor: 1_000_000 },
  kiu: { dimension: 'kiu', factor: 1 },
  mEq: { dimension: 'mEq', factor: 1 },
};

/** Spellings (lower case) of each unit in notes and in the CMS file. */
const SPELLINGS: ReadonlyArray<[DoseUnit, readonly string[]]> = [
  ['mcg', ['mcg', 'mcgs', 'ug', 'µg', 'microgram', 'micrograms']],
  ['mg', ['mg', 'mgs', 'milligram', 'milligrams']],
  ['g', ['g', 'gm', 'gms', 'gram', 'grams']],
  ['mL', ['ml', 'mls', 'cc', 'ccs', 'milliliter', 'milliliters', 'millilitre', 'millilitres']],
  ['L', ['l', 'liter', 'liters', 'litre', 'litres']],
  ['million units', ['million units', 'million unit', 'million iu']],
  [
    'units',
    [
      'units',
      'unit',
      'u',
      'iu',
      'i.u.',
      'i.u',
      'ius',
      'international units',
      'international unit',
      'usp units',
      'usp unit',
    ],
  ],
  ['kiu', ['kiu']],
  ['mEq', ['meq', 'milliequivalent', 'milliequivalents']],
];

const normal = (spelling: string) => spelling.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();

const BY_SPELLING = new Map<string, DoseUnit>(
  SPELLINGS.flatMap(([unit, names]) => names.map((n) => [normal(n), unit] as const)),
);

/**
 * A regex alternation of every spelling, longest first (so "million units" wins over "units"
 * and "mg" over "m"), for the patterns that find amounts in text.
 */
export const UNIT_PATTERN = SPELLINGS.flatMap(([, names]) => names)
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/\./g, '\\.').replace(/\s+/g, '\\s+'))
  .join('|');

/** A number as written: "30", "0.5", ".5", "100,000", "1,000,000". */
export const NUMBER_PATTERN = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;

export function unitOf(spelling: string): DoseUnit | undefined {
  return BY_SPELLING.get(normal(spelling));
}

export function numberOf(text: string): number {
  return Number(text.replace(/,/g, ''));
}

export interface Quantity {
  value: number;
  unit: DoseUnit;
}

/** `q` expressed in `unit`, or undefined when the two are of different dimensions. */
export function convert(q: Quantity, unit: DoseUnit): number | undefined {
  const from = UNIT[q.unit];
  const to = UNIT[unit];
  if (from.dimension !== to.dimension) return undefined;
  return (q.value * from.factor) / to.factor;
}

/** "30 mg", "1 g", "100,000 units": for rationale text. */
export function formatQuantity(q: Quantity): string {
  return `${q.value.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${q.unit}`;
}
