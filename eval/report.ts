import type { CaseReport, SetResult } from './harness.js';

const HEADERS = ['set', 'notes', 'precision', 'recall', 'F1 exact', 'F1 category', 'first-listed', 'notes/s'];

const fraction = (x: number) => x.toFixed(3);

/** The results as a fixed-width text table, one row per set. */
export function formatTable(rows: readonly SetResult[]): string {
  const cells = rows.map((r) => [
    r.errors > 0 ? `${r.name} (${r.errors} errors)` : r.name,
    String(r.score.notes),
    fraction(r.score.exact.precision),
    fraction(r.score.exact.recall),
    fraction(r.score.exact.f1),
    fraction(r.score.category.f1),
    r.score.firstListed === null ? 'n/a' : fraction(r.score.firstListed),
    r.notesPerSecond.toFixed(1),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The same table as Markdown, for pasting into EVALUATION.md. */
export function formatMarkdown(rows: readonly SetResult[]): string {
  const head = `| ${HEADERS.join(' | ')} |\n|${HEADERS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.score.notes} | ${fraction(r.score.exact.precision)} | ${fraction(r.score.exact.recall)} | ${fraction(r.score.exact.f1)} | ${fraction(r.score.category.f1)} | ${r.score.firstListed === null ? 'n/a' : fraction(r.score.firstListed)} | ${r.notesPerSecond.toFixed(1)} |`,
  );
  return [head, ...body].join('\n');
}

/** One line per note that was not coded perfectly: its misses and extras (codes only). */
export function formatMisses(reports: readonly CaseReport[]): string {
  const lines = reports
    .filter(
      (r) => r.falseNegatives.length > 0 || r.falsePositives.length > 0 || !r.firstListedRight || r.error,
    )
    .map((r) => {
      const parts = [r.id.padEnd(8)];
      if (r.error) parts.push(`ERROR ${r.error}`);
      if (!r.firstListedRight) parts.push('first-listed wrong;');
      if (r.falseNegatives.length > 0) parts.push(`missed ${r.falseNegatives.join(' ')};`);
      if (r.falsePositives.length > 0) parts.push(`extra ${r.falsePositives.join(' ')}`);
      return parts.join(' ');
    });
  return lines.length > 0 ? lines.join('\n') : 'every note coded exactly right';
}
