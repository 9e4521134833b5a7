import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPcs } from '../../src/codesets/icd10pcs/import.js';
import { codesLines, orderLines, writeRelease } from '../codesets/icd10pcs/fixture.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

describe.each(scratchStores())('ICD-10-PCS builder API ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('says no PCS release is imported, with how to import one', async () => {
    const res = await call(t.app, coder, 'GET', '/api/pcs/build?prefix=0FT');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'pcs_not_imported' });
    expect(res.json().error.message).toContain('medcoder import');
  });

  it('steps through the axes: only values that lead to valid codes, each labelled', async () => {
    await importPcs(t.store, writeRelease({ order: orderLines(), codes: codesLines() }), { progress: false });
    const sections = (await call(t.app, coder, 'GET', '/api/pcs/build?dos=2026-02-01')).json();
    expect(sections).toMatchObject({
      position: 1,
      axis: 'Section',
      release: { fiscalYear: 2026, outsideWindow: false },
    });
    expect(sections.choices).toEqual([{ value: '0', label: 'Medical and Surgical', codes: 11 }]);
    const bodyParts = (await call(t.app, coder, 'GET', '/api/pcs/build?prefix=0ft&dos=2026-02-01')).json();
    expect(bodyParts.axis).toBe('Body Part');
    expect(bodyParts.characters.map((c: { label: string }) => c.label)).toEqual([
      'Medical and Surgical',
      'Hepatobiliary System and Pancreas',
      'Resection',
    ]);
    expect(bodyParts.choices.map((c: { value: string; label: string }) => `${c.value} ${c.label}`)).toEqual([
      '4 Gallbladder',
      'G Pancreas',
    ]);
    const last = (await call(t.app, coder, 'GET', '/api/pcs/build?prefix=0FT44Z&dos=2026-02-01')).json();
    expect(last.choices).toEqual([
      {
        value: 'G',
        label: 'Hand-Assisted',
        codes: 1,
        title: 'Resection of Gallbladder, Percutaneous Endoscopic Approach, Hand-Assisted',
      },
      {
        value: 'Z',
        label: 'No Qualifier',
        codes: 1,
        title: 'Resection of Gallbladder, Percutaneous Endoscopic Approach',
      },
    ]);
  });

  it('refuses a prefix no code continues, naming the character and what was valid', async () => {
    const res = await call(t.app, coder, 'GET', '/api/pcs/build?prefix=0FT4Q&dos=2026-02-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_prefix');
    expect(res.json().problem).toEqual({
      position: 5,
      message: 'character 5 (approach): no valid code has approach "Q" after 0FT4',
      validValues: ['0', '4'],
    });
    const bad = await call(t.app, coder, 'GET', '/api/pcs/build?prefix=0FT&dos=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_date');
  });

  it('looks a code up, and says when the date is outside every imported release', async () => {
    const ok = (await call(t.app, coder, 'GET', '/api/pcs/lookup/0FT44ZZ?dos=2026-02-01')).json();
    expect(ok).toMatchObject({
      valid: true,
      title: 'Resection of Gallbladder, Percutaneous Endoscopic Approach',
    });
    expect(ok.characters[4]).toEqual({
      position: 5,
      name: 'Approach',
      value: '4',
      label: 'Percutaneous Endoscopic',
    });
    const wrong = (await call(t.app, coder, 'GET', '/api/pcs/lookup/0FTI4ZZ?dos=2026-02-01')).json();
    expect(wrong).toMatchObject({ valid: false, problem: { position: 4 } });
    expect(wrong.problem.message).toContain('never uses the letters I and O');
    const later = (await call(t.app, coder, 'GET', '/api/pcs/lookup/0FT44ZZ?dos=2027-01-10')).json();
    expect(later.release).toMatchObject({ outsideWindow: true });
    expect(later.release.warning).toContain('no imported ICD-10-PCS release covers 2027-01-10');
  });

  it('searches titles by word starts', async () => {
    const res = (
      await call(t.app, coder, 'GET', '/api/pcs/search?q=resect%20appendix&dos=2026-02-01')
    ).json();
    expect(res.results.map((r: { code: string }) => r.code)).toEqual([
      '0DTJ0ZZ',
      '0DTJ4ZZ',
      '0DTJ7ZZ',
      '0DTJ8ZZ',
    ]);
  });

  it('needs a session', async () => {
    expect((await call(t.app, null, 'GET', '/api/pcs/build')).statusCode).toBe(401);
  });
});
