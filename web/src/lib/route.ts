/**
 * Hash routes (`#/encounters/12`): the server only has to serve index.html at `/`, and a
 * reload or a shared link lands on the same page. Pure parsing, so unknown paths are tested.
 */
export type Route =
  | { page: 'worklist' }
  | { page: 'encounter'; id: string }
  | { page: 'claims' }
  | { page: 'claim'; id: string }
  | { page: 'remits' }
  | { page: 'denials' }
  | { page: 'dashboard' }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length === 0) {
    if (first === undefined) return { page: 'worklist' };
    if (second === undefined) {
      if (first === 'worklist') return { page: 'worklist' };
      if (first === 'claims') return { page: 'claims' };
      if (first === 'remits') return { page: 'remits' };
      if (first === 'denials') return { page: 'denials' };
      if (first === 'dashboard') return { page: 'dashboard' };
    } else {
      if (first === 'encounters') return { page: 'encounter', id: second };
      if (first === 'claims') return { page: 'claim', id: second };
    }
  }
  return { page: 'not-found', path };
}

export function href(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'encounter':
      return `#/encounters/${encodeURIComponent(route.id)}`;
    case 'claim':
      return `#/claims/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.page}`;
  }
}
