/**
 * React keys for lists whose items have no id (history entries, remittance problems): the
 * item's own content, with a counter for repeats, so keys stay stable when the list grows.
 */
export function keyed<T>(items: readonly T[], describe: (item: T) => string): { item: T; key: string }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = describe(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { item, key: n === 0 ? base : `${base}#${n}` };
  });
}
