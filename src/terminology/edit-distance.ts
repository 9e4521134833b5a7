/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded: returns
 * `max + 1` as soon as the distance must exceed `max`. Typos in clinical words and codes are
 * mostly one slip (a dropped, doubled, swapped or wrong key), so the callers ask for 1 to 3 and
 * the early exit keeps vocabulary scans cheap. The three DP rows are module-level buffers, so a
 * call allocates nothing (validate and search call this thousands of times per second; the
 * service is single-threaded JavaScript, so sharing the buffers is safe).
 */
let rows = new Int32Array(3 * 64);

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  const far = max + 1;
  // For a small bound (the typo callers ask for 1 or 2) only the diagonal band |i - j| <= max is
  // filled: a cell off it costs at least |i - j| > max, so it is read as max + 1, a lower bound
  // that changes no answer <= max, and a row is a few cells instead of the whole word.
  const band = max < 4 ? max : Math.max(la, lb);
  const width = lb + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  const buf = rows;
  // Row offsets into the shared buffer: two rows back, previous row, current row.
  let p2 = 0;
  let p1 = width;
  let cur = 2 * width;
  for (let j = 0; j <= lb; j++) buf[p1 + j] = j;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(i - band, 1);
    const hi = Math.min(i + band, lb);
    // The cell left of the band: column 0 is i edits, any other is off the band.
    buf[cur + lo - 1] = lo === 1 ? i : far;
    let rowMin = lo === 1 ? i : far;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = (buf[p1 + j - 1] as number) + (ca === cb ? 0 : 1);
      const del = (buf[p1 + j] as number) + 1;
      if (del < v) v = del;
      const ins = (buf[cur + j - 1] as number) + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const tr = (buf[p2 + j - 2] as number) + 1;
        if (tr < v) v = tr;
      }
      if (v > far) v = far;
      buf[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The cell right of the band, read by the next row.
    if (hi < lb) buf[cur + hi + 1] = far;
    if (rowMin > max) return far;
    const t = p2;
    p2 = p1;
    p1 = cur;
    cur = t;
  }
  const d = buf[p1 + lb] as number;
  return d > max ? far : d;
}
