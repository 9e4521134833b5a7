import { humanState } from './format.js';

/**
 * An encounter history event in words, for the history panel: what each known detail means
 * ("codes E11.65, I10", "new → suggested", "query 3 about the stage of chronic kidney
 * disease"), any other field as "name: value". Never raw JSON.
 */
const ACTIONS: Record<string, string> = {
  import: 'imported the note',
  suggest: 'ran the coding engine',
  assign: 'assignment',
  'save-codes': 'saved the codes',
  complete: 'finished coding',
  'build-claim': 'built the claim',
  submit: 'submitted the claim',
  paid: 'payment posted',
  denied: 'denial posted',
  'query-asked': 'asked a physician query',
  'query-answered': 'answered a physician query',
  'query-closed': 'closed a physician query',
  'query-withdrawn': 'withdrew a physician query',
};

export function describeAction(action: string): string {
  return ACTIONS[action] ?? action.replace(/-/g, ' ');
}

const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function value(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(value).join(', ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${words(k)} ${value(x)}`)
      .join(', ');
  return String(v);
}

export function describeDetail(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return value(detail);
  const d = { ...(detail as Record<string, unknown>) };
  const parts: string[] = [];
  const take = (key: string) => {
    const v = d[key];
    delete d[key];
    return v;
  };
  const from = take('from');
  const to = take('to');
  const queryId = take('queryId');
  const element = take('element');
  if (queryId !== undefined) parts.push(`query ${queryId}${element ? ` about the ${element}` : ''}`);
  else if (element !== undefined) parts.push(`about the ${element}`);
  const kind = take('kind');
  if (kind === 'free-text') parts.push('free text');
  else if (kind === 'template') parts.push("the engine's template");
  const provider = take('provider');
  if (provider !== undefined) parts.push(`to ${provider}`);
  const option = take('option');
  const answer = take('answer');
  if (answer !== undefined)
    parts.push(`answer “${option && option !== answer ? `${option}: ` : ''}${answer}”`);
  const codes = take('codes');
  if (Array.isArray(codes)) parts.push(codes.length ? `codes ${codes.join(', ')}` : 'no codes');
  const queries = take('queries');
  if (typeof queries === 'number') parts.push(`${queries} ${queries === 1 ? 'query' : 'queries'} proposed`);
  const fiscalYear = take('fiscalYear');
  if (fiscalYear !== undefined) parts.push(`FY${fiscalYear} code set`);
  const format = take('format');
  if (format !== undefined) parts.push(`${format} note`);
  for (const [k, v] of Object.entries(d)) parts.push(`${words(k)}: ${value(v)}`);
  // A state change, or (when the states did not move) whatever went from one value to another.
  if (from !== undefined || to !== undefined) {
    const show = (x: unknown) => (typeof x === 'string' ? humanState(x) : x === null ? 'nobody' : value(x));
    parts.push(`${show(from)} → ${show(to)}`);
  }
  return parts.join('; ');
}
