import { describe, expect, it } from 'vitest';
import { tabularTarget } from '../../web/src/lib/code-target.js';
import { href, parseRoute } from '../../web/src/lib/route.js';

describe('codes as Tabular links', () => {
  it('goes to the category or subcategory an Index dash stands under', () => {
    expect(tabularTarget('I21.-')).toBe('code:I21');
    expect(tabularTarget('S72.0-')).toBe('code:S72.0');
    expect(tabularTarget('e11.9')).toBe('code:E11.9');
    expect(tabularTarget('E08.-')).toBe('code:E08');
    expect(tabularTarget('I21.A1')).toBe('code:I21.A1');
    expect(tabularTarget('heart')).toBeNull();
  });
});

describe('encoder routes', () => {
  it('parses and builds the Tabular, Index and transitions routes', () => {
    expect(parseRoute('#/tabular')).toEqual({ page: 'tabular', target: '' });
    expect(parseRoute('#/tabular/code:E11.9')).toEqual({ page: 'tabular', target: 'code:E11.9' });
    expect(parseRoute(href({ page: 'tabular', target: 'section:E08-E13' }))).toEqual({
      page: 'tabular',
      target: 'section:E08-E13',
    });
    expect(href({ page: 'tabular', target: 'chapter:4' })).toBe('#/tabular/chapter:4');
    expect(parseRoute('#/index')).toEqual({ page: 'index', kind: 'disease', prefix: 'a' });
    expect(parseRoute('#/index/att')).toEqual({ page: 'index', kind: 'disease', prefix: 'att' });
    expect(parseRoute('#/external-causes/term/12')).toEqual({ page: 'index-term', kind: 'eindex', id: '12' });
    expect(parseRoute(href({ page: 'index-term', kind: 'disease', id: '5' }))).toEqual({
      page: 'index-term',
      kind: 'disease',
      id: '5',
    });
    expect(parseRoute('#/index/term/abc').page).toBe('not-found');
    expect(parseRoute('#/tabular/a/b').page).toBe('not-found');
    expect(parseRoute('#/transitions')).toEqual({ page: 'transitions' });
  });
});
