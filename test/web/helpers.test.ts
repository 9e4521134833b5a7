import { describe, expect, it } from 'vitest';
import { queryString } from '../../web/src/api/client.js';
import { barLength, countAxis, niceMax, ticks } from '../../web/src/lib/chart.js';
import { readLine } from '../../web/src/lib/claim-lines.js';
import {
  dottedDiagnosis,
  formatCents,
  formatPercent,
  parseDollars,
  parsePointers,
} from '../../web/src/lib/format.js';
import { keyed } from '../../web/src/lib/keys.js';
import { href, parseRoute } from '../../web/src/lib/route.js';
import { isEditingTarget, shortcutFor } from '../../web/src/lib/shortcuts.js';

describe('shortcuts', () => {
  it('maps j/k/a/r/e and / to their actions, and ignores them while typing or with modifiers', () => {
    expect(['j', 'k', 'a', 'r', 'e', '/', '?'].map((key) => shortcutFor({ key }, false))).toEqual([
      'next',
      'previous',
      'accept',
      'reject',
      'replace',
      'search',
      'help',
    ]);
    expect(shortcutFor({ key: 'a' }, true)).toBeNull();
    expect(shortcutFor({ key: 'r', ctrlKey: true }, false)).toBeNull();
    expect(shortcutFor({ key: 'Escape' }, true)).toBe('close');
    expect(shortcutFor({ key: 'x' }, false)).toBeNull();
  });

  it('treats inputs, text areas, selects and editable elements as typing', () => {
    expect(isEditingTarget({ tagName: 'input' })).toBe(true);
    expect(isEditingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditingTarget(null)).toBe(false);
  });
});

describe('money and pointers', () => {
  it('reads typed dollars as integer cents and refuses what is not an amount', () => {
    expect(parseDollars('150')).toBe(15000);
    expect(parseDollars('$1,250.5')).toBe(125050);
    expect(parseDollars('0.07')).toBe(7);
    for (const bad of ['', '-5', '1.234', 'abc', '1e3']) expect(parseDollars(bad)).toBeNull();
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(null)).toBe('—');
    expect(formatPercent(0.256)).toBe('26%');
  });

  it('reads 1 to 4 distinct diagnosis pointers 1..12', () => {
    expect(parsePointers('1, 2 3')).toEqual([1, 2, 3]);
    for (const bad of ['', '0', '13', '1,1', '1,2,3,4,5', 'a']) expect(parsePointers(bad)).toBeNull();
  });

  it('checks claim lines: code shape, modifiers, units, charge and pointers within the reported codes', () => {
    const ok = { code: '99214', modifiers: '25', units: '1', charge: '150.00', pointers: '1,2' };
    expect(readLine(ok, 2)).toEqual({
      line: { code: '99214', modifiers: ['25'], units: 1, chargeCents: 15000, pointers: [1, 2] },
    });
    expect(readLine({ ...ok, code: 'g0439' }, 2)).toMatchObject({ line: { code: 'G0439' } });
    expect(readLine({ ...ok, code: '9921' }, 2)).toMatchObject({ error: expect.stringContaining('9921') });
    expect(readLine({ ...ok, modifiers: '25 59 XS LT RT' }, 2)).toMatchObject({ error: expect.any(String) });
    expect(readLine({ ...ok, units: '0' }, 2)).toMatchObject({ error: expect.stringContaining('units') });
    expect(readLine({ ...ok, charge: '0' }, 2)).toMatchObject({ error: expect.stringContaining('charge') });
    expect(readLine({ ...ok, pointers: '3' }, 2)).toMatchObject({
      error: 'diagnosis pointer 3: only 2 diagnosis code(s) are reported',
    });
  });
});

describe('charts', () => {
  it('picks a round axis maximum and never divides by zero', () => {
    expect(niceMax([])).toBe(1);
    expect(niceMax([0, 0])).toBe(1);
    expect(niceMax([7])).toBe(10);
    expect(niceMax([0.04])).toBe(0.05);
    expect(niceMax([230])).toBe(250);
    expect(niceMax([1000])).toBe(1000);
    expect(barLength(5, 10, 200)).toBe(100);
    expect(barLength(-1, 10, 200)).toBe(0);
    expect(barLength(50, 10, 200)).toBe(200);
    expect(ticks(100)).toEqual([0, 25, 50, 75, 100]);
  });

  it('gives count axes whole-number ticks', () => {
    for (const values of [[], [1], [3], [7], [13], [23], [180]]) {
      const axis = countAxis(values);
      expect(axis.max).toBeGreaterThanOrEqual(Math.max(4, ...values));
      const step = axis.max / axis.ticks;
      expect(Number.isInteger(step), `${values}: ${axis.max}/${axis.ticks}`).toBe(true);
    }
    expect(countAxis([1])).toEqual({ max: 4, ticks: 4 });
    expect(countAxis([7])).toEqual({ max: 10, ticks: 5 });
  });
});

describe('routes and queries', () => {
  it('parses hash routes and round-trips links', () => {
    expect(parseRoute('')).toEqual({ page: 'worklist' });
    expect(parseRoute('#/encounters/42')).toEqual({ page: 'encounter', id: '42' });
    expect(parseRoute('#/claims/7/')).toEqual({ page: 'claim', id: '7' });
    expect(parseRoute('#/denials')).toEqual({ page: 'denials' });
    expect(parseRoute('#/encounters/1/extra')).toEqual({ page: 'not-found', path: '/encounters/1/extra' });
    expect(parseRoute(href({ page: 'encounter', id: 'a b' }))).toEqual({ page: 'encounter', id: 'a b' });
    // The provider's queries, and one of them.
    expect(parseRoute('#/queries')).toEqual({ page: 'queries' });
    expect(parseRoute(href({ page: 'query', id: '12' }))).toEqual({ page: 'query', id: '12' });
  });

  it('leaves unset filters out of the query string', () => {
    expect(queryString({ state: 'new', payer: '', assignee: undefined, minAgeDays: 0 })).toBe(
      '?state=new&minAgeDays=0',
    );
    expect(queryString({})).toBe('');
  });

  it('gives repeated items distinct, stable keys', () => {
    expect(keyed(['a', 'b', 'a'], (x) => x).map((k) => k.key)).toEqual(['a', 'b', 'a#1']);
  });
});

describe('dottedDiagnosis', () => {
  it('puts the dot after the category, as the Tabular prints codes (claims carry them without it)', () => {
    expect(['E1165', 'I10', 'Z7984', 'S72001A', 'e11.65', ' N183 '].map(dottedDiagnosis)).toEqual([
      'E11.65',
      'I10',
      'Z79.84',
      'S72.001A',
      'E11.65',
      'N18.3',
    ]);
  });
});
