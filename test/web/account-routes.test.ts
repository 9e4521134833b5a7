import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../web/src/lib/route.js';

describe('account routes', () => {
  it('parses #/users and #/password and builds them back; anything below them is not found', () => {
    for (const page of ['users', 'password'] as const) {
      expect(parseRoute(`#/${page}`)).toEqual({ page });
      expect(parseRoute(`#/${page}/`)).toEqual({ page });
      expect(href({ page })).toBe(`#/${page}`);
      expect(parseRoute(`#/${page}/3`)).toEqual({ page: 'not-found', path: `/${page}/3` });
    }
  });
});
