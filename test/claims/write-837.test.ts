import { describe, expect, it } from 'vitest';
import type { Claim, ClaimInput } from '../../src/claims/model.js';
import { read837 } from '../../src/claims/read-837.js';
import { ClaimValidationError, validateClaim } from '../../src/claims/validate.js';
import { write837 } from '../../src/claims/write-837.js';
import { MemoryControlNumbers } from '../../src/x12/control-numbers.js';
import { buildLoops, type Loop } from '../../src/x12/loops.js';
import { parseX12 } from '../../src/x12/reader.js';
import { spec837For } from '../../src/x12/specs.js';
import {
  inpatientClaim,
  institutionalClaim,
  lineCobClaim,
  professionalClaim,
  submission,
} from './fixtures.js';

const lines = (text: string) => text.split('~').filter(Boolean);
const write = async (input: ClaimInput) =>
  (await write837([await validateClaim(input)], submission, new MemoryControlNumbers())).text;

/** The loops of a written 837, as the reader nests them. */
function loopsOf(text: string): Loop {
  const [set] = parseX12(text, { strict: true });
  return buildLoops(spec837For(set!.implementation), set!.segments, { strict: true });
}
function find(loop: Loop, id: string): Loop[] {
  return [...(loop.id === id ? [loop] : []), ...loop.loops.flatMap((l) => find(l, id))];
}
const ids = (loop: Loop) => loop.segments.map((s) => s.elements.slice(0, 3).filter(Boolean).join('*'));

/** What an 837 carries of a claim: 2010BA address and demographics only when the patient is the subscriber. */
function as837Carries(claim: Claim): Claim {
  if (!claim.patient) return claim;
  const { address: _a, birthDate: _b, sex: _s, ...subscriber } = claim.subscriber;
  return { ...claim, subscriber };
}

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

describe('2010BA subscriber demographics (situational)', () => {
  it.each([
    ['005010X222A1', professionalClaim],
    ['005010X223A2', institutionalClaim],
  ])(
    '%s 2010BA N3/N4/DMG: sent when the patient is the subscriber, not when a 2000C patient follows',
    async (_guide, make) => {
      const self = await write(make({ patient: undefined }));
      expect(ids(find(loopsOf(self), '2010BA')[0]!)).toEqual([
        'NM1*IL*1',
        'N3*9 ELM ST*APT 2',
        'N4*SPRINGFIELD*IL',
        'DMG*D8*19800203',
      ]);
      const dependent = await write(make({ patient: professionalClaim().patient }));
      const tree = loopsOf(dependent);
      expect(ids(find(tree, '2010BA')[0]!)).toEqual(['NM1*IL*1']);
      // The patient's address and demographics are in 2010CA instead.
      expect(ids(find(tree, '2010CA')[0]!)).toEqual([
        'NM1*QC*1',
        'N3*9 ELM ST',
        'N4*SPRINGFIELD*IL',
        'DMG*D8*20120607',
      ]);
    },
  );
});

describe('coordination of benefits (2320/2330B/2430)', () => {
  it('005010X222A1 2320 CAS and AMT*D, 2330B DTP*573: claim-level adjustments of the other payer', async () => {
    const text = await write(professionalClaim());
    const tree = loopsOf(text);
    const cob = find(tree, '2320')[0]!;
    expect(cob.segments.map((s) => s.elements.join('*'))).toEqual([
      'SBR*S*01*******CI',
      'CAS*PR*1*40',
      'CAS*CO*45*200',
      'AMT*D*10',
      'OI***Y***Y',
    ]);
    expect(ids(find(cob, '2330B')[0]!)).toEqual(['NM1*PR*2', 'DTP*573*D8']);
    expect(lines(text)).toContain('DTP*573*D8*20240304');
    expect(find(tree, '2430')).toEqual([]);
  });

  it('005010X222A1 2430 SVD/CAS/DTP*573: line adjudication per other payer, no 2330B date then', async () => {
    const text = await write(lineCobClaim());
    const tree = loopsOf(text);
    const adjudications = find(tree, '2430').map((l) => l.segments.map((s) => s.elements.join('*')));
    expect(adjudications).toEqual([
      ['SVD*67890*90*HC:99214:25**1', 'CAS*CO*45*40', 'CAS*PR*2*20', 'DTP*573*D8*20240304'],
      ['SVD*67890*0*HC:87880:QW:59**2', 'CAS*CO*97*100*2', 'DTP*573*D8*20240304'],
    ]);
    // Each 2430 sits in its own 2400 line; 2320 has AMT*D but no CAS; 2330B has no DTP*573.
    expect(find(tree, '2400').map((l) => find(l, '2430').length)).toEqual([1, 1]);
    expect(ids(find(tree, '2320')[0]!)).toEqual(['SBR*S*01', 'AMT*D*90', 'OI']);
    expect(ids(find(tree, '2330B')[0]!)).toEqual(['NM1*PR*2']);
  });

  it('005010X223A2 2430 SVD: revenue code in SVD04, paid units in SVD05; CAS groups up to 6 triplets', async () => {
    const base = institutionalClaim();
    const input: ClaimInput = {
      ...base,
      otherPayers: [
        {
          payer: { name: 'OTHER PLAN', id: '67890' },
          subscriber: { lastName: 'DOE', firstName: 'MARY', memberId: 'Z999' },
          responsibility: 'P',
          paidCents: 45000,
        },
      ],
      subscriber: { ...base.subscriber, responsibility: 'S' },
      lines: [
        {
          ...base.lines[0]!,
          adjudications: [{ payerId: '67890', paidCents: 20000, adjudicationDate: '2024-03-10' }],
        },
        {
          ...base.lines[1]!,
          adjudications: [
            {
              payerId: '67890',
              paidCents: 25000,
              paidUnits: 2,
              adjudicationDate: '2024-03-10',
              adjustments: [
                { group: 'CO', reason: '45', amountCents: 10000 },
                { group: 'PR', reason: '3', amountCents: 2500 },
                { group: 'CO', reason: '253', amountCents: 2500, quantity: 1 },
              ],
            },
          ],
        },
      ],
    };
    const text = await write(input);
    expect(lines(text)).toContain('SVD*67890*200*HC:71046*0324*1');
    expect(lines(text)).toContain('SVD*67890*250*HC:85025:91*0300*2');
    expect(lines(text)).toContain('CAS*CO*45*100**253*25*1');
    expect(lines(text)).toContain('CAS*PR*3*25');
  });
});

describe('837I admission and diagnosis data', () => {
  it('005010X223A2 2300 DTP*435: inpatient admission date and hour as DT; none on an outpatient bill', async () => {
    expect(lines(await write(inpatientClaim()))).toContain('DTP*435*DT*202403012215');
    expect(lines(await write(institutionalClaim())).filter((l) => l.startsWith('DTP*435'))).toEqual([]);
  });

  it('005010X223A2 2300 HI01-9: present-on-admission indicators, blank for an exempt code; HI*ABJ on inpatient', async () => {
    const text = await write(inpatientClaim());
    const hi = lines(text).filter((l) => l.startsWith('HI*'));
    expect(hi).toEqual(['HI*ABK:J189:::::::Y', 'HI*ABJ:R509', 'HI*ABF:E119:::::::Y*ABF:Z800']);
  });

  it('005010X223A2 2300 HI*ABJ: no admitting diagnosis on an outpatient (13x) bill', async () => {
    const hi = lines(await write(institutionalClaim())).filter((l) => l.startsWith('HI*'));
    expect(hi).toEqual(['HI*ABK:J029', 'HI*ABF:R509']);
  });
});

describe('the writer refuses what our validation refuses', () => {
  it('names the loop, segment and field, writes nothing and uses no control number', async () => {
    const claim = await validateClaim(professionalClaim());
    const numbers = new MemoryControlNumbers();
    // A claim validated under older rules (or edited after validation): 5-digit billing ZIP, unbalanced COB.
    const stale: Claim = {
      ...claim,
      billingProvider: {
        ...claim.billingProvider,
        address: { ...claim.billingProvider.address, zip: '62701' },
      },
      otherPayers: [{ ...claim.otherPayers[0]!, paidCents: 5000 }],
    };
    const error = await write837([stale], submission, numbers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaimValidationError);
    const message = (error as Error).message;
    expect(message).toContain(
      'claim PCN-1001 cannot be written as an 837P (005010X222A1); nothing was written',
    );
    expect(message).toMatch(/2010AA N403 billingProvider\.address\.zip: 62701 is not a 9-digit ZIP code/);
    expect(message).toMatch(
      /2320 AMT\/CAS otherPayers\[0\]: does not balance: the claim charge 250 must equal paid 50/,
    );
    // Nothing allocated: the next batch still gets the first numbers.
    expect((await write837([claim], submission, numbers)).interchange).toBe(1);
  });

  it('locates plain model problems in their loop too (2300 CLM02 total, 2400 line)', async () => {
    const claim = await validateClaim(institutionalClaim());
    const bad: Claim = {
      ...claim,
      totalChargeCents: 1,
      institutional: { ...claim.institutional!, admittingDiagnosis: 'R509' },
    };
    const error = (await write837([bad], submission, new MemoryControlNumbers()).catch(
      (e: unknown) => e,
    )) as ClaimValidationError;
    expect(error.message).toContain('cannot be written as an 837I (005010X223A2)');
    expect(error.issues.map((i) => `${i.loop} ${i.path}`)).toEqual([
      '2300 CLM totalChargeCents',
      '2300 HI*ABJ institutional.admittingDiagnosis',
    ]);
  });
});

describe('837 round trip', () => {
  it.each([
    ['837P with claim-level COB', professionalClaim],
    ['837P with line-level COB', lineCobClaim],
    ['837P, patient is the subscriber', () => professionalClaim({ patient: undefined })],
    ['837I outpatient', institutionalClaim],
    ['837I inpatient with POA', inpatientClaim],
  ])('%s parses back to an equal claim', async (_name, make) => {
    const claim = await validateClaim(make());
    const { text } = await write837([claim], { ...submission, newlines: true }, new MemoryControlNumbers());
    const [set] = parseX12(text, { strict: true });
    const {
      claims: [back],
      problems,
    } = read837(set!, { strict: true });
    expect(problems).toEqual([]);
    expect(await validateClaim(back)).toEqual(as837Carries(claim));
  });

  it('837I uses SV2 revenue lines, CL1 and statement dates', async () => {
    const text = await write(institutionalClaim());
    expect(parseX12(text)[0]!.implementation).toBe('005010X223A2');
    expect(lines(text)).toContain('CLM*PCN-2001*600***13:A:1**A*Y*Y');
    expect(lines(text)).toContain('DTP*434*RD8*20240301-20240302');
    expect(lines(text)).toContain('CL1*3*1*01');
    expect(lines(text)).toContain('SV2*0300*HC:85025:91*400*UN*3');
    expect(lines(text)).toContain('NM1*71*1*ATTEND*ALEX****XX*1111111112');
  });
});
