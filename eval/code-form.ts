/** Puts a code in the Tabular's form: upper case, dot after the category ("e1122" → "E11.22"). */
export function dotted(code: string): string {
  const bare = code.trim().toUpperCase().replace(/\./g, '');
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

/** The 3-character category a code belongs to ("E11.22" → "E11"). */
export function categoryOf(code: string): string {
  return dotted(code).slice(0, 3);
}
