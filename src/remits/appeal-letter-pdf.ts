import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import type { AppealLetter } from './appeal-letter.js';

/**
 * The appeal letter as a US Letter PDF (pdf-lib, as the claim forms): Helvetica 10.5 pt, one-inch
 * margins, paragraphs wrapped to the measured width, as many pages as it takes. Characters the
 * standard font cannot encode (a CARC text may hold any Unicode) print as '?', never fail.
 */
const PAGE = { width: 612, height: 792 };
const MARGIN = 72;
const SIZE = 10.5;
const LEADING = 14;
const GAP = 10;

function encodable(font: PDFFont): (text: string) => string {
  const known = new Set(font.getCharacterSet());
  return (text) => [...text].map((ch) => (known.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

/** Wraps to `width` points; a word wider than the line is broken where it must be. */
function wrapMeasured(text: string, font: PDFFont, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, SIZE) <= width;
  const out: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      if (line) out.push(line);
      out.push(word.slice(0, cut));
      line = '';
      word = word.slice(cut);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (line && !fits(candidate)) {
      out.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) out.push(line);
  return out;
}

export async function renderAppealLetter(letter: AppealLetter): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(letter.title);
  doc.setCreator('medcoder');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const clean = encodable(font);
  const width = PAGE.width - 2 * MARGIN;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const draw = (text: string, f: PDFFont, indent = 0) => {
    if (y < MARGIN + LEADING) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN;
    }
    y -= LEADING;
    if (text) page.drawText(text, { x: MARGIN + indent, y, size: SIZE, font: f });
  };
  for (const block of letter.blocks) {
    switch (block.kind) {
      case 'lines':
        for (const l of block.lines) draw(clean(l), font);
        break;
      case 'heading':
        for (const l of wrapMeasured(clean(block.text), bold, width)) draw(l, bold);
        break;
      case 'paragraph':
        for (const l of wrapMeasured(clean(block.text), font, width)) draw(l, font);
        break;
      case 'list':
        for (const item of block.items)
          wrapMeasured(clean(item), font, width - 18).forEach((l, i) => {
            draw(l, font, 18);
            if (i === 0) page.drawText('-', { x: MARGIN + 6, y, size: SIZE, font });
          });
        break;
    }
    y -= GAP;
  }
  return doc.save();
}
