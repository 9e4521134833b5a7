import type { BilledLine } from '../../src/remits/match-lines.js';

/** A hand-written 835: one paid claim with a changed procedure, one reversal, PLB. */
export function sample(overrides: Record<string, string> = {}): string {
  const body = [
    'BPR*I*130*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240315',
    'TRN*1*12345*1512345678',
    'DTM*405*20240314',
    'N1*PR*ACME HEALTH*XV*12345',
    'N1*PE*GOOD CLINIC*XX*1234567893',
    'REF*TJ*123456789',
    'LX*1',
    overrides.CLP1 ?? 'CLP*PCN001*1*250*160*40*12*PAYER-CLM-1',
    'CAS*PR*2*20',
    'NM1*QC*1*DOE*JANE****MI*W123',
    'MOA***MA01',
    'DTM*232*20240301',
    'SVC*HC:99214:25*150*100**1*HC:99215:25',
    'DTM*472*20240301',
    'CAS*CO*45*50',
    'REF*6R*L1',
    'AMT*B6*100',
    'LQ*HE*N130',
    overrides.SVC2 ?? 'SVC*HC:81002*100*80**2',
    'DTM*472*20240301',
    'CAS*CO*45*0*1',
    'CAS*PR*3*20',
    'REF*6R*L2',
    'CLP*PCN000*22*-40*-40**12*PAYER-CLM-0',
    'SVC*HC:99213*-40*-40**1',
    'PLB*1234567893*20241231*WO:ABC*-10',
  ];
  return (
    [
      'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240315*1200*^*00501*000000001*0*P*:',
      'GS*HP*PAYER*CLINIC*20240315*1200*1*X*005010X221A1',
      'ST*835*0001*005010X221A1',
      ...body,
      `SE*${body.length + 2}*0001`,
      'GE*1*1',
      'IEA*1*000000001',
    ].join('~\n') + '~\n'
  );
}

/** A billed line for matching/posting tests; fields not given take the values of line 1. */
export function billedLine(
  lineNumber: number,
  procedureCode: string,
  modifiers: string[],
  chargeCents: number,
  extra: Partial<BilledLine> = {},
): BilledLine {
  return { lineNumber, procedureCode, modifiers, chargeCents, units: 1, serviceDate: '2024-03-01', ...extra };
}
