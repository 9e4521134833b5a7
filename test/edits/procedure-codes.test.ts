import { describe, expect, it } from 'vitest';
import { resolveLines } from '../../src/edits/claim.js';
import { procedureCodeEdits } from '../../src/edits/procedure-codes.js';
import { buildScrubTables } from '../../src/edits/tables.js';
import { claimOf, line } from './helpers.js';

const hcpcs = buildScrubTables({
  hcpcs: [
    { code: 'J1100', shortDescription: 'Dexamethasone', addedDate: '1982-01-01', terminationDate: null },
    {
      code: 'A4466',
      shortDescription: 'Elastic garment',
      addedDate: '2001-01-01',
      terminationDate: '2016-12-31',
    },
    { code: 'G9999', shortDescription: 'Future', addedDate: '2024-01-01', terminationDate: null },
  ],
  modifiers: [
    { code: 'RT', shortDescription: 'Right side', addedDate: null, terminationDate: null },
    { code: 'CP', shortDescription: 'Old', addedDate: '2016-01-01', terminationDate: '2017-12-31' },
  ],
});
const withCpt = buildScrubTables({ cpt: [{ code: '99213', shortDescriptor: 'x' }] });
const withMue = buildScrubTables({
  mue: { practitioner: [{ code: '99213', mue: 2, mai: 3, rationale: 'x' }] },
});

describe('procedure code edits', () => {
  it.each([
    ['HCPCS in effect', hcpcs, [line('J1100')], {}, []],
    ['HCPCS discontinued', hcpcs, [line('A4466')], {}, [['PROC-TERMINATED', 'error']]],
    ['HCPCS not yet in effect', hcpcs, [line('G9999')], {}, [['PROC-NOT-YET-EFFECTIVE', 'error']]],
    [
      'HCPCS unknown in a current release',
      hcpcs,
      [line('J9999')],
      { hcpcsEffective: '2023-01-01' },
      [['PROC-UNKNOWN', 'error']],
    ],
    [
      'HCPCS unknown in an older release',
      hcpcs,
      [line('J9999')],
      { hcpcsEffective: '2019-01-01' },
      [['PROC-UNKNOWN', 'warning']],
    ],
    ['no HCPCS release loaded', buildScrubTables({}), [line('J9999')], {}, []],
    ['CPT without a CPT file', hcpcs, [line('99213')], {}, []],
    ['CPT in the CPT file', withCpt, [line('99213')], {}, []],
    ['CPT missing from the CPT file', withCpt, [line('99214')], {}, [['PROC-UNKNOWN', 'error']]],
    ['CPT known from the MUE table, no CPT file', withMue, [line('99213')], {}, []],
    ['CPT in no table, no CPT file', withMue, [line('99299')], {}, [['PROC-CPT-UNVERIFIED', 'info']]],
    ['malformed code', hcpcs, [line('9921')], {}, [['PROC-MALFORMED', 'error']]],
    ['Category III CPT', hcpcs, [line('0500T')], {}, []],
    ['CPT modifier number', hcpcs, [line('99213', { modifiers: ['25'] })], {}, []],
    ['HCPCS modifier', hcpcs, [line('20610', { modifiers: ['RT'] })], {}, []],
    ['unknown modifier', hcpcs, [line('20610', { modifiers: ['Q9'] })], {}, [['MOD-UNKNOWN', 'error']]],
    [
      'discontinued modifier',
      hcpcs,
      [line('20610', { modifiers: ['CP'] })],
      {},
      [['MOD-TERMINATED', 'error']],
    ],
  ])('%s', (_name, tables, lines, options, expected) => {
    const claim = claimOf({ lines });
    expect(procedureCodeEdits(resolveLines(claim), tables, options).map((f) => [f.rule, f.severity])).toEqual(
      expected,
    );
  });
});
