import { describe, expect, it } from 'vitest';
import { resolveLines } from '../../src/edits/claim.js';
import {
  codeReferences,
  type DiagnosisFact,
  type DiagnosisFacts,
  referenceCovers,
} from '../../src/edits/diagnosis-facts.js';
import { icd10cmClaimEdits } from '../../src/edits/icd10cm-claim.js';
import { claimOf, line } from './helpers.js';

/** A hand-written facts table: the edits need nothing more than this interface. */
const fact = (code: string, extra: Partial<DiagnosisFact> = {}): DiagnosisFact => ({
  code,
  title: `title of ${code}`,
  status: 'billable',
  chapter: 4,
  excludes1: [],
  codeFirst: [],
  manifestation: false,
  ...extra,
});
const table = new Map<string, DiagnosisFact>(
  [
    fact('E11.9', { excludes1: ['type 1 diabetes mellitus (E10.-)'] }),
    fact('E10.9'),
    fact('E11', { status: 'header' }),
    fact('S82.001', { status: 'needs-seventh', chapter: 19, seventhCharacters: ['A', 'B', 'D'] }),
    fact('G63', { chapter: 6, manifestation: true, codeFirst: ['amyloidosis (E85.-)'] }),
    fact('E85.4'),
    fact('W19.XXXA', { chapter: 20 }),
    fact('S82.001A', { chapter: 19 }),
    fact('D63.1', { codeFirst: ['underlying chronic kidney disease (CKD) (N18.-)'] }),
    fact('N18.4', { chapter: 14 }),
  ].map((f) => [f.code, f]),
);
const facts: DiagnosisFacts = {
  lookup(code, date) {
    if (date < '2022-10-01') return { status: 'no-release' };
    const f = table.get(code);
    return f ? { status: f.status, fact: f } : { status: 'unknown' };
  },
};

const cases: Array<[string, string[], Array<[string, string]>]> = [
  ['billable codes', ['E11.9', 'N18.4'], []],
  ['unknown code', ['E11.99'], [['ICD-INVALID', 'error']]],
  ['header', ['E11'], [['ICD-HEADER', 'error']]],
  ['missing 7th character', ['S82.001'], [['ICD-7TH-CHARACTER', 'error']]],
  ['Excludes1 pair (either order)', ['E10.9', 'E11.9'], [['ICD-EXCLUDES1', 'warning']]],
  [
    'manifestation first with its etiology after',
    ['G63', 'E85.4'],
    [
      ['ICD-MANIFESTATION-FIRST', 'error'],
      ['ICD-CODE-FIRST-ORDER', 'warning'],
    ],
  ],
  ['manifestation after its etiology', ['E85.4', 'G63'], []],
  ['manifestation without etiology', ['E11.9', 'G63'], [['ICD-CODE-FIRST', 'warning']]],
  ['code-first note on a non-manifestation, etiology missing', ['D63.1'], []],
  [
    'code-first note on a non-manifestation, etiology after',
    ['D63.1', 'N18.4'],
    [['ICD-CODE-FIRST-ORDER', 'warning']],
  ],
  ['external cause first', ['W19.XXXA', 'S82.001A'], [['ICD-EXTERNAL-CAUSE-FIRST', 'error']]],
  ['external cause second', ['S82.001A', 'W19.XXXA'], []],
  ['duplicate diagnosis', ['E11.9', 'E11.9'], [['ICD-DUPLICATE', 'warning']]],
  ['compact input is read as the dotted code', ['E119'], []],
];

describe('ICD-10-CM claim edits', () => {
  it.each(cases)('%s', (_name, diagnoses, expected) => {
    const claim = claimOf({
      diagnoses,
      lines: [line('99213', { pointers: diagnoses.map((_, i) => i + 1).slice(0, 4) })],
    });
    const got = icd10cmClaimEdits(claim, resolveLines(claim), facts).map((f) => [f.rule, f.severity]);
    expect(got).toEqual(expected);
  });

  it('names the lines that point to the diagnosis', () => {
    const claim = claimOf({
      diagnoses: ['I10x', 'E11'],
      lines: [line('99213', { pointers: [2] }), line('36415', { pointers: [1, 2] })],
    });
    const header = icd10cmClaimEdits(claim, resolveLines(claim), facts).find((f) => f.rule === 'ICD-HEADER');
    expect(header?.lines).toEqual([1, 2]);
  });

  it('warns when no release covers the date of service', () => {
    const claim = claimOf({
      dateOfService: '2021-05-01',
      submissionDate: '2021-05-02',
      lines: [line('99213')],
    });
    expect(icd10cmClaimEdits(claim, resolveLines(claim), facts).map((f) => f.rule)).toEqual([
      'ICD-NO-RELEASE',
    ]);
  });
});

describe('code references in notes', () => {
  it.each([
    ['type 1 diabetes mellitus (E10.-)', ['E10.9'], ['E11.9']],
    ['diabetes mellitus (E08-E13 with .42)', ['E11.42', 'E08.42'], ['E11.9', 'E14.42']],
    ['infectious mononucleosis (B27.0-B27.9 with fifth character 1)', [], ['B27.01']],
    ['hypertensive disease (O10-O11, O13-O16)', ['O10.01', 'O16.1'], ['O12.00']],
    ['gestational diabetes (O24.4-)', ['O24.410'], ['O24.01']],
    ['vitamin B12 deficiency anemia (D51.-)', ['D51.0'], ['B12']],
    ['influenza (J09.X2, J10.1)', ['J09.X2', 'J10.1'], ['J10.0']],
  ])('%s', (note, covered, notCovered) => {
    const refs = codeReferences(note);
    for (const c of covered)
      expect(
        refs.some((r) => referenceCovers(r, c)),
        c,
      ).toBe(true);
    for (const c of notCovered)
      expect(
        refs.some((r) => referenceCovers(r, c)),
        c,
      ).toBe(false);
  });
});
