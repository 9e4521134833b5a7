import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../web/src/lib/route.js';

describe('coding quality routes', () => {
  it('parses the report, a sample and an item, and writes them back', () => {
    expect(parseRoute('#/qa')).toEqual({ page: 'qa' });
    expect(parseRoute('#/qa/samples/12')).toEqual({ page: 'qa-sample', id: '12' });
    expect(parseRoute('#/qa/items/7/')).toEqual({ page: 'qa-item', id: '7' });
    for (const route of [
      { page: 'qa' },
      { page: 'qa-sample', id: '12' },
      { page: 'qa-item', id: '7' },
    ] as const)
      expect(parseRoute(href(route))).toEqual(route);
  });

  it('anything else under /qa is not found', () => {
    for (const path of ['/qa/samples', '/qa/samples/abc', '/qa/samples/0', '/qa/other/3', '/qa/items/3/x'])
      expect(parseRoute(`#${path}`)).toEqual({ page: 'not-found', path });
  });
});
