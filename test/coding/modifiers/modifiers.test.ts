import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePtp } from '../../../src/codesets/ncci/ptp-parse.js';
import { openLineSource } from '../../../src/codesets/ncci/text-lines.js';
import {
  applyModifiers,
  assignDiagnosisPointers,
  type PtpPairEdit,
  type PtpPairs,
  ptpPairsFromIndex,
} from '../../../src/coding/modifiers/index.js';
import type { CodeSuggestion, EvidenceSpan, ProcedureSuggestion } from '../../../src/coding/types.js';
import { analyzeNote } from '../../../src/nlp/index.js';

/** A span of `text` quoting the first occurrence of `quote` (after `from`). */
function span(text: string, quote: string, from = 0): EvidenceSpan {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`"${quote}" is not in the note`);
  return { start, end: start + quote.length, text: quote };
}

function line(
  system: ProcedureSuggestion['system'],
  code: string,
  evidence: EvidenceSpan[],
): ProcedureSuggestion {
  return {
    system,
    code,
    units: 1,
    modifiers: [],
    diagnosisPointers: [],
    evidence,
    rationale: { rule: 'test line', details: [] },
    confidence: 0.9,
  };
}

function diagnosis(code: string, sequence: number, evidence: EvidenceSpan[]): CodeSuggestion {
  return {
    code,
    title: `title of ${code}`,
    sequence,
    evidence,
    rationale: { indexPath: [], tabularNotes: [], guidelines: [] },
    confidence: 0.9,
  };
}

const modifiersOf = (l: ProcedureSuggestion | undefined) => l?.modifiers.map((m) => m.code) ?? [];
const DOS = '2025-06-02';

/** The synthetic NCCI fixture (CMS layout; the CMS files are not obtainable here, see SOURCES.md). */
let fixturePairs: PtpPairs;
beforeAll(async () => {
  const file = resolve(import.meta.dirname, '..', '..', 'fixtures', 'ncci', 'SYNTHETIC-ccipra-v311r0-f1.txt');
  const index = new Map<string, Map<string, PtpPairEdit[]>>();
  for await (const { line: _line, ...edit } of parsePtp((await openLineSource(file)).lines, file)) {
    const inner = index.get(edit.column1) ?? new Map<string, PtpPairEdit[]>();
    index.set(edit.column1, inner);
    inner.set(edit.column2, [...(inner.get(edit.column2) ?? []), edit]);
  }
  fixturePairs = ptpPairsFromIndex(index);
});

describe('RT, LT and 50 from the procedure evidence', () => {
  it.each([
    ['Procedure: right knee injected with triamcinolone 40 mg.', 'RT'],
    ['Procedure: left shoulder injection with triamcinolone 40 mg.', 'LT'],
    ['Procedure: bilateral knee injections with triamcinolone 40 mg each.', '50'],
    ['Procedure: both knees injected with triamcinolone 40 mg each.', '50'],
  ])('%s → %s', (text, modifier) => {
    const analysis = analyzeNote(text);
    const [out] = applyModifiers([line('CPT', '20610', [span(text, 'injec')])], {
      analysis,
      dateOfService: DOS,
      diagnoses: [],
    });
    expect(modifiersOf(out)).toEqual([modifier]);
    expect(out?.modifiers[0]?.reason).toMatch(/right|left|bilateral/);
  });

  it('never on an injection administration, a drug or a visit, and not when no side is written', () => {
    const text = 'Ketorolac 30 mg IM in the right gluteus. Right knee pain examined. Knee injected.';
    const analysis = analyzeNote(text);
    const out = applyModifiers(
      [
        line('CPT', '96372', [span(text, 'IM')]),
        line('HCPCS', 'J1885', [span(text, 'Ketorolac')]),
        line('CPT', '99213', [span(text, 'Right knee pain')]),
        line('CPT', '20610', [span(text, 'Knee injected')]),
      ],
      { analysis, dateOfService: DOS, diagnoses: [] },
    );
    expect(out.map(modifiersOf)).toEqual([[], [], [], []]);
  });
});

describe('modifier 25 on the E/M with a minor procedure the same day', () => {
  const text = [
    'Assessment: 1. Primary osteoarthritis of the right knee. 2. Essential hypertension, BP above goal; lisinopril increased.',
    'Procedure: right knee injected with triamcinolone 40 mg.',
  ].join('\n');
  const analysis = analyzeNote(text);
  const em = () => line('CPT', '99213', [span(text, 'Assessment')]);
  const injection = () => line('CPT', '20610', [span(text, 'right knee injected')]);
  const knee = diagnosis('M17.11', 1, [
    span(text, 'osteoarthritis of the right knee'),
    span(text, 'right knee injected'),
  ]);
  const htn = diagnosis('I10', 2, [span(text, 'Essential hypertension')]);

  it('adds 25 when the note addresses a problem apart from the procedure, with the reason', () => {
    const out = applyModifiers([em(), injection()], { analysis, dateOfService: DOS, diagnoses: [knee, htn] });
    expect(modifiersOf(out[0])).toEqual(['25']);
    expect(out[0]?.modifiers[0]?.reason).toContain('I10');
    expect(out[0]?.modifiers[0]?.reason).toContain('20610 has a 000-day global period');
    expect(out[0]?.modifiers[0]?.evidence?.[0]?.text).toBe('Essential hypertension');
    expect(modifiersOf(out[1])).toEqual(['RT']);
  });

  it('also through an NCCI pair of the E/M with the procedure (indicator 1)', () => {
    const out = applyModifiers([em(), injection()], {
      analysis,
      dateOfService: DOS,
      diagnoses: [knee, htn],
      ptp: fixturePairs,
    });
    expect(out[0]?.modifiers[0]?.reason).toContain('NCCI PTP pair 20610/99213 (modifier indicator 1)');
  });

  it('does not add 25 when the visit documents only the procedure, and says why', () => {
    const out = applyModifiers([em(), injection()], { analysis, dateOfService: DOS, diagnoses: [knee] });
    expect(modifiersOf(out[0])).toEqual([]);
    expect(out[0]?.rationale.details.at(-1)).toMatch(/^25 not added: 20610 is billed the same day/);
  });

  it('G2211 goes when 25 is added for a procedure, and stays when no 25 is added', () => {
    const addOn = () => line('HCPCS', 'G2211', [span(text, 'Essential hypertension')]);
    const out = applyModifiers([em(), injection(), addOn()], {
      analysis,
      dateOfService: DOS,
      diagnoses: [knee, htn],
    });
    expect(out.map((l) => l.code)).toEqual(['99213', '20610']);
    expect(out[0]?.rationale.details.at(-1)).toMatch(/^G2211 removed: the E\/M carries 25 for 20610/);
    const kept = applyModifiers([em(), injection(), addOn()], {
      analysis,
      dateOfService: DOS,
      diagnoses: [knee],
    });
    expect(kept.map((l) => l.code)).toEqual(['99213', '20610', 'G2211']);
  });

  it('a drug alone (no procedure) does not call for 25', () => {
    const t = 'Assessment: low back pain; hypertension. Ketorolac 30 mg IM given.';
    const a = analyzeNote(t);
    const out = applyModifiers(
      [line('CPT', '99213', [span(t, 'Assessment')]), line('HCPCS', 'J1885', [span(t, 'Ketorolac')])],
      {
        analysis: a,
        dateOfService: DOS,
        diagnoses: [diagnosis('I10', 1, [span(t, 'hypertension')])],
      },
    );
    expect(modifiersOf(out[0])).toEqual([]);
  });
});

describe('59/XS/XE/XU on an NCCI pair (synthetic fixture in the CMS layout)', () => {
  it('XS on the column 2 line when the two procedures are on separate structures, with the reason', () => {
    const text =
      'Procedure: excisional debridement of the sacral ulcer; selective debridement of the left heel wound.';
    const analysis = analyzeNote(text);
    const out = applyModifiers(
      [
        line('CPT', '11042', [span(text, 'excisional debridement')]),
        line('CPT', '97597', [span(text, 'selective debridement')]),
      ],
      { analysis, dateOfService: DOS, diagnoses: [], ptp: fixturePairs },
    );
    expect(modifiersOf(out[0])).toEqual([]);
    expect(modifiersOf(out[1])).toEqual(['XS']);
    expect(out[1]?.modifiers[0]?.reason).toBe(
      'separate structure: 11042 on the sacrum and 97597 on the left heel (NCCI PTP pair 11042/97597 (Misuse of column two code with column one code), modifier indicator 1)',
    );
    const fiftyNine = applyModifiers(
      [
        line('CPT', '11042', [span(text, 'excisional debridement')]),
        line('CPT', '97597', [span(text, 'selective debridement')]),
      ],
      { analysis, dateOfService: DOS, diagnoses: [], ptp: fixturePairs, distinctModifier: '59' },
    );
    expect(modifiersOf(fiftyNine[1])).toEqual(['59']);
  });

  it('XE for a separate encounter, XU for a documented distinct service', () => {
    const t1 =
      'Therapeutic exercise 30 minutes. Patient returned later the same day for manual therapy to the same region.';
    const a1 = analyzeNote(t1);
    const out1 = applyModifiers(
      [
        line('CPT', '97110', [span(t1, 'Therapeutic exercise')]),
        line('CPT', '97140', [span(t1, 'manual therapy')]),
      ],
      {
        analysis: a1,
        dateOfService: DOS,
        diagnoses: [],
        ptp: fixturePairs,
      },
    );
    expect(modifiersOf(out1[1])).toEqual(['XE']);
    const t2 = 'Therapeutic exercise 30 minutes. Manual therapy as a separate 15-minute service.';
    const a2 = analyzeNote(t2);
    const out2 = applyModifiers(
      [
        line('CPT', '97110', [span(t2, 'Therapeutic exercise')]),
        line('CPT', '97140', [span(t2, 'Manual therapy')]),
      ],
      {
        analysis: a2,
        dateOfService: DOS,
        diagnoses: [],
        ptp: fixturePairs,
      },
    );
    expect(modifiersOf(out2[1])).toEqual(['XU']);
  });

  it('no modifier when the note documents nothing distinct: the line says so', () => {
    const text = 'Therapeutic exercise and manual therapy to the lumbar region.';
    const analysis = analyzeNote(text);
    const out = applyModifiers(
      [
        line('CPT', '97110', [span(text, 'Therapeutic exercise')]),
        line('CPT', '97140', [span(text, 'manual therapy')]),
      ],
      {
        analysis,
        dateOfService: DOS,
        diagnoses: [],
        ptp: fixturePairs,
      },
    );
    expect(out.map(modifiersOf)).toEqual([[], []]);
    expect(out[1]?.rationale.details.at(-1)).toContain(
      'documents no separate site, encounter or distinct service',
    );
  });

  it('never on an indicator 0 pair, even on separate sites', () => {
    const text = 'Arthroscopy of the right knee with meniscectomy; chondroplasty of the left knee.';
    const analysis = analyzeNote(text);
    const out = applyModifiers(
      [
        line('CPT', '29881', [span(text, 'meniscectomy')]),
        line('CPT', '29877', [span(text, 'chondroplasty')]),
      ],
      {
        analysis,
        dateOfService: DOS,
        diagnoses: [],
        ptp: fixturePairs,
      },
    );
    expect(
      out.flatMap((l) => l.modifiers.map((m) => m.code)).filter((m) => ['59', 'XS', 'XE', 'XU'].includes(m)),
    ).toEqual([]);
    expect(out[1]?.rationale.details.at(-1)).toContain('modifier indicator 0');
  });

  it('RT/LT on the two lines bypass the pair without 59', () => {
    const text = 'Excision of the right great toenail; avulsion of the left great toenail.';
    const analysis = analyzeNote(text);
    const out = applyModifiers(
      [line('CPT', '11750', [span(text, 'Excision')]), line('CPT', '11730', [span(text, 'avulsion')])],
      {
        analysis,
        dateOfService: DOS,
        diagnoses: [],
        ptp: fixturePairs,
      },
    );
    expect(out.map(modifiersOf)).toEqual([['RT'], ['LT']]);
    expect(out[1]?.rationale.details.at(-1)).toContain('bypassed by the anatomic modifiers RT/LT');
  });

  it('an edit not yet in effect on the date of service does not apply', () => {
    const text = 'Nail debridement of the right great toe; trimming of a callus on the left heel.';
    const analysis = analyzeNote(text);
    const lines = [
      line('CPT', '11055', [span(text, 'trimming')]),
      line('CPT', '11720', [span(text, 'Nail debridement')]),
    ];
    // 11055/11720 takes effect 2023-04-01 in the fixture.
    const before = applyModifiers(lines, {
      analysis,
      dateOfService: '2023-03-01',
      diagnoses: [],
      ptp: fixturePairs,
    });
    expect(before[1]?.rationale.details).toEqual([]);
    const after = applyModifiers(lines, {
      analysis,
      dateOfService: '2023-04-01',
      diagnoses: [],
      ptp: fixturePairs,
    });
    expect(after[1]?.rationale.details.at(-1)).toContain('NCCI PTP pair 11055/11720');
  });
});

describe('diagnosis pointers', () => {
  const text = [
    'Assessment: acute low back pain; essential hypertension; type 2 diabetes; hyperlipidemia; obesity.',
    'Plan: ketorolac 30 mg IM given for the acute low back pain.',
  ].join('\n');
  const analysis = analyzeNote(text);
  const dx = [
    diagnosis('M54.50', 1, [span(text, 'acute low back pain'), span(text, 'acute low back pain', 120)]),
    diagnosis('I10', 2, [span(text, 'essential hypertension')]),
    diagnosis('E11.9', 3, [span(text, 'type 2 diabetes')]),
    diagnosis('E78.5', 4, [span(text, 'hyperlipidemia')]),
    diagnosis('E66.9', 5, [span(text, 'obesity')]),
  ];

  it('the visit points to the problems addressed in sequence, at most four; a drug to its own diagnosis', () => {
    const lines = [
      line('CPT', '99214', [span(text, 'Assessment')]),
      line('HCPCS', 'J1885', [span(text, 'ketorolac'), span(text, '30 mg')]),
      line('CPT', '96372', [span(text, 'ketorolac'), span(text, 'IM')]),
    ];
    const out = assignDiagnosisPointers(lines, dx, analysis);
    expect(out.map((l) => l.diagnosisPointers)).toEqual([
      ['M54.50', 'I10', 'E11.9', 'E78.5'],
      ['M54.50'],
      ['M54.50'],
    ]);
    expect(lines[0]?.diagnosisPointers).toEqual([]); // the input is not changed
  });

  it('falls back to the first-listed diagnosis when nothing is near', () => {
    const t = 'Assessment: essential hypertension.\n\nProcedures: ketorolac 30 mg IM given.';
    const a = analyzeNote(t);
    const out = assignDiagnosisPointers(
      [line('HCPCS', 'J1885', [span(t, 'ketorolac')])],
      [diagnosis('I10', 1, [span(t, 'essential hypertension')])],
      a,
    );
    expect(out[0]?.diagnosisPointers).toEqual(['I10']);
    expect(
      assignDiagnosisPointers([line('HCPCS', 'J1885', [span(t, 'ketorolac')])], [], a)[0]?.diagnosisPointers,
    ).toEqual([]);
  });
});
