import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { cms1500Pages, FORM_BOXES, type FormField } from './cms1500.js';
import type { Claim } from './model.js';

// 10 characters per inch and 6 lines per inch on US Letter: the grid the form is printed on.
const PAGE = { width: 612, height: 792 };
const COL = 7.2;
const LINE = 12;
// The form's drop-out red: scanners ignore it and read only the black data.
const INK = rgb(0.8, 0.15, 0.15);
const SHADE = rgb(0.99, 0.9, 0.9);

const xOf = (col: number) => (col - 1) * COL;
/** Top edge of a grid line. */
const topOf = (line: number) => PAGE.height - (line - 1) * LINE;

function drawForm(page: PDFPage, label: PDFFont, bold: PDFFont): void {
  page.drawText('HEALTH INSURANCE CLAIM FORM', {
    x: xOf(2),
    y: topOf(4) - 10,
    size: 11,
    font: bold,
    color: INK,
  });
  page.drawText('APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12', {
    x: xOf(2),
    y: topOf(5) - 9,
    size: 5,
    font: label,
    color: INK,
  });
  for (const box of FORM_BOXES) {
    const top = topOf(box.line);
    page.drawRectangle({
      x: xOf(box.col),
      y: top - box.height * LINE,
      width: box.width * COL,
      height: box.height * LINE,
      borderColor: INK,
      borderWidth: 0.5,
    });
    page.drawText(box.label, {
      x: xOf(box.col) + 1.5,
      y: top - 5,
      size: 4.5,
      font: label,
      color: INK,
      maxWidth: box.width * COL - 3,
    });
  }
  // Box 24: six service lines, each under a shaded supplemental line, with its column rules.
  for (let row = 0; row < 6; row++) {
    const shaded = 44 + row * 2;
    page.drawRectangle({
      x: 0,
      y: topOf(shaded) - LINE,
      width: PAGE.width,
      height: LINE,
      color: SHADE,
      borderColor: INK,
      borderWidth: 0.3,
    });
    page.drawText(String(row + 1), { x: 1.5, y: topOf(shaded + 1) - 9, size: 7, font: bold, color: INK });
  }
  for (const col of [10, 19, 22, 25, 32, 35, 38, 41, 44, 50, 59, 63, 66, 68]) {
    page.drawLine({
      start: { x: xOf(col), y: topOf(44) },
      end: { x: xOf(col), y: topOf(56) },
      thickness: 0.3,
      color: INK,
    });
  }
}

function drawField(page: PDFPage, font: PDFFont, f: FormField): void {
  const size = 10;
  const width = font.widthOfTextAtSize(f.text, size);
  const x = f.alignRight ? f.col * COL - width : xOf(f.col);
  page.drawText(f.text, { x, y: topOf(f.line) - LINE + 3, size, font, color: rgb(0, 0, 0) });
}

/**
 * Renders professional claims as CMS-1500 (02/12) pages (one form or more per claim): the form (boxes, labels, the box 24
 * line grid) is drawn in drop-out red since the official red-ink image is not ours to ship, and
 * the data from cms1500Pages is printed over it in 10-pitch Courier, as OCR expects.
 */
export async function renderCms1500(claims: Claim | readonly Claim[]): Promise<Uint8Array> {
  const list: readonly Claim[] = Array.isArray(claims) ? claims : [claims as Claim];
  // Place every claim before drawing any, so a bad one fails before work is done.
  const pages = list.flatMap((c) => cms1500Pages(c));
  const doc = await PDFDocument.create();
  doc.setTitle(`CMS-1500 ${list.map((c) => c.patientControlNumber).join(', ')}`);
  doc.setProducer('medcoder');
  const [label, bold, courier] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.Courier),
  ]);
  for (const fields of pages) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    drawForm(page, label, bold);
    for (const f of fields) drawField(page, courier, f);
  }
  return doc.save();
}
