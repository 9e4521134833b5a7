/**
 * Codes as links into the Tabular browser. The Index and the Tabular notes print codes a coder
 * must complete ("I21.-", "S72.0-", "(E08.-)"): the link goes to the category or subcategory
 * the dash stands under, where the Tabular lists the choices.
 */
export function tabularTarget(printed: string): string | null {
  const m = /^([A-Za-z][0-9][0-9A-Za-z])(?:\.?([0-9A-Za-z]{1,4}))?(?:\.?-+)?$/.exec(printed.trim());
  if (!m) return null;
  const category = (m[1] as string).toUpperCase();
  return `code:${m[2] ? `${category}.${m[2].toUpperCase()}` : category}`;
}
