import { describe, expect, it } from 'vitest';
import type { ProcedureSuggestion, SavedProcedureLine } from '../../web/src/api/procedures.js';
import {
  addProcedure,
  claimDrafts,
  editRow,
  mergeProcedures,
  setStatus,
  toSaveProcedures,
} from '../../web/src/lib/procedure-review.js';

const proposal = (over: Partial<ProcedureSuggestion>): ProcedureSuggestion => ({
  system: 'HCPCS',
  code: 'J1885',
  title: 'Injection, ketorolac tromethamine, per 15 mg',
  units: 2,
  modifiers: [],
  diagnosisPointers: ['M54.50'],
  evidence: [{ start: 0, end: 9, text: 'Ketorolac' }],
  rationale: { rule: 'drug administered', details: [] },
  confidence: 0.9,
  ...over,
});
const em = proposal({
  system: 'CPT',
  code: '99214',
  units: 1,
  modifiers: [{ code: '25', reason: 'separately identifiable E/M' }],
  diagnosisPointers: ['M54.50', 'I10'],
});
delete (em as { title?: string }).title;

describe('procedure review', () => {
  it('lists saved lines first, then the proposals not yet answered, pending', () => {
    const saved: SavedProcedureLine[] = [
      {
        line: 1,
        system: 'CPT',
        code: '99213',
        status: 'replaced',
        proposed: '99214',
        units: 1,
        modifiers: ['25'],
        pointers: ['M54.50'],
        title: '',
        evidence: [],
      },
    ];
    const rows = mergeProcedures([em, proposal({})], saved);
    expect(rows.map((r) => [r.code, r.status])).toEqual([
      ['99213', 'replaced'],
      ['J1885', 'pending'],
    ]);
    // The replaced line keeps the proposal's rationale for the coder to read.
    expect(rows[0]?.suggestion?.code).toBe('99214');
  });

  it('accepts, changes and rejects lines; only decided lines are saved, pointers kept to reported codes', () => {
    let rows = mergeProcedures([em, proposal({})], []);
    rows = setStatus(rows, rows[0]!.key, 'accepted');
    const edited = editRow(rows, rows[1]!.key, { units: '3' }, ['M54.50']);
    if ('error' in edited) throw new Error(edited.error);
    rows = edited.rows;
    expect(toSaveProcedures(rows, ['M54.50'])).toEqual([
      {
        system: 'CPT',
        code: '99214',
        status: 'accepted',
        proposed: '99214',
        units: 1,
        modifiers: ['25'],
        pointers: ['M54.50'],
      },
    ]);
    rows = setStatus(rows, rows[1]!.key, 'accepted');
    expect(toSaveProcedures(rows, ['M54.50'])[1]).toMatchObject({
      code: 'J1885',
      units: 3,
      status: 'accepted',
    });
    const changed = editRow(rows, rows[0]!.key, { code: '99213' }, ['M54.50']);
    if ('error' in changed) throw new Error(changed.error);
    expect(changed.rows[0]?.status).toBe('replaced');
    rows = addProcedure(changed.rows, 'CPT', '96372');
    expect(rows.at(-1)).toMatchObject({ code: '96372', status: 'added', proposed: null });
  });

  it('names what is wrong with an edit', () => {
    const rows = mergeProcedures([proposal({})], []);
    const key = rows[0]!.key;
    expect(editRow(rows, key, { units: '0' }, [])).toEqual({ error: 'units "0": a whole number ≥ 1' });
    expect(editRow(rows, key, { modifiers: '25 LTX' }, [])).toMatchObject({ error: /two-character/ });
    expect(editRow(rows, key, { pointers: 'E11.9' }, ['M54.50'])).toEqual({
      error: 'diagnosis E11.9 is not among the reported codes',
    });
    expect(editRow(rows, key, { code: 'J18' }, [])).toMatchObject({ error: /not a procedure code/ });
  });

  it("gives the claim builder the kept professional lines with pointers as positions; the charge is the biller's", () => {
    const line = (over: Partial<SavedProcedureLine>): SavedProcedureLine => ({
      line: 1,
      system: 'CPT',
      code: '99214',
      status: 'accepted',
      proposed: '99214',
      units: 1,
      modifiers: ['25'],
      pointers: ['I10', 'M54.50'],
      title: '',
      evidence: [],
      ...over,
    });
    const drafts = claimDrafts(
      [
        line({}),
        line({ line: 2, system: 'HCPCS', code: 'J1885', units: 2, modifiers: [], pointers: ['M54.50'] }),
        line({ line: 3, status: 'rejected', code: '99215' }),
        line({ line: 4, system: 'ICD-10-PCS', code: '0FT44ZZ', modifiers: [] }),
        line({ line: 5, code: '96372', modifiers: [], pointers: [] }),
      ],
      ['M54.50', 'I10'],
    );
    expect(drafts).toEqual([
      { code: '99214', modifiers: '25', units: '1', charge: '', pointers: '2, 1' },
      { code: 'J1885', modifiers: '', units: '2', charge: '', pointers: '1' },
      { code: '96372', modifiers: '', units: '1', charge: '', pointers: '' },
    ]);
  });
});
