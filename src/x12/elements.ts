/**
 * Element rules (X12 data type, min/max length, allowed codes) for the segments our writers
 * produce, from the 005010 data element dictionary as used by X222A1/X223A2. The writer checks
 * every element it writes against these, so a claim that would be rejected for a 61-character
 * name or an unknown qualifier fails here, with the element named, instead of at the payer.
 */
export type ElementType = 'AN' | 'ID' | 'N0' | 'R' | 'DT' | 'TM';

export interface ElementRule {
  type: ElementType;
  min: number;
  max: number;
  codes?: readonly string[];
}

const an = (min: number, max: number): ElementRule => ({ type: 'AN', min, max });
const id = (min: number, max: number, codes?: readonly string[]): ElementRule =>
  codes ? { type: 'ID', min, max, codes } : { type: 'ID', min, max };
const r = (max: number): ElementRule => ({ type: 'R', min: 1, max });
const n0 = (min: number, max: number): ElementRule => ({ type: 'N0', min, max });
const dt = (min: number, max: number): ElementRule => ({ type: 'DT', min, max });
const tm = (min: number, max: number): ElementRule => ({ type: 'TM', min, max });

const ENTITY = [
  '41',
  '40',
  '85',
  '87',
  'PE',
  'IL',
  'PR',
  'QC',
  'DN',
  'P3',
  '82',
  '77',
  'DQ',
  'PW',
  '45',
  '71',
  '72',
  'ZZ',
  'QB',
  'DK',
];
const NAME_ID_QUALIFIER = ['XX', '46', 'MI', 'PI', 'FI', '24', '34', 'II', 'XV'];
export const REF_QUALIFIERS = [
  'EI',
  'SY',
  'F8',
  'G1',
  '9F',
  '6R',
  'G2',
  'LU',
  'D9',
  'EA',
  'SG',
  'Y4',
  'P4',
  '1W',
  'IG',
  '2U',
  'FY',
  'LX',
  '0B',
  '1G',
];
export const FILING_INDICATORS = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'BL',
  'CH',
  'CI',
  'DS',
  'FI',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
];
export const RELATIONSHIP_CODES = ['01', '18', '19', '20', '21', '39', '40', '53', 'G8'];

/** Keyed by segment id, index = element position (index 0 unused). */
export const ELEMENT_RULES: Record<string, ReadonlyArray<ElementRule | undefined>> = {
  GS: [undefined, id(2, 2), an(2, 15), an(2, 15), dt(8, 8), tm(4, 8), n0(1, 9), id(1, 2, ['X']), an(1, 12)],
  ST: [undefined, id(3, 3), an(4, 9), an(1, 35)],
  SE: [undefined, n0(1, 10), an(4, 9)],
  GE: [undefined, n0(1, 6), n0(1, 9)],
  IEA: [undefined, n0(1, 5), n0(9, 9)],
  BHT: [
    undefined,
    id(4, 4, ['0019']),
    id(2, 2, ['00', '18']),
    an(1, 50),
    dt(8, 8),
    tm(4, 8),
    id(2, 2, ['CH', 'RP', '31']),
  ],
  NM1: [
    undefined,
    id(2, 3, ENTITY),
    id(1, 1, ['1', '2']),
    an(1, 60),
    an(1, 35),
    an(1, 25),
    undefined,
    an(1, 10),
    id(1, 2, NAME_ID_QUALIFIER),
    an(2, 80),
  ],
  PER: [
    undefined,
    id(2, 2, ['IC']),
    an(1, 60),
    id(2, 2, ['TE', 'EM', 'FX', 'EX']),
    an(1, 256),
    id(2, 2, ['TE', 'EM', 'FX', 'EX']),
    an(1, 256),
  ],
  N3: [undefined, an(1, 55), an(1, 55)],
  N4: [undefined, an(2, 30), id(2, 2), id(3, 15), id(2, 3)],
  REF: [undefined, id(2, 3, REF_QUALIFIERS), an(1, 50)],
  HL: [undefined, an(1, 12), an(1, 12), id(1, 2, ['20', '22', '23']), id(1, 1, ['0', '1'])],
  PRV: [undefined, id(1, 3, ['BI', 'PE', 'AT', 'RF', 'OP', 'PXC']), id(2, 3, ['PXC']), an(1, 50)],
  SBR: [
    undefined,
    id(1, 1, ['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U']),
    id(2, 2, RELATIONSHIP_CODES),
    an(1, 50),
    an(1, 60),
    id(1, 3),
    undefined,
    undefined,
    undefined,
    id(1, 2, FILING_INDICATORS),
  ],
  PAT: [undefined, id(2, 2, RELATIONSHIP_CODES)],
  DMG: [undefined, id(2, 3, ['D8']), an(1, 35), id(1, 1, ['F', 'M', 'U'])],
  CLM: [
    undefined,
    an(1, 38),
    r(18),
    undefined,
    undefined,
    undefined,
    id(1, 1, ['Y', 'N']),
    id(1, 1, ['A', 'B', 'C']),
    id(1, 1, ['Y', 'N', 'W']),
    id(1, 1, ['I', 'Y']),
  ],
  DTP: [
    undefined,
    id(3, 3, ['472', '434', '435', '096', '431', '454', '304', '453', '439', '573']),
    id(2, 3, ['D8', 'RD8', 'DT']),
    an(1, 35),
  ],
  CL1: [undefined, id(1, 1), id(1, 2), id(1, 2)],
  LX: [undefined, n0(1, 6)],
  SV1: [undefined, undefined, r(18), id(2, 2, ['UN', 'MJ']), r(15), an(1, 2)],
  SV2: [undefined, an(1, 48), undefined, r(18), id(2, 2, ['UN', 'DA']), r(15)],
  AMT: [undefined, id(1, 3, ['D', 'F5', 'EAF']), r(18)],
  OI: [
    undefined,
    undefined,
    undefined,
    id(1, 1, ['N', 'W', 'Y']),
    undefined,
    undefined,
    id(1, 1, ['I', 'Y']),
  ],
  CAS: [undefined, id(1, 2, ['CO', 'CR', 'OA', 'PI', 'PR']), id(1, 5), r(18), r(15)],
};
