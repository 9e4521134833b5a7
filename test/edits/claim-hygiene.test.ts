import { describe, expect, it } from 'vitest';
import { resolveLines } from '../../src/edits/claim.js';
import { claimHygieneEdits } from '../../src/edits/claim-hygiene.js';
import type { DiagnosisFacts } from '../../src/edits/diagnosis-facts.js';
import { claimOf, line } from './helpers.js';

const titles: Record<string, string> = {
  'M17.11': 'Unilateral primary osteoarthritis, right knee',
  'M17.12': 'Unilateral primary osteoarthritis, left knee',
  'M17.0': 'Bilateral primary osteoarthritis of knee',
  'M17.9': 'Osteoarthritis of knee, unspecified',
};
const facts: DiagnosisFacts = {
  lookup: (code) =>
    titles[code]
      ? {
          status: 'billable',
          fact: {
            code,
            title: titles[code]!,
            status: 'billable',
            chapter: 13,
            excludes1: [],
            codeFirst: [],
            manifestation: false,
          },
        }
      : { status: 'unknown' },
};

type L = ReturnType<typeof line>;
const cases: Array<[string, L[], Array<[string, number[]]>, Record<string, unknown>?]> = [
  ['a clean line', [line('99213')], []],
  ['duplicate line', [line('99213'), line('99213')], [['HYG-DUPLICATE-LINE', [1, 2]]]],
  [
    'same code with a distinguishing modifier',
    [line('20610', { modifiers: ['RT'] }), line('20610', { modifiers: ['LT'] })],
    [],
  ],
  ['same code on another date', [line('99213'), line('99213', { dateOfService: '2023-03-16' })], []],
  ['no pointer', [line('99213', { pointers: [] })], [['HYG-NO-POINTER', [1]]]],
  ['pointer beyond the diagnoses', [line('99213', { pointers: [2] })], [['HYG-POINTER-INVALID', [1]]]],
  ['five pointers', [line('99213', { pointers: [1, 1, 1, 1, 1] })], [['HYG-POINTER-INVALID', [1]]]],
  ['zero units', [line('99213', { units: 0 })], [['HYG-UNITS', [1]]]],
  ['negative charge', [line('99213', { chargeCents: -100 })], [['HYG-CHARGE', [1]]]],
  ['unassigned place of service', [line('99213', { placeOfService: '30' })], [['HYG-POS', [1]]]],
  ['RT with a right-knee diagnosis', [line('20610', { modifiers: ['RT'] })], [], { diagnoses: ['M17.11'] }],
  [
    'LT with a right-knee diagnosis',
    [line('20610', { modifiers: ['LT'] })],
    [['HYG-LATERALITY', [1]]],
    { diagnoses: ['M17.11'] },
  ],
  [
    'RT with an unspecified-side diagnosis',
    [line('20610', { modifiers: ['RT'] })],
    [],
    { diagnoses: ['M17.9'] },
  ],
  ['50 with a bilateral diagnosis', [line('20610', { modifiers: ['50'] })], [], { diagnoses: ['M17.0'] }],
  [
    '50 with a one-side diagnosis',
    [line('20610', { modifiers: ['50'] })],
    [['HYG-LATERALITY', [1]]],
    { diagnoses: ['M17.12'] },
  ],
  [
    'RT pointing to both sides',
    [line('20610', { modifiers: ['RT'], pointers: [1, 2] })],
    [],
    { diagnoses: ['M17.11', 'M17.12'] },
  ],
  [
    'filed on day 365',
    [line('99213')],
    [['HYG-TIMELY-FILING', []]],
    { dateOfService: '2022-03-20', submissionDate: '2023-03-20' },
  ],
  [
    'filed on day 366',
    [line('99213')],
    [['HYG-TIMELY-FILING', [1]]],
    { dateOfService: '2022-03-19', submissionDate: '2023-03-20' },
  ],
  [
    'payer window of 90 days',
    [line('99213')],
    [['HYG-TIMELY-FILING', [1]]],
    { dateOfService: '2022-12-01', submissionDate: '2023-03-20', payer: { timelyFilingDays: 90 } },
  ],
];

describe('claim hygiene edits', () => {
  it.each(cases)('%s', (_name, lines, expected, overrides = {}) => {
    const claim = claimOf({ lines, ...overrides });
    const got = claimHygieneEdits(claim, resolveLines(claim), { today: '2023-03-20', facts });
    expect(got.map((f) => [f.rule, f.lines])).toEqual(expected);
  });

  it('does not ask for a place of service on an outpatient hospital claim', () => {
    const claim = claimOf({ setting: 'outpatient', placeOfService: undefined, lines: [line('99283')] });
    expect(claimHygieneEdits(claim, resolveLines(claim), { today: '2023-03-20' })).toEqual([]);
  });

  it('asks no line pointers of an institutional claim: its diagnoses apply to every line (837I has none)', () => {
    const claim = claimOf({
      setting: 'outpatient',
      placeOfService: undefined,
      diagnoses: ['I10', 'E11.9', 'N18.30', 'Z79.4', 'E78.5'],
      lines: [line('99283', { pointers: [] }), line('36415', { pointers: [] })],
    });
    const resolved = resolveLines(claim);
    expect(resolved.map((l) => l.pointers)).toEqual([
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4, 5],
    ]);
    expect(claimHygieneEdits(claim, resolved, { today: '2023-03-20', facts })).toEqual([]);
    // A line's modifier is still checked against the claim's diagnoses (here: a right knee).
    const knee = claimOf({
      setting: 'outpatient',
      placeOfService: undefined,
      diagnoses: ['M17.11'],
      lines: [line('20610', { pointers: [], modifiers: ['LT'] })],
    });
    expect(
      claimHygieneEdits(knee, resolveLines(knee), { today: '2023-03-20', facts }).map((f) => f.rule),
    ).toEqual(['HYG-LATERALITY']);
  });

  it('uses the configured default window and today when the claim has no submission date', () => {
    const claim = claimOf({ submissionDate: undefined, lines: [line('99213')] });
    const late = claimHygieneEdits(claim, resolveLines(claim), {
      today: '2023-06-20',
      defaultTimelyFilingDays: 90,
    });
    expect(late.map((f) => [f.rule, f.severity])).toEqual([['HYG-TIMELY-FILING', 'error']]);
  });
});
