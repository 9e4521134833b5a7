import { expect } from 'vitest';
import type { FormField, FormLayout } from '../../src/claims/paper-form.js';

/**
 * Every value of a page lies inside the box it belongs to, and no two values (or a value and a
 * check box's option label) share a character cell of the grid.
 */
export function expectPlacedInBoxes(layout: FormLayout, page: readonly FormField[]): void {
  const taken = new Map<string, string>();
  for (const c of layout.checkboxes)
    for (let col = c.col + 1; col <= c.col + c.labelWidth; col++)
      taken.set(`${c.line}:${col}`, `${c.box} ${c.option}`);
  for (const f of page) {
    const box = layout.boxes.find((b) => b.box === f.box);
    expect(box, `box ${f.box}`).toBeDefined();
    const first = f.alignRight ? f.col - f.text.length + 1 : f.col;
    const last = first + f.text.length - 1;
    expect(f.line, `${f.box} ${f.text}`).toBeGreaterThanOrEqual(box!.line);
    expect(f.line, `${f.box} ${f.text}`).toBeLessThan(box!.line + box!.height);
    expect(first, `${f.box} ${f.text}`).toBeGreaterThanOrEqual(box!.col);
    expect(last, `${f.box} ${f.text}`).toBeLessThan(box!.col + box!.width);
    for (let c = first; c <= last; c++) {
      const k = `${f.line}:${c}`;
      expect(taken.get(k), `${f.box} ${f.text} overlaps ${taken.get(k)}`).toBeUndefined();
      taken.set(k, `${f.box} ${f.text}`);
    }
  }
}
