import { describe, expect, it } from 'vitest';
import { resolveLines } from '../../src/edits/claim.js';
import { ncciPtpEdits } from '../../src/edits/ncci-ptp.js';
import { buildScrubTables, type PtpEdit } from '../../src/edits/tables.js';
import { claimOf, line } from './helpers.js';

const edit = (
  column1: string,
  column2: string,
  modifierIndicator: 0 | 1 | 9,
  extra: Partial<PtpEdit> = {},
): PtpEdit => ({
  column1,
  column2,
  modifierIndicator,
  prior1996: false,
  effectiveDate: '2020-01-01',
  deletionDate: null,
  rationale: 'test rationale',
  ...extra,
});

const tables = buildScrubTables({
  ptp: {
    practitioner: [
      edit('29881', '29877', 0),
      edit('11042', '97597', 1),
      edit('20610', '99213', 1),
      edit('99214', 'G0439', 1),
      edit('80053', '82947', 1),
      edit('J1030', '20610', 9),
      edit('12001', '11042', 1, { deletionDate: '2023-04-01' }),
      edit('11055', '11720', 1, { effectiveDate: '2023-04-01' }),
      edit('36415', '36416', 1, { effectiveDate: '2023-01-01', deletionDate: '2023-01-01' }),
    ],
    outpatient: [edit('99283', '99283', 1), edit('29881', '29877', 0)],
  },
});

type L = ReturnType<typeof line>;
const cases: Array<[string, L[], string[], string?]> = [
  ['indicator 0 with no modifier', [line('29881'), line('29877')], ['NCCI-PTP-0']],
  [
    'indicator 0 is not bypassed by 59',
    [line('29881'), line('29877', { modifiers: ['59'] })],
    ['NCCI-PTP-0'],
  ],
  [
    'indicator 0 is not bypassed by different sides',
    [line('29881', { modifiers: ['RT'] }), line('29877', { modifiers: ['LT'] })],
    ['NCCI-PTP-0'],
  ],
  ['order of lines does not matter', [line('29877'), line('29881')], ['NCCI-PTP-0']],
  ['indicator 1 without modifier', [line('11042'), line('97597')], ['NCCI-PTP-1']],
  ...(['59', 'XE', 'XS', 'XP', 'XU'].map((m) => [
    `indicator 1 with ${m} on column 2`,
    [line('11042'), line('97597', { modifiers: [m] })],
    ['NCCI-PTP-1-BYPASSED'],
  ]) as Array<[string, L[], string[]]>),
  [
    'indicator 1 with XS on column 1',
    [line('11042', { modifiers: ['XS'] }), line('97597')],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  [
    'anatomic RT vs LT',
    [line('11042', { modifiers: ['RT'] }), line('97597', { modifiers: ['LT'] })],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  [
    'anatomic F1 vs F2',
    [line('11042', { modifiers: ['F1'] }), line('97597', { modifiers: ['F2'] })],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  [
    'anatomic E2 vs E4',
    [line('11042', { modifiers: ['E2'] }), line('97597', { modifiers: ['E4'] })],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  [
    'anatomic RC vs RI',
    [line('11042', { modifiers: ['RC'] }), line('97597', { modifiers: ['RI'] })],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  [
    'anatomic LM vs LC',
    [line('11042', { modifiers: ['LM'] }), line('97597', { modifiers: ['LC'] })],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  [
    'anatomic same side',
    [line('11042', { modifiers: ['LT'] }), line('97597', { modifiers: ['LT'] })],
    ['NCCI-PTP-1'],
  ],
  ['anatomic on one line only', [line('11042'), line('97597', { modifiers: ['LT'] })], ['NCCI-PTP-1']],
  [
    '25 on the E/M (column 2)',
    [line('20610'), line('99213', { modifiers: ['25'] })],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  ['57 on the E/M', [line('20610'), line('99213', { modifiers: ['57'] })], ['NCCI-PTP-1-BYPASSED']],
  [
    '25 on the E/M (column 1)',
    [line('99214', { modifiers: ['25'] }), line('G0439')],
    ['NCCI-PTP-1-BYPASSED'],
  ],
  ['25 on the procedure, not the E/M', [line('20610', { modifiers: ['25'] }), line('99213')], ['NCCI-PTP-1']],
  ['25 on a pair without E/M', [line('11042'), line('97597', { modifiers: ['25'] })], ['NCCI-PTP-1']],
  ['59 on an E/M is not allowed', [line('20610'), line('99213', { modifiers: ['59'] })], ['NCCI-PTP-1']],
  ['XU on an E/M is not allowed', [line('20610'), line('99213', { modifiers: ['XU'] })], ['NCCI-PTP-1']],
  ...(['24', '58', '78', '79'].map((m) => [
    `global surgery modifier ${m}`,
    [line('11042'), line('97597', { modifiers: [m] })],
    ['NCCI-PTP-1-BYPASSED'],
  ]) as Array<[string, L[], string[]]>),
  ['91 on a lab pair', [line('80053'), line('82947', { modifiers: ['91'] })], ['NCCI-PTP-1-BYPASSED']],
  ['91 on a non-lab pair', [line('11042'), line('97597', { modifiers: ['91'] })], ['NCCI-PTP-1']],
  ['27 on a practitioner claim', [line('20610'), line('99213', { modifiers: ['27'] })], ['NCCI-PTP-1']],
  ['indicator 9 is not applied', [line('J1030'), line('20610')], []],
  [
    'edit deleted before the date of service',
    [line('12001', { dateOfService: '2023-04-01' }), line('11042', { dateOfService: '2023-04-01' })],
    [],
  ],
  [
    'edit on the day before its deletion date',
    [line('12001', { dateOfService: '2023-03-31' }), line('11042', { dateOfService: '2023-03-31' })],
    ['NCCI-PTP-1'],
  ],
  [
    'edit on its effective date',
    [line('11055', { dateOfService: '2023-04-01' }), line('11720', { dateOfService: '2023-04-01' })],
    ['NCCI-PTP-1'],
  ],
  [
    'edit the day before it takes effect',
    [line('11055', { dateOfService: '2023-03-31' }), line('11720', { dateOfService: '2023-03-31' })],
    [],
  ],
  ['edit deleted retroactively (deletion = effective)', [line('36415'), line('36416')], []],
  [
    'different dates of service',
    [line('29881', { dateOfService: '2023-03-15' }), line('29877', { dateOfService: '2023-03-16' })],
    [],
  ],
  [
    'different rendering providers',
    [line('29881', { renderingNpi: '1' }), line('29877', { renderingNpi: '2' })],
    [],
  ],
  [
    'same rendering provider',
    [line('29881', { renderingNpi: '1' }), line('29877', { renderingNpi: '1' })],
    ['NCCI-PTP-0'],
  ],
  ['no edit for the pair', [line('99213'), line('36415')], []],
];

describe('NCCI PTP edits', () => {
  it.each(cases)('%s', (_name, lines, rules) => {
    const claim = claimOf({ lines });
    expect(ncciPtpEdits(claim, resolveLines(claim), tables).map((f) => f.rule)).toEqual(rules);
  });

  it('27 bypasses a same-code E/M pair on an outpatient claim, once', () => {
    const claim = claimOf({
      setting: 'outpatient',
      lines: [line('99283'), line('99283', { modifiers: ['27'] })],
    });
    const findings = ncciPtpEdits(claim, resolveLines(claim), tables);
    expect(findings.map((f) => [f.rule, f.lines])).toEqual([['NCCI-PTP-1-BYPASSED', [1, 2]]]);
  });

  it('uses the outpatient table for outpatient claims and none for DME claims', () => {
    const out = claimOf({ setting: 'outpatient', lines: [line('11042'), line('97597')] });
    expect(ncciPtpEdits(out, resolveLines(out), tables)).toEqual([]);
    const dme = claimOf({ setting: 'dme', lines: [line('29881'), line('29877')] });
    expect(ncciPtpEdits(dme, resolveLines(dme), tables)).toEqual([]);
  });

  it('explains the finding: codes, column 2 line, rationale and the fix', () => {
    const claim = claimOf({ lines: [line('11042'), line('97597')] });
    const [f] = ncciPtpEdits(claim, resolveLines(claim), tables);
    expect(f).toMatchObject({ severity: 'error', lines: [1, 2], codes: ['11042', '97597'] });
    expect(f!.message).toContain('97597 on line 2 is bundled into 11042 on line 1');
    expect(f!.message).toContain('test rationale');
    expect(f!.fix).toMatch(/^Append modifier XS to line 2 .* otherwise remove 97597\.$/);
    expect(f!.data).toMatchObject({ modifierIndicator: 1, effectiveDate: '2020-01-01' });
  });
});
