import type { LoopSpec } from './loops.js';

/**
 * Loop structure of the 005010 implementation guides we read, reduced to what is needed to put
 * every segment in the right loop. 4010 files share the same loop ids for these transactions.
 */

const NM1 = (
  id: string,
  codes: readonly string[],
  segments: readonly string[] = ['N2', 'N3', 'N4', 'REF', 'PER', 'PRV'],
) => ({ id, start: 'NM1', qualifier: { at: 1, values: codes }, segments }) as const;

type Kind = 'P' | 'I';
// The 2310x/2330x/2420x letters differ between 837P and 837I for the same NM1 qualifiers.
const PROVIDERS: Record<Kind, { claim: string[][]; other: string[][]; line: string[][] }> = {
  P: {
    claim: [
      ['A', 'DN', 'P3'],
      ['B', '82'],
      ['C', '77'],
      ['D', 'DQ'],
      ['E', 'PW'],
      ['F', '45'],
    ],
    other: [
      ['C', 'DN', 'P3'],
      ['D', '82'],
      ['E', '77'],
      ['F', 'DQ'],
      ['G', '85'],
    ],
    line: [
      ['A', '82'],
      ['B', 'QB'],
      ['C', '77'],
      ['D', 'DQ'],
      ['E', 'DK'],
      ['F', 'DN'],
      ['G', 'PW'],
      ['H', '45'],
    ],
  },
  I: {
    claim: [
      ['A', '71'],
      ['B', '72'],
      ['C', 'ZZ'],
      ['D', '82'],
      ['E', '77'],
      ['F', 'DN'],
    ],
    other: [
      ['C', '71'],
      ['D', '72'],
      ['E', 'ZZ'],
      ['F', '77'],
      ['G', '82'],
      ['H', 'DN'],
      ['I', '85'],
    ],
    line: [
      ['A', '72'],
      ['B', 'ZZ'],
      ['C', '82'],
      ['D', 'DN'],
    ],
  },
};

const nm1Loops = (prefix: string, rows: string[][]) =>
  rows.map(([letter, ...codes]) => NM1(prefix + letter, codes));

function claimSpec(kind: Kind): LoopSpec {
  const p = PROVIDERS[kind];
  const line: LoopSpec = {
    id: '2400',
    start: 'LX',
    segments: [
      'SV1',
      'SV2',
      'SV3',
      'SV5',
      'TOO',
      'PWK',
      'CR1',
      'CR3',
      'CRC',
      'DTP',
      'QTY',
      'MEA',
      'CN1',
      'REF',
      'AMT',
      'K3',
      'NTE',
      'PS1',
      'HCP',
    ],
    children: [
      { id: '2410', start: 'LIN', segments: ['CTP', 'REF'] },
      ...nm1Loops('2420', p.line),
      { id: '2430', start: 'SVD', segments: ['CAS', 'DTP', 'AMT'] },
      { id: '2440', start: 'LQ', segments: ['FRM'] },
    ],
  };
  const other: LoopSpec = {
    id: '2320',
    start: 'SBR',
    segments: ['CAS', 'AMT', 'OI', 'MIA', 'MOA'],
    children: [
      NM1('2330A', ['IL']),
      NM1('2330B', ['PR'], ['N3', 'N4', 'DTP', 'REF']),
      ...nm1Loops('2330', p.other),
    ],
  };
  return {
    id: '2300',
    start: 'CLM',
    segments: ['DTP', 'CL1', 'PWK', 'CN1', 'AMT', 'REF', 'K3', 'NTE', 'CR1', 'CR2', 'CRC', 'HI', 'HCP'],
    children: [...nm1Loops('2310', p.claim), other, line],
  };
}

function spec837(kind: Kind): LoopSpec {
  const claim = claimSpec(kind);
  const patient: LoopSpec = {
    id: '2000C',
    start: 'HL',
    qualifier: { at: 3, values: ['23'] },
    segments: ['PAT'],
    children: [NM1('2010CA', ['QC'], ['N3', 'N4', 'DMG', 'REF', 'PER']), claim],
  };
  const subscriber: LoopSpec = {
    id: '2000B',
    start: 'HL',
    qualifier: { at: 3, values: ['22'] },
    segments: ['SBR', 'PAT'],
    children: [
      NM1('2010BA', ['IL'], ['N3', 'N4', 'DMG', 'REF', 'PER']),
      NM1('2010BB', ['PR'], ['N3', 'N4', 'REF']),
      NM1('2010BC', ['QD'], ['N3', 'N4']),
      claim,
      patient,
    ],
  };
  return {
    id: 'header',
    start: 'ST',
    segments: ['BHT', 'REF'],
    children: [
      NM1('1000A', ['41'], ['PER']),
      NM1('1000B', ['40'], []),
      {
        id: '2000A',
        start: 'HL',
        qualifier: { at: 3, values: ['20'] },
        segments: ['PRV', 'CUR'],
        children: [NM1('2010AA', ['85']), NM1('2010AB', ['87']), NM1('2010AC', ['PE']), subscriber],
      },
    ],
  };
}

/** 837P (005010X222A1). */
export const SPEC_837P: LoopSpec = spec837('P');
/** 837I (005010X223A2). */
export const SPEC_837I: LoopSpec = spec837('I');

/** Picks 837P or 837I from the implementation reference (ST03/GS08: X222 vs X223, 4010 X098 vs X096). */
export function spec837For(implementation: string): LoopSpec {
  return /X223|X096/.test(implementation) ? SPEC_837I : SPEC_837P;
}

const line835: LoopSpec = { id: '2110', start: 'SVC', segments: ['DTM', 'CAS', 'REF', 'AMT', 'QTY', 'LQ'] };
const claim835: LoopSpec = {
  id: '2100',
  start: 'CLP',
  segments: ['CAS', 'NM1', 'MIA', 'MOA', 'REF', 'DTM', 'PER', 'AMT', 'QTY'],
  children: [line835],
};

/** 835 (005010X221A1): header, payer 1000A, payee 1000B, LX 2000, CLP 2100, SVC 2110, PLB. */
export const SPEC_835: LoopSpec = {
  id: 'header',
  start: 'ST',
  segments: ['BPR', 'TRN', 'CUR', 'REF', 'DTM', 'PLB'],
  children: [
    {
      id: '1000A',
      start: 'N1',
      qualifier: { at: 1, values: ['PR'] },
      segments: ['N2', 'N3', 'N4', 'REF', 'PER'],
    },
    {
      id: '1000B',
      start: 'N1',
      qualifier: { at: 1, values: ['PE'] },
      segments: ['N2', 'N3', 'N4', 'REF', 'RDM'],
    },
    { id: '2000', start: 'LX', segments: ['TS3', 'TS2'], children: [claim835] },
    // Some senders omit LX; their claims still belong to a 2100.
    claim835,
  ],
};
