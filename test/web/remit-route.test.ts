import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../web/src/lib/route.js';

describe('remittance routes', () => {
  it('parses #/remits and #/remits/12 and builds them back; anything else is not found', () => {
    expect(parseRoute('#/remits')).toEqual({ page: 'remits' });
    expect(parseRoute('#/remits/12')).toEqual({ page: 'remit', id: '12' });
    expect(href({ page: 'remit', id: '12' })).toBe('#/remits/12');
    expect(parseRoute('#/remits/held')).toEqual({ page: 'not-found', path: '/remits/held' });
    expect(parseRoute('#/remits/0')).toEqual({ page: 'not-found', path: '/remits/0' });
    expect(parseRoute('#/remits/12/x')).toEqual({ page: 'not-found', path: '/remits/12/x' });
  });
});
