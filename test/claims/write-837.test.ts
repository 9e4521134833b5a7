import { describe, expect, it } from 'vitest';
import { read837 } from '../../src/claims/read-837.js';
import { validateClaim } from '../../src/claims/validate.js';
import { write837 } from '../../src/claims/write-837.js';
import { MemoryControlNumbers } from '../../src/x12/control-numbers.js';
import { parseX12 } from '../../src/x12/reader.js';
import { institutionalClaim, professionalClaim, submission } from './fixtures.js';

const lines = (text: string) => text.split('~').filter(Boolean);

describe('837P writer', () => {
  it('writes a valid interchange with HL numbering, parent pointers and child codes', async () => {
    const self = await validateClaim(
      professionalClaim({ patient: undefined, patientControlNumber: 'PCN-1' }),
    );
    const dependent = await validateClaim(professionalClaim());
    const sibling = await validateClaim(
      professionalClaim({
        patientControlNumber: 'PCN-3',
        patient: { ...professionalClaim().patient!, firstName: 'JACK' },
      }),
    );
    const { text } = await write837([self, dependent, sibling], submission, new MemoryControlNumbers());
    const [set] = parseX12(text, { strict: true });
    expect(set!.implementation).toBe('005010X222A1');
    const hls = set!.segments.filter((s) => s.id === 'HL').map((s) => s.elements.slice(1).join('*'));
    expect(hls).toEqual(['1**20*1', '2*1*22*0', '3*1*22*1', '4*3*23*0', '5*3*23*0']);
    const sbr = set!.segments.filter((s) => s.id === 'SBR').map((s) => s.elements[2]);
    // 2000B SBR02 is 18 when the subscriber is the patient, empty otherwise; each claim's 2320 SBR02 is 01 (spouse).
    expect(sbr).toEqual(['18', '01', '', '01', '01']);
    expect(lines(text)).toContain('CLM*PCN-1001*250***11:B:1*Y*A*Y*Y');
    expect(lines(text)).toContain('SV1*HC:99214:25*150*UN*1***1:2');
    expect(lines(text)).toContain('SV1*HC:87880:QW:59*100*UN*2***1');
    expect(lines(text)).toContain('HI*ABK:J029*ABF:R509');
    expect(lines(text)).toContain('REF*6R*L2');
    expect(lines(text)).not.toContain('REF*F8');
  });

  it('writes replacement and void claims with REF*F8 and all lines', async () => {
    for (const frequency of ['7', '8'] as const) {
      const claim = await validateClaim(professionalClaim({ frequency, payerClaimNumber: 'PAYER-CLM-9' }));
      const { text } = await write837([claim], submission, new MemoryControlNumbers());
      expect(lines(text)).toContain(`CLM*PCN-1001*250***11:B:${frequency}*Y*A*Y*Y`);
      expect(lines(text)).toContain('REF*F8*PAYER-CLM-9');
      expect(lines(text).filter((l) => l.startsWith('LX*'))).toEqual(['LX*1', 'LX*2']);
    }
  });

  it('never reuses control numbers across batches', async () => {
    const numbers = new MemoryControlNumbers();
    const claim = await validateClaim(professionalClaim());
    const a = await write837([claim], submission, numbers);
    const b = await write837([claim], submission, numbers);
    expect(new Set([a.interchange, a.group, a.set, b.interchange, b.group, b.set]).size).toBe(6);
  });
});

describe('837 round trip', () => {
  it.each([
    ['837P', professionalClaim],
    ['837I', institutionalClaim],
  ])('%s parses back to an equal claim', async (_name, make) => {
    const claim = await validateClaim(make());
    const { text } = await write837([claim], { ...submission, newlines: true }, new MemoryControlNumbers());
    const [set] = parseX12(text, { strict: true });
    const {
      claims: [back],
      problems,
    } = read837(set!, { strict: true });
    expect(problems).toEqual([]);
    expect(await validateClaim(back)).toEqual(claim);
  });

  it('837I uses SV2 revenue lines, CL1 and statement dates', async () => {
    const claim = await validateClaim(institutionalClaim());
    const { text } = await write837([claim], submission, new MemoryControlNumbers());
    expect(parseX12(text)[0]!.implementation).toBe('005010X223A2');
    expect(lines(text)).toContain('CLM*PCN-2001*600***13:A:1**A*Y*Y');
    expect(lines(text)).toContain('DTP*434*RD8*20240301-20240302');
    expect(lines(text)).toContain('CL1*3*1*01');
    expect(lines(text)).toContain('HI*ABJ:R509');
    expect(lines(text)).toContain('SV2*0300*HC:85025:91*400*UN*3');
    expect(lines(text)).toContain('NM1*71*1*ATTEND*ALEX****XX*1111111112');
  });
});
