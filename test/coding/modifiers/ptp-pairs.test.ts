import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHcpcs } from '../../../src/codesets/hcpcs/import.js';
import { importPtp } from '../../../src/codesets/ncci/ptp-import.js';
import { createHcpcsFinder } from '../../../src/coding/hcpcs/index.js';
import {
  applyModifiers,
  assignDiagnosisPointers,
  loadPtpPairs,
} from '../../../src/coding/modifiers/index.js';
import type { CodeSuggestion, EvidenceSpan, ProcedureSuggestion } from '../../../src/coding/types.js';
import { analyzeNote } from '../../../src/nlp/index.js';
import type { Store } from '../../../src/store/index.js';
import { codesetFile, openScratch, scratchStores } from '../../support/stores.js';

const fixture = resolve(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'ncci',
  'SYNTHETIC-ccipra-v311r0-f1.txt',
);

function span(text: string, quote: string): EvidenceSpan {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the note`);
  return { start, end: start + quote.length, text: quote };
}

describe.each(scratchStores())('modifiers with NCCI PTP edits read from the store ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
    // The CMS PTP files cannot be obtained here (AMA licence); the fixture is synthetic, in the CMS layout.
    await importPtp(store, fixture, { progress: false });
    await importHcpcs(store, codesetFile('hcpcs/2026/january-2026-alpha-numeric-hcpcs-file.zip'), {
      progress: false,
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('loads only the edits among the given codes, answering from the release in effect on the date', async () => {
    const pairs = await loadPtpPairs(store.db, ['11042', '97597', '99213', '20610']);
    expect(pairs.edit('97597', '11042', '2025-06-02')).toMatchObject({
      column1: '11042',
      column2: '97597',
      modifierIndicator: 1,
    });
    expect(pairs.edit('20610', '99213', '2025-06-02')?.modifierIndicator).toBe(1);
    // Not among the codes asked for, or before the release took effect (2025-04-01).
    expect(pairs.edit('29881', '29877', '2025-06-02')).toBeUndefined();
    expect(pairs.edit('11042', '97597', '2025-03-01')).toBeUndefined();
  });

  it('an office visit with a knee injection: 99213-25, 20610-RT, J3301 x4, each pointing to its diagnoses', async () => {
    const text = [
      'Assessment: 1. Primary osteoarthritis of the right knee. 2. Essential hypertension, above goal; lisinopril increased to 20 mg.',
      'Procedure: right knee injected with Kenalog 40 mg and lidocaine 1% 3 mL.',
    ].join('\n');
    const analysis = analyzeNote(text);
    const finder = await createHcpcsFinder(store);
    const input = {
      text,
      setting: 'outpatient' as const,
      dateOfService: '2025-06-02',
      age: 58,
      sex: 'F' as const,
    };
    const diagnoses: CodeSuggestion[] = [
      {
        code: 'M17.11',
        title: 'Unilateral primary osteoarthritis, right knee',
        sequence: 1,
        evidence: [span(text, 'osteoarthritis of the right knee')],
        rationale: { indexPath: [], tabularNotes: [], guidelines: [] },
        confidence: 0.9,
      },
      {
        code: 'I10',
        title: 'Essential (primary) hypertension',
        sequence: 2,
        evidence: [span(text, 'Essential hypertension')],
        rationale: { indexPath: [], tabularNotes: [], guidelines: [] },
        confidence: 0.9,
      },
    ];
    const found = finder.find({ input, analysis, diagnoses });
    const em: ProcedureSuggestion = {
      system: 'CPT',
      code: '99213',
      units: 1,
      modifiers: [],
      diagnosisPointers: [],
      evidence: [span(text, 'Assessment')],
      rationale: { rule: 'E/M line from the E/M finder', details: [] },
      confidence: 0.8,
    };
    const all = [em, ...found.procedures];
    const codes = all.map((l) => l.code);
    const ptp = await loadPtpPairs(store.db, codes);
    const lines = assignDiagnosisPointers(
      applyModifiers(all, { analysis, dateOfService: input.dateOfService, diagnoses, ptp }),
      diagnoses,
      analysis,
    );
    expect(
      lines.map(
        (l) =>
          `${l.code}${l.modifiers.map((m) => `-${m.code}`).join('')} x${l.units} → ${l.diagnosisPointers.join(',')}`,
      ),
    ).toEqual(['99213-25 x1 → M17.11,I10', 'J3301 x4 → M17.11', '20610-RT x1 → M17.11']);
    expect(lines[0]?.modifiers[0]?.reason).toContain('NCCI PTP pair 20610/99213');
    expect(all[0]?.modifiers).toEqual([]); // applyModifiers returns new lines
  });
});
