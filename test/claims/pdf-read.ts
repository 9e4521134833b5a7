import { unzlibSync } from 'fflate';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

/**
 * Reads back what a paper-form PDF draws, from the page content streams alone: every text
 * (string, position, size) and every stroked path (rectangles and lines), in page coordinates.
 * It interprets the operators pdf-lib writes (q/Q/cm, m/l/h/re/S, BT, Tf, TL, Tm, Tj, T-star, ET), so
 * tests check what a reader of the printed page sees, not the placement model that made it.
 */

export interface DrawnText {
  text: string;
  x: number;
  y: number;
  size: number;
  /** Approximate width: Courier is 0.6 em per character; other fonts are only used for labels. */
  width: number;
}
export interface DrawnRect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface DrawnLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  dashed: boolean;
}
export interface DrawnPage {
  texts: DrawnText[];
  rects: DrawnRect[];
  lines: DrawnLine[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

function contentOf(doc: PDFDocument, pageIndex: number): string {
  const node = doc.getPage(pageIndex).node;
  const contents = node.get(PDFName.of('Contents'));
  const refs: PDFRef[] =
    contents instanceof PDFArray ? (contents.asArray() as PDFRef[]) : contents ? [contents as PDFRef] : [];
  return refs
    .map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream type');
      return Buffer.from(unzlibSync(stream.contents)).toString('latin1');
    })
    .join('\n');
}

function interpret(content: string): DrawnPage {
  const page: DrawnPage = { texts: [], rects: [], lines: [] };
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let dashed = false;
  let path: [number, number][][] = [];
  let size = 0;
  let leading = 0;
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  const operands: string[] = [];
  const tokens = content.match(/<[0-9A-Fa-f]*>|\[[^\]]*\]|\/[^\s/[\]<>()]+|[^\s[\]<>/]+/g) ?? [];
  for (const token of tokens) {
    if (/^[-\d.]/.test(token) || token.startsWith('<') || token.startsWith('[') || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    const num = (i: number) => Number(operands[i]);
    switch (token) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        break;
      case 'cm':
        ctm = multiply([num(0), num(1), num(2), num(3), num(4), num(5)], ctm);
        break;
      case 'd':
        dashed = operands[0] !== '[]';
        break;
      case 'm':
        path.push([apply(ctm, num(0), num(1))]);
        break;
      case 'l':
        path.at(-1)?.push(apply(ctm, num(0), num(1)));
        break;
      case 're': {
        const [x, y, w, h] = [num(0), num(1), num(2), num(3)];
        path.push([apply(ctm, x, y), apply(ctm, x, y + h), apply(ctm, x + w, y + h), apply(ctm, x + w, y)]);
        break;
      }
      case 'S':
      case 's':
      case 'B':
      case 'b':
      case 'f':
      case 'n':
        if (token !== 'f' && token !== 'n') for (const sub of path) record(page, sub, dashed);
        path = [];
        break;
      case 'Tf':
        size = num(1);
        break;
      case 'TL':
        leading = num(0);
        break;
      case 'Tm':
        tm = [num(0), num(1), num(2), num(3), num(4), num(5)];
        break;
      case 'T*':
        tm = multiply([1, 0, 0, 1, 0, -leading], tm);
        break;
      case 'Tj': {
        const text = Buffer.from(operands[0]!.slice(1, -1), 'hex').toString('latin1');
        const [x, y] = apply(multiply(tm, ctm), 0, 0);
        page.texts.push({ text, x, y, size, width: text.length * 0.6 * size });
        break;
      }
    }
    operands.length = 0;
  }
  return page;
}

/** A closed four-point axis-aligned path is a rectangle; a two-point path is a line. */
function record(page: DrawnPage, points: [number, number][], dashed: boolean): void {
  // pdf-lib repeats the start point of lines (m then m): drop consecutive duplicates.
  const pts = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
  if (pts.length === 2) {
    page.lines.push({ x1: pts[0]![0], y1: pts[0]![1], x2: pts[1]![0], y2: pts[1]![1], dashed });
    return;
  }
  if (pts.length === 4) {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    page.rects.push({ x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y });
  }
}

export async function readPdfPages(bytes: Uint8Array): Promise<DrawnPage[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((_, i) => interpret(contentOf(doc, i)));
}

const inside = (r: DrawnRect, x: number, y: number) =>
  x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
const area = (r: DrawnRect) => r.w * r.h;

/**
 * A form box: a rectangle whose label (small text at its top-left) is `title`, or else starts
 * with it.
 */
export function boxTitled(page: DrawnPage, title: string): DrawnRect {
  const titled = (match: (label: string) => boolean) =>
    page.rects.filter((r) =>
      page.texts.some(
        (t) =>
          t.size < 6 &&
          match(t.text) &&
          Math.abs(t.x - (r.x + 1.5)) < 0.5 &&
          Math.abs(t.y - (r.y + r.h - 5)) < 0.5,
      ),
    );
  const exact = titled((label) => label === title);
  const found = exact.length ? exact : titled((label) => label.startsWith(title));
  if (found.length !== 1) throw new Error(`${found.length} boxes titled "${title}"`);
  return found[0]!;
}

/** The black data printed inside a box (10-point text), top to bottom, left to right. */
export function dataIn(page: DrawnPage, box: DrawnRect): DrawnText[] {
  return page.texts
    .filter((t) => t.size === 10 && inside(box, t.x + 0.1, t.y + 1))
    .sort((a, b) => b.y - a.y || a.x - b.x);
}

/** The red small print inside a box (its label, captions), top to bottom, left to right. */
export function labelsIn(page: DrawnPage, box: DrawnRect): string[] {
  return page.texts
    .filter((t) => t.size < 6 && inside(box, t.x, t.y))
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((t) => t.text);
}

/**
 * The check boxes inside a box, each with the option label printed to its right and whether an
 * "X" in the data font is drawn inside its square.
 */
export function checkboxesIn(page: DrawnPage, box: DrawnRect): { option: string; checked: boolean }[] {
  const squares = page.rects.filter(
    (r) =>
      r.w < 9 && Math.abs(r.w - r.h) < 0.01 && inside(box, r.x, r.y) && inside(box, r.x + r.w, r.y + r.h),
  );
  // Only squares whose smallest enclosing box is this one (not a box nested inside it).
  const own = squares.filter((s) => {
    const enclosing = page.rects.filter(
      (r) => r.w >= 9 && inside(r, s.x, s.y) && inside(r, s.x + s.w, s.y + s.h),
    );
    return enclosing.every((r) => area(r) >= area(box));
  });
  return own
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((s) => {
      const label = page.texts.find(
        (t) => t.size < 6 && t.x > s.x + s.w && t.x < s.x + s.w + 3 && t.y >= s.y && t.y <= s.y + s.h,
      );
      const checked = page.texts.some(
        (t) => t.size === 10 && t.text === 'X' && inside(s, t.x + t.width / 2, t.y + 3),
      );
      return { option: label?.text ?? '?', checked };
    });
}

/** The options marked in a box. */
export const checkedIn = (page: DrawnPage, title: string) =>
  checkboxesIn(page, boxTitled(page, title))
    .filter((c) => c.checked)
    .map((c) => c.option);

/**
 * An amount read from a box the way a person reads the form: the digits left of a dashed
 * dollars/cents rule and the two right of it, on the line at height `y` (default: the box's
 * only amount). Fails when no rule separates them.
 */
export function amountIn(page: DrawnPage, box: DrawnRect, y?: number): { dollars: string; cents: string } {
  const digits = dataIn(page, box).filter((t) => /^\d+$/.test(t.text) && (y === undefined || t.y === y));
  const rules = page.lines.filter((l) => l.dashed && l.x1 === l.x2 && l.x1 > box.x && l.x1 < box.x + box.w);
  for (let i = 0; i + 1 < digits.length; i++) {
    const [d, c] = [digits[i]!, digits[i + 1]!];
    if (d.y !== c.y) continue;
    const rule = rules.find(
      (r) =>
        r.x1 >= d.x + d.width - 0.01 &&
        r.x1 <= c.x + 0.01 &&
        Math.min(r.y1, r.y2) <= d.y &&
        Math.max(r.y1, r.y2) >= d.y + 6,
    );
    if (rule && c.text.length === 2) return { dollars: d.text, cents: c.text };
  }
  throw new Error(`no dollars | cents split in the box at ${box.x},${box.y}`);
}

/**
 * The texts on one printed line of a box, grouped by the cells its solid vertical rules divide it
 * into (FL 67's code + POA cells): a value belongs to the cell a reader sees it in.
 */
export function cellsIn(page: DrawnPage, box: DrawnRect, y: number): string[][] {
  const edges = [
    box.x,
    ...page.lines
      .filter((l) => !l.dashed && l.x1 === l.x2 && l.x1 > box.x && l.x1 < box.x + box.w)
      .filter((l) => Math.min(l.y1, l.y2) <= y && Math.max(l.y1, l.y2) >= y + 6)
      .map((l) => l.x1),
    box.x + box.w,
  ].sort((a, b) => a - b);
  const texts = dataIn(page, box).filter((t) => t.y === y);
  return edges
    .slice(0, -1)
    .map((left, i) => texts.filter((t) => t.x >= left && t.x + t.width <= edges[i + 1]!).map((t) => t.text));
}
