import type { SaxesTagPlain } from 'saxes';
import { CATEGORY_PATTERN } from '../../terminology/code-format.js';
import { streamXml, XmlContentError } from '../xml-stream.js';
import {
  type IndexCell,
  type IndexFile,
  type IndexKind,
  type IndexTerm,
  indexKindOf,
  NO_CODE_CELLS,
  type TableHeading,
} from './index-model.js';

/**
 * Parses the Index to Diseases and Injuries (`disease`) or the External Cause of Injuries Index
 * (`eindex`). Streams the file; any structural problem is an ImportError with file:line:column.
 */
export function parseIndex(
  file: string,
  kind: 'disease' | 'eindex',
  onProgress?: (bytesRead: number) => void,
): Promise<IndexFile> {
  return parseIndexDocument(file, kind, onProgress);
}

/** Reference elements of a term: each may appear once and holds plain text. */
const REFERENCES = {
  code: 'code',
  manif: 'manif',
  see: 'see',
  seeAlso: 'seeAlso',
  seecat: 'seeCat',
  subcat: 'subcat',
} as const satisfies Record<string, keyof IndexTerm>;
type ReferenceElement = keyof typeof REFERENCES;

/**
 * A code as the index prints it: category, optional dot and up to 4 characters, optional
 * trailing `-` for "more characters needed" (E11.22, S32.40-, D05.-, W20-). `manif` is not
 * checked: the FY2023 index prints one as an abbreviation ("SCFE").
 */
const CODE = new RegExp(`^${CATEGORY_PATTERN}(\\.[0-9A-Z]{0,4})?-?$`);

const ROOT = 'ICD10CM.index';
const MAX_LEVEL = 99;

/** What the text handler is collecting into, if anything. */
type Capture =
  | 'none'
  | 'version'
  | 'docTitle'
  | 'letterTitle'
  | 'termTitle'
  | 'nemod'
  | 'reference'
  | 'head'
  | 'cell';

/**
 * The parser shared by the four files, which have one schema (`letter` → `mainTerm` → `term
 * level=n`, plus `indexHeading`/`cell` for the tables). Checks, with the position of the
 * offending element: the root, that the file is the expected member of the family (see
 * `indexKindOf`), each term's title comes first and is not empty, level = parent's level + 1,
 * references appear once, codes look like codes, cell columns are declared by a heading other
 * than column 1 and appear once per term, and no unknown element or stray text.
 */
export async function parseIndexDocument(
  file: string,
  kind: IndexKind,
  onProgress?: (bytesRead: number) => void,
): Promise<IndexFile> {
  const isTable = kind === 'drug' || kind === 'neoplasm';
  const terms: IndexTerm[] = [];
  const headings: TableHeading[] = [];
  const open: IndexTerm[] = [];
  // Parallel to `open`: whether that term's <title> has been read (a title can be all nemod, so
  // an empty title string does not mean "no title yet").
  const titled: boolean[] = [];
  let version: string | undefined;
  let docTitle: string | undefined;
  let letter: string | undefined;
  let kindChecked = false;
  let capture: Capture = 'none';
  let buffer = '';
  let nemodBuffer = '';
  let hasNemod = false;
  let reference: ReferenceElement = 'code';
  let headCol = 0;
  let cellCol = 0;

  // After the first error the state no longer matches the document, and streamXml keeps feeding
  // the rest of its chunk; ignoring those events saves throwing one error per remaining element.
  let failed = false;
  const fail = (reason: string): never => {
    failed = true;
    throw new XmlContentError(reason);
  };
  const current = (element: string): IndexTerm => {
    const term = open[open.length - 1];
    if (!term) return fail(`<${element}> outside a <mainTerm> or <term>`);
    // A term's own title must come before anything else it contains (both XSDs put it first).
    if (!titled[titled.length - 1]) fail(`<${element}> before the <title> of its term`);
    return term;
  };
  const startCapture = (what: Capture) => {
    capture = what;
    buffer = '';
  };
  const checkKind = () => {
    if (kindChecked) return;
    kindChecked = true;
    const found = indexKindOf(
      docTitle,
      headings.map((h) => h.head),
    );
    if (found === undefined) fail(`unrecognised table headings: ${headings.map((h) => h.head).join(' | ')}`);
    if (found !== kind) fail(`this file is the ${LABELS[found as IndexKind]}, not the ${LABELS[kind]}`);
    if (isTable && !headings.some((h) => h.col === 1)) fail('no <head col="1"> (the term column)');
  };
  const newTerm = (parent: IndexTerm | undefined, level: number): IndexTerm => {
    const term: IndexTerm = {
      id: terms.length + 1,
      parentId: parent ? parent.id : null,
      level,
      letter: letter as string,
      title: '',
      nemod: null,
      code: null,
      manif: null,
      see: null,
      seeAlso: null,
      seeCat: null,
      subcat: null,
      cells: [],
    };
    terms.push(term);
    open.push(term);
    titled.push(false);
    return term;
  };

  const onOpen = (tag: SaxesTagPlain, path: readonly string[]) => {
    const name = tag.name;
    const parent = path.length > 1 ? path[path.length - 2] : undefined;
    if (parent === undefined) {
      if (name !== ROOT) fail(`not an ICD-10-CM index file: root element is <${name}>, expected <${ROOT}>`);
      return;
    }
    if (capture !== 'none' && !(capture === 'termTitle' && name === 'nemod')) {
      fail(`unexpected element <${name}> inside <${parent}>`);
    }
    switch (name) {
      case 'mainTerm': {
        if (parent !== 'letter') break;
        if (letter === undefined) fail('<mainTerm> before the <title> of its letter');
        checkKind();
        newTerm(undefined, 0);
        return;
      }
      case 'term': {
        if (parent !== 'mainTerm' && parent !== 'term') break;
        const up = current('term');
        const level = levelOf(tag.attributes.level);
        if (level !== up.level + 1) {
          fail(
            `term level ${tag.attributes.level ?? '(missing)'} under a level ${up.level} term (expected ${up.level + 1})`,
          );
        }
        newTerm(up, level);
        return;
      }
      case 'title': {
        if (parent === 'mainTerm' || parent === 'term') {
          // Anything else in the term would have failed in current() had the title been missing.
          if (titled[titled.length - 1]) fail(`second <title> in a <${parent}>`);
          hasNemod = false;
          nemodBuffer = '';
          startCapture('termTitle');
          return;
        }
        if (parent === 'letter') {
          if (letter !== undefined) fail('second <title> in a <letter>');
          startCapture('letterTitle');
          return;
        }
        if (parent === ROOT) {
          if (docTitle !== undefined || kindChecked) fail('unexpected document <title>');
          startCapture('docTitle');
          return;
        }
        break;
      }
      case 'nemod': {
        if (capture !== 'termTitle') break;
        if (hasNemod) fail('second <nemod> in one <title>');
        hasNemod = true;
        capture = 'nemod';
        return;
      }
      case 'code':
      case 'manif':
      case 'see':
      case 'seeAlso':
      case 'seecat':
      case 'subcat': {
        if (parent !== 'mainTerm' && parent !== 'term') break;
        const term = current(name);
        if (term[REFERENCES[name]] !== null) fail(`second <${name}> in one <${parent}>`);
        reference = name;
        startCapture('reference');
        return;
      }
      case 'cell': {
        if (parent !== 'mainTerm' && parent !== 'term') break;
        const term = current('cell');
        cellCol = columnOf(tag.attributes.col);
        if (!isTable) fail('<cell> in an index (only the Drug and Neoplasm tables have cells)');
        if (cellCol === 1) fail('<cell col="1">: column 1 is the term itself');
        if (!headings.some((h) => h.col === cellCol)) fail(`<cell col="${cellCol}"> has no column heading`);
        if (term.cells.some((c) => c.col === cellCol))
          fail(`second <cell col="${cellCol}"> in one <${parent}>`);
        startCapture('cell');
        return;
      }
      case 'letter': {
        if (parent !== ROOT) break;
        letter = undefined;
        return;
      }
      case 'version': {
        if (parent !== ROOT) break;
        if (version !== undefined || kindChecked) fail('unexpected <version>');
        startCapture('version');
        return;
      }
      case 'indexHeading': {
        if (parent !== ROOT) break;
        if (!isTable) fail(`<indexHeading> in the ${LABELS[kind]}: this file is a table`);
        if (headings.length > 0 || kindChecked) fail('unexpected <indexHeading>');
        return;
      }
      case 'head': {
        if (parent !== 'indexHeading') break;
        headCol = columnOf(tag.attributes.col);
        if (headings.some((h) => h.col === headCol)) fail(`second <head col="${headCol}">`);
        startCapture('head');
        return;
      }
    }
    fail(`unexpected element <${name}> inside <${parent}>`);
  };

  const onText = (text: string, path: readonly string[]) => {
    if (capture === 'nemod') nemodBuffer += text;
    else if (capture !== 'none') buffer += text;
    else if (/\S/.test(text))
      fail(`unexpected text "${clip(text)}" inside <${path[path.length - 1] ?? 'document'}>`);
  };

  const onClose = (name: string) => {
    switch (capture) {
      case 'nemod': {
        if (name !== 'nemod') return;
        const nemod = collapse(nemodBuffer);
        if (nemod === '') fail('empty <nemod>');
        (open[open.length - 1] as IndexTerm).nemod = nemod;
        capture = 'termTitle';
        return;
      }
      case 'termTitle': {
        // A title may be all nonessential modifier ("electric" → "(taser)"): title '' + nemod.
        const term = open[open.length - 1] as IndexTerm;
        term.title = collapse(buffer);
        if (term.title === '' && term.nemod === null) fail('empty term <title>');
        titled[titled.length - 1] = true;
        break;
      }
      case 'reference': {
        const value = collapse(buffer);
        if (value === '') fail(`empty <${name}>`);
        if (name === 'code' && !CODE.test(value)) fail(`<code> "${clip(value)}" is not an ICD-10-CM code`);
        (open[open.length - 1] as IndexTerm)[REFERENCES[reference]] = value;
        break;
      }
      case 'cell': {
        const value = collapse(buffer);
        if (NO_CODE_CELLS.has(value)) break;
        if (!CODE.test(value)) fail(`<cell col="${cellCol}"> "${clip(value)}" is neither a code nor "--"`);
        (open[open.length - 1] as IndexTerm).cells.push({ col: cellCol, code: value } satisfies IndexCell);
        break;
      }
      case 'head': {
        const head = collapse(buffer);
        if (head === '') fail(`empty <head col="${headCol}">`);
        headings.push({ col: headCol, head });
        break;
      }
      case 'letterTitle': {
        letter = collapse(buffer);
        if (letter === '') fail('empty letter <title>');
        break;
      }
      case 'docTitle':
        docTitle = collapse(buffer);
        break;
      case 'version':
        version = collapse(buffer);
        if (version === '') fail('empty <version>');
        break;
      case 'none':
        if (name === 'mainTerm' || name === 'term') {
          open.pop();
          if (!titled.pop()) fail(`<${name}> without a <title>`);
        } else if (name === 'letter' && letter === undefined) {
          fail('<letter> without a <title>');
        } else if (name === 'indexHeading' && headings.length === 0) {
          fail('<indexHeading> without any <head>');
        } else if (name === ROOT && terms.length === 0) {
          fail('no <mainTerm> in the file');
        }
        return;
    }
    capture = 'none';
  };

  await streamXml(
    file,
    {
      open: (tag, path) => failed || onOpen(tag, path),
      text: (text, path) => failed || onText(text, path),
      close: (name) => failed || onClose(name),
    },
    onProgress,
  );
  headings.sort((a, b) => a.col - b.col);
  return { kind, version, title: docTitle, headings, terms };
}

const LABELS: Record<IndexKind, string> = {
  disease: 'Index to Diseases and Injuries',
  eindex: 'External Cause of Injuries Index',
  drug: 'Table of Drugs and Chemicals',
  neoplasm: 'Neoplasm Table',
};

function levelOf(value: string | undefined): number {
  const n = value !== undefined && /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
  return n >= 1 && n <= MAX_LEVEL ? n : -1;
}

function columnOf(value: string | undefined): number {
  if (value === undefined || !/^\d{1,2}$/.test(value) || Number(value) < 1) {
    throw new XmlContentError(`col="${value ?? ''}" is not a column number`);
  }
  return Number(value);
}

/** Whitespace as a reader sees it: runs (including line breaks inside an element) become one space. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  const t = collapse(text);
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
