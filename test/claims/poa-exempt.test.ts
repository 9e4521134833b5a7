import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPoaExemptFile, loadPoaExemptList } from '../../src/claims/poa-exempt.js';
import { validateClaim } from '../../src/claims/validate.js';
import { codesetsDir } from '../../src/config.js';
import { codesetFile } from '../support/stores.js';
import { inpatientClaim } from './fixtures.js';

describe('CMS POA-exempt list', () => {
  it('reads the FY2026 list from the official zip (38,349 codes, per its ReadMe)', async () => {
    const list = await loadPoaExemptList(codesetFile('icd10cm/fy2026/POAexemptCodesFY26.zip'));
    expect(list.source).toBe('POAexemptCodesFY26.zip!POAexemptCodesFY26.txt');
    expect(list.size).toBe(38349);
    // Family history (Z80.0), external causes (V00.01XA) and TB sequelae (B90.0) are exempt; pneumonia is not.
    expect(['Z80.0', 'Z800', 'V0001XA', 'B900', 'J189', 'E119'].map((c) => list.has(c))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    // 005010X223A2 2300 HI01-9 with the real list: the inpatient fixture reports POA exactly where required.
    await expect(validateClaim(inpatientClaim(), { poaExempt: list })).resolves.toBeTruthy();
  });

  it('finds the newest list under the code-set folder', () => {
    expect(findPoaExemptFile(codesetsDir())).toBe(codesetFile('icd10cm/fy2026/POAexemptCodesFY26.zip'));
    expect(findPoaExemptFile(mkdtempSync(join(tmpdir(), 'medcoder-poa-')))).toBeUndefined();
  });

  it('names the file and line of a row without a code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medcoder-poa-'));
    const file = join(dir, 'POAexemptCodesFY26.txt');
    writeFileSync(
      file,
      'Order26\tPOAexemptCode\tDescription\r\n01238\tB90.0\tSequelae\r\n01239\t\tmissing\r\n',
    );
    await expect(loadPoaExemptList(file)).rejects.toThrow(
      'POAexemptCodesFY26.txt:3: no ICD-10-CM code in the second column: "01239\\t\\tmissing"',
    );
  });
});
