import { interchange } from './interchange.js';

/** A 999 (005010X231A1) with the given body, in a valid envelope. */
export const ack999 = (body: string[], ids: Parameters<typeof interchange>[4] = {}) =>
  interchange('999', 'FA', '005010X231A1', body, ids);

/** A 277CA with one PT level per claim: [patient control number, STC]. */
export function ca277(claims: Array<[string, string]>, ids: Parameters<typeof interchange>[4] = {}): string {
  return interchange(
    '277',
    'HN',
    '005010X214',
    [
      'BHT*0085*08*B1*20240316*1000*TH',
      'HL*1**20*1',
      'NM1*PR*2*ACME HEALTH*****PI*12345',
      'HL*2*1*21*1',
      'NM1*41*2*GOOD CLINIC BILLING*****46*SUB123',
      'HL*3*2*19*1',
      'NM1*85*2*GOOD CLINIC*****XX*1234567893',
      ...claims.flatMap(([pcn, stc], i) => [
        `HL*${4 + i}*3*PT`,
        'NM1*QC*1*DOE*JILL****MI*W1234567',
        `TRN*2*${pcn}`,
        stc,
        `REF*1K*PAYER-${pcn}`,
      ]),
    ],
    ids,
  );
}
