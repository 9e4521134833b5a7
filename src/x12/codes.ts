/**
 * The character codes of a text, one per UTF-16 unit, for reading it by position: a typed
 * array load is about twice as fast as `charCodeAt` in the scan loops (which dispatches on the
 * string's representation at every call). A chunk of a file that is all ASCII is its own codes
 * (its bytes: see readSets); other text is copied here, into bytes when every code fits.
 */
export type Codes = Uint8Array | Uint16Array;

export function codesOf(text: string): Codes {
  const n = text.length;
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) {
      const wide = new Uint16Array(n);
      for (let j = 0; j < n; j++) wide[j] = text.charCodeAt(j);
      return wide;
    }
    bytes[i] = c;
  }
  return bytes;
}
