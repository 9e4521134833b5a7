import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/codesets/errors.js';
import { activeOn, loadReasonCodes, parseReasonCodes, splitReasonText } from '../../src/remits/carc-rarc.js';
import { categorize, GROUPS, needsWork } from '../../src/remits/groups.js';
import { codesetsDir } from '../support/stores.js';

describe('CARC/RARC lists', () => {
  it('splits the glued x12.org metadata into fields', () => {
    expect(
      splitReasonText(
        '15',
        'The authorization number is missing.Start: 01/01/1995 | Last Modified: 11/01/2017 | Stop: 05/01/2018',
      ),
    ).toEqual({
      code: '15',
      description: 'The authorization number is missing.',
      start: '1995-01-01',
      lastModified: '2017-11-01',
      stop: '2018-05-01',
    });
    expect(
      splitReasonText(
        'M4',
        'Alert:This is the last payment.Start: 01/01/1997 | Last Modified: 04/01/2007Notes: (Modified 4/1/07)',
      ),
    ).toEqual({
      code: 'M4',
      description: 'Alert:This is the last payment.',
      start: '1997-01-01',
      lastModified: '2007-04-01',
      notes: '(Modified 4/1/07)',
    });
    expect(() => splitReasonText('X', 'no dates here')).toThrow(/no "Start: mm\/dd\/yyyy"/);
  });

  it('rejects malformed files with the line', () => {
    expect(() =>
      parseReasonCodes('code,description\n"1","okStart: 01/01/1995"\n"1","dupStart: 01/01/1995"\n', 'f.csv'),
    ).toThrow(new ImportError('f.csv', 3, 'code 1 appears twice', 1));
    expect(() => parseReasonCodes('id,text\n', 'f.csv')).toThrow(ImportError);
  });

  it('loads the full official lists', async () => {
    const lists = await loadReasonCodes(join(codesetsDir(), 'other', 'x12-carc-rarc'));
    expect(lists.carc.size).toBe(308);
    expect(lists.rarc.size).toBe(1197);
    expect([...lists.carc.values()].filter((c) => c.stop)).toHaveLength(63);
    expect([...lists.rarc.values()].filter((c) => c.stop)).toHaveLength(79);
    expect(lists.carc.get('45')!.description).toMatch(/^Charge exceeds fee schedule/);
    const c15 = lists.carc.get('15')!;
    expect(activeOn(c15, '2017-01-01')).toBe(true);
    expect(activeOn(c15, '2019-01-01')).toBe(false);
  });

  it('maps groups and common codes to worklist buckets', () => {
    expect(GROUPS.CO.writeOff).toBe(true);
    expect(GROUPS.PR.patientOwes).toBe(true);
    expect(categorize('PR', '1')).toBe('patient-share');
    expect(categorize('CO', '45')).toBe('contractual');
    expect(categorize('CO', '50')).toBe('medical-necessity');
    expect(categorize('OA', '18')).toBe('duplicate');
    expect(categorize('OA', '999')).toBe('other');
    expect(needsWork('CO', '45')).toBe(false);
    expect(needsWork('CO', '16')).toBe(true);
  });
});
