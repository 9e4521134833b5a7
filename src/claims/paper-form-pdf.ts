import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { ClaimFormError, type FormField, type FormLayout } from './paper-form.js';

// 10 characters per inch and 6 lines per inch on US Letter: the grid both forms are printed on.
const PAGE = { width: 612, height: 792 };
const COL = 7.2;
const LINE = 12;
// The forms' drop-out red: scanners ignore it and read only the black data.
const INK = rgb(0.8, 0.15, 0.15);
const SHADE = rgb(0.99, 0.9, 0.9);
const DATA_SIZE = 10;
const LABEL_SIZE = 4.5;
const OPTION_SIZE = 5;

const xOf = (col: number) => (col - 1) * COL;
/** Top edge of a grid line. */
const topOf = (line: number) => PAGE.height - (line - 1) * LINE;
/** Baseline of data printed on a grid line. */
const baseOf = (line: number) => topOf(line) - LINE + 3;

interface Fonts {
  label: PDFFont;
  bold: PDFFont;
  data: PDFFont;
}

/** Small print, shrunk to fit `width` points when the option name is long. */
function drawSmall(
  page: PDFPage,
  font: PDFFont,
  text: string,
  x: number,
  y: number,
  size: number,
  width: number,
) {
  const fit = Math.min(size, (size * width) / Math.max(font.widthOfTextAtSize(text, size), 0.01));
  page.drawText(text, { x, y, size: fit, font, color: INK });
}

function drawLayout(page: PDFPage, layout: FormLayout, fonts: Fonts): void {
  const t = layout.title;
  page.drawText(t.text, { x: xOf(t.col), y: topOf(t.line) - 10, size: 11, font: fonts.bold, color: INK });
  page.drawText(t.subtitle, {
    x: xOf(t.col),
    y: topOf(t.line + 1) - 9,
    size: 5,
    font: fonts.label,
    color: INK,
  });
  for (const line of layout.shadedLines)
    page.drawRectangle({
      x: 0,
      y: topOf(line) - LINE,
      width: PAGE.width,
      height: LINE,
      color: SHADE,
      borderColor: INK,
      borderWidth: 0.3,
    });
  for (const [line, n] of layout.rowNumbers)
    page.drawText(n, { x: 1.5, y: baseOf(line), size: 7, font: fonts.bold, color: INK });
  for (const b of layout.boxes) {
    const top = topOf(b.line);
    page.drawRectangle({
      x: xOf(b.col),
      y: top - b.height * LINE,
      width: b.width * COL,
      height: b.height * LINE,
      borderColor: INK,
      borderWidth: 0.5,
    });
    drawSmall(page, fonts.label, b.label, xOf(b.col) + 1.5, top - 5, LABEL_SIZE, b.width * COL - 3);
  }
  for (const c of layout.captions)
    page.drawText(c.text, {
      x: xOf(c.col) + 1,
      y: topOf(c.line) - 5,
      size: LABEL_SIZE,
      font: fonts.label,
      color: INK,
    });
  for (const r of layout.rules)
    page.drawLine({
      start: { x: xOf(r.col), y: topOf(r.fromLine) },
      end: { x: xOf(r.col), y: topOf(r.toLine + 1) },
      thickness: r.dashed ? 0.8 : 0.3,
      color: INK,
      ...(r.dashed ? { dashArray: [2, 1.5] } : {}),
    });
  // Each square is one character cell, so the data font's "X" lands inside it.
  for (const c of layout.checkboxes) {
    page.drawRectangle({
      x: xOf(c.col) + 0.1,
      y: baseOf(c.line) - 1,
      width: 7,
      height: 7,
      borderColor: INK,
      borderWidth: 0.5,
    });
    drawSmall(
      page,
      fonts.label,
      c.option,
      xOf(c.col + 1) + 1,
      baseOf(c.line),
      OPTION_SIZE,
      c.labelWidth * COL - 4,
    );
  }
}

function drawField(page: PDFPage, font: PDFFont, f: FormField): void {
  const width = font.widthOfTextAtSize(f.text, DATA_SIZE);
  const x = f.alignRight ? f.col * COL - width : xOf(f.col);
  page.drawText(f.text, { x, y: baseOf(f.line), size: DATA_SIZE, font, color: rgb(0, 0, 0) });
}

/**
 * Draws pages of a form: the layout in drop-out red (the official red-ink image is not ours to
 * ship) and each page's fields over it in 10-pitch Courier, as OCR expects.
 */
export async function renderForm(
  layout: FormLayout,
  docTitle: string,
  pages: FormField[][],
): Promise<Uint8Array> {
  if (pages.length === 0) throw new ClaimFormError(`${docTitle.trim()}: no claims to print`);
  const doc = await PDFDocument.create();
  doc.setTitle(docTitle);
  doc.setProducer('medcoder');
  const [label, bold, data] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.Courier),
  ]);
  for (const fields of pages) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    drawLayout(page, layout, { label, bold, data });
    for (const f of fields) drawField(page, data, f);
  }
  return doc.save();
}
