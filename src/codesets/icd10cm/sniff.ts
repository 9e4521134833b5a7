import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';
import type { Icd10cmFileKind } from '../../store/schema.js';
import { CATEGORY_PATTERN } from '../../terminology/code-format.js';
import { ImportError } from '../errors.js';
import { indexKindOf } from './index-model.js';

/** Enough for every header we read: the Drug table's headings end before byte 600. */
const HEAD_BYTES = 16 * 1024;

/**
 * Which ICD-10-CM release file this is, from its first 16 KB only, so a folder of downloads can
 * be sorted without parsing anything large: the XML root (`ICD10CM.tabular` / `ICD10CM.index`),
 * then for an index its title and table headings (see indexKindOf), or the order file's
 * fixed-width lines. Undefined for anything else (a PDF, a README, the PCS files …). Throws an
 * ImportError only when the file cannot be read.
 */
export async function sniffIcd10cmFile(file: string): Promise<Icd10cmFileKind | undefined> {
  const { text, whole } = await readHead(file);
  const xml = xmlHeader(text);
  if (xml) {
    if (xml.root === 'ICD10CM.tabular') return 'tabular';
    if (xml.root !== 'ICD10CM.index') return undefined;
    const kind = indexKindOf(xml.title, xml.heads);
    return kind === 'disease' ? 'index' : kind;
  }
  if (looksLikeOrderFile(text, whole)) return 'order';
  if (looksLikeCodesFile(text, whole)) return 'codes';
  return looksLikeAddenda(text) ? 'addenda' : undefined;
}

/**
 * The fiscal year in an XML file's `<version>` (the tabular, index and tables all carry one,
 * e.g. 2025); undefined when there is none or it is not a year, and for the order file, which
 * has no version inside.
 */
export async function fiscalYearOf(file: string): Promise<number | undefined> {
  const version = xmlHeader((await readHead(file)).text)?.version;
  return version !== undefined && /^(19|20)\d\d$/.test(version) ? Number(version) : undefined;
}

async function readHead(file: string): Promise<{ text: string; whole: boolean }> {
  if (/\.gz$/i.test(file)) return readGzipHead(file);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end decodes as U+FFFD, which no check below looks at.
    const text = buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '');
    return { text, whole: bytesRead < HEAD_BYTES };
  } catch (err) {
    throw new ImportError(basename(file), undefined, `cannot read file: ${(err as Error).message}`);
  } finally {
    await handle?.close();
  }
}

/** The first 16 KB of a gzipped file's content, decompressing no more than that. */
async function readGzipHead(file: string): Promise<{ text: string; whole: boolean }> {
  const raw = createReadStream(file);
  const gunzip = raw.pipe(createGunzip());
  raw.on('error', (err) => gunzip.destroy(err));
  const chunks: Buffer[] = [];
  let size = 0;
  let whole = true;
  try {
    for await (const chunk of gunzip) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= HEAD_BYTES) {
        whole = false;
        break;
      }
    }
  } catch (err) {
    throw new ImportError(basename(file), undefined, `cannot read gzipped file: ${(err as Error).message}`);
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
  const text = Buffer.concat(chunks)
    .subarray(0, HEAD_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { text, whole };
}

interface XmlHeader {
  root: string;
  version: string | undefined;
  /** The document-level `<title>` (a child of the root). */
  title: string | undefined;
  /** `indexHeading/head` texts in document order. */
  heads: string[];
}

/**
 * Reads the root element and its leading version/title/indexHeading from the start of an XML
 * document; stops looking at the first other element (a letter or the tabular introduction).
 * Undefined when the text does not start like XML or is not well-formed as far as it goes.
 */
function xmlHeader(text: string): XmlHeader | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  const parser = new SaxesParser();
  let header: XmlHeader | undefined;
  let broken = false;
  let done = false;
  let depth = 0;
  let capture: 'version' | 'title' | 'head' | undefined;
  let buffer = '';
  parser.on('error', () => {
    broken = true;
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (done) return;
    if (depth === 1) header = { root: tag.name, version: undefined, title: undefined, heads: [] };
    else if (depth === 2 && (tag.name === 'version' || tag.name === 'title')) capture = tag.name;
    else if (depth === 3 && tag.name === 'head') capture = 'head';
    else if (depth === 2 && tag.name !== 'indexHeading') done = true;
    buffer = '';
  });
  parser.on('text', (t) => {
    if (capture) buffer += t;
  });
  parser.on('closetag', () => {
    depth--;
    if (capture && header) {
      const value = buffer.replace(/\s+/g, ' ').trim();
      if (capture === 'head') header.heads.push(value);
      else header[capture] = value;
    }
    capture = undefined;
  });
  try {
    parser.write(text);
  } catch {
    broken = true;
  }
  return broken ? undefined : header;
}

/**
 * The order file's layout: order number (5 digits), code without dot (7, space-padded; letter then digit, which no ICD-10-PCS order file starts with), flag
 * (0/1), 60-character short title, long title, with single blanks between. Every complete line
 * in the head must fit; the last one may be cut off by the 16 KB limit unless the file ended.
 */
function looksLikeOrderFile(text: string, whole: boolean): boolean {
  const lines = text.split('\n');
  if (!whole) lines.pop();
  const filled = lines.map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  return filled.length > 0 && filled.every(isOrderLine);
}

function isOrderLine(line: string): boolean {
  return (
    /^\d{5} $/.test(line.slice(0, 6)) &&
    ORDER_CODE.test(line.slice(6, 13)) &&
    /^ [01] $/.test(line.slice(13, 16)) &&
    line.length > 77 &&
    line[76] === ' '
  );
}

const ORDER_CODE = new RegExp(`^${CATEGORY_PATTERN}[0-9A-Z]{0,4} *$`);
const CODES_LINE = new RegExp(`^${CATEGORY_PATTERN}[0-9A-Z ]{4} \\S`);
const ADDENDA_LINE = new RegExp(`^(Add|Delete|Revise from):\\s+${CATEGORY_PATTERN}[0-9A-Z]{0,4}\\s+\\S`);

/** Complete lines of the head, without CR and blank lines (the last may be cut off unless whole). */
function headLines(text: string, whole: boolean): string[] {
  const lines = text.split('\n');
  if (!whole) lines.pop();
  return lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
}

/**
 * The CDC codes file: a code without its dot padded to 7 characters (letter, digit, then letters
 * or digits: the ICD-10-PCS codes file starts with section 0 codes, all digits), a blank, a title.
 */
function looksLikeCodesFile(text: string, whole: boolean): boolean {
  const lines = headLines(text, whole);
  return lines.length > 0 && lines.every((l) => CODES_LINE.test(l) && /^\S+ *$/.test(l.slice(0, 7)));
}

/** The codes addenda: "Add:", "Delete:" or "Revise from:" and a code on the first line. */
function looksLikeAddenda(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return ADDENDA_LINE.test(first);
}
