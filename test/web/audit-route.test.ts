import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../web/src/lib/route.js';

describe('audit log route', () => {
  it('parses #/audit and builds it back', () => {
    expect(parseRoute('#/audit')).toEqual({ page: 'audit' });
    expect(parseRoute('#/audit/')).toEqual({ page: 'audit' });
    expect(href({ page: 'audit' })).toBe('#/audit');
    expect(parseRoute('#/audit/12')).toEqual({ page: 'not-found', path: '/audit/12' });
  });
});
