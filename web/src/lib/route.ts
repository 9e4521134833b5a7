import type { IndexKind } from '../api/types.js';

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
  /** One posted remittance. */
  | { page: 'remit'; id: string }
  | { page: 'denials' }
  | { page: 'dashboard' }
  /** The Tabular List at a `browse` target (`chapter:4`, `section:E08-E13`, `code:E11.9`; '' = chapters). */
  | { page: 'tabular'; target: string }
  /** The Alphabetic Index (or External Cause Index): main terms by prefix, or one term. */
  | { page: 'index'; kind: IndexKind; prefix: string }
  | { page: 'index-term'; kind: IndexKind; id: string }
  | { page: 'transitions' }
  /** The audit log (admins and auditors). */
  | { page: 'audit' }
  /** Accounts (admin). */
  | { page: 'users' }
  /** Change one's own password. */
  | { page: 'password' }
  /** Coding quality: the report and samples, one sample, one sampled chart. */
  | { page: 'qa' }
  | { page: 'qa-sample'; id: string }
  | { page: 'qa-item'; id: string }
  /** The provider's physician queries, or one of them. */
  | { page: 'queries' }
  | { page: 'query'; id: string }
  /** The ICD-10-PCS builder at a prefix ('' = choose the section). */
  | { page: 'pcs'; prefix: string }
  | { page: 'not-found'; path: string };

/** URL folder of each index. */
const INDEX_PATH: Record<IndexKind, string> = { disease: 'index', eindex: 'external-causes' };

function indexKindOf(folder: string | undefined): IndexKind | null {
  if (folder === INDEX_PATH.disease) return 'disease';
  if (folder === INDEX_PATH.eindex) return 'eindex';
  return null;
}

/** Encoded for a hash path, keeping the `:` of a browse target readable. */
const segment = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ':');

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  const kind = indexKindOf(first);
  if (kind) {
    if (second === undefined) return { page: 'index', kind, prefix: 'a' };
    if (rest.length === 0) return { page: 'index', kind, prefix: second };
    if (second === 'term' && rest.length === 1 && /^[1-9][0-9]{0,9}$/.test(rest[0] as string))
      return { page: 'index-term', kind, id: rest[0] as string };
  }
  if (first === 'qa') {
    if (second === undefined) return { page: 'qa' };
    const id = rest[0];
    if (rest.length === 1 && id !== undefined && /^[1-9][0-9]{0,9}$/.test(id)) {
      if (second === 'samples') return { page: 'qa-sample', id };
      if (second === 'items') return { page: 'qa-item', id };
    }
  }
  if (first === 'tabular' && rest.length === 0) return { page: 'tabular', target: second ?? '' };
  if (first === 'pcs' && rest.length === 0 && /^[0-9A-Za-z]{0,7}$/.test(second ?? ''))
    return { page: 'pcs', prefix: (second ?? '').toUpperCase() };
  if (rest.length === 0) {
    if (first === undefined) return { page: 'worklist' };
    if (second === undefined) {
      if (first === 'worklist') return { page: 'worklist' };
      if (first === 'claims') return { page: 'claims' };
      if (first === 'remits') return { page: 'remits' };
      if (first === 'denials') return { page: 'denials' };
      if (first === 'dashboard') return { page: 'dashboard' };
      if (first === 'transitions') return { page: 'transitions' };
      if (first === 'audit') return { page: 'audit' };
      if (first === 'users') return { page: 'users' };
      if (first === 'password') return { page: 'password' };
      if (first === 'queries') return { page: 'queries' };
    } else {
      if (first === 'encounters') return { page: 'encounter', id: second };
      if (first === 'claims') return { page: 'claim', id: second };
      if (first === 'queries') return { page: 'query', id: second };
      if (first === 'remits' && /^[1-9][0-9]{0,9}$/.test(second)) return { page: 'remit', id: second };
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
    case 'query':
      return `#/queries/${encodeURIComponent(route.id)}`;
    case 'remit':
      return `#/remits/${encodeURIComponent(route.id)}`;
    case 'qa-sample':
      return `#/qa/samples/${encodeURIComponent(route.id)}`;
    case 'qa-item':
      return `#/qa/items/${encodeURIComponent(route.id)}`;
    case 'tabular':
      return route.target ? `#/tabular/${segment(route.target)}` : '#/tabular';
    case 'pcs':
      return route.prefix ? `#/pcs/${segment(route.prefix)}` : '#/pcs';
    case 'index':
      return `#/${INDEX_PATH[route.kind]}/${segment(route.prefix)}`;
    case 'index-term':
      return `#/${INDEX_PATH[route.kind]}/term/${segment(route.id)}`;
    default:
      return `#/${route.page}`;
  }
}
