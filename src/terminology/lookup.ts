import { normalizeCode } from './code-format.js';
import { type CodeSet, ref } from './code-set.js';
import type { NoteBook } from './notes.js';
import type { BrowseNode, BrowseResult, CodeDetails } from './types.js';

/** Everything a coder checks in the Tabular for one code. Null when the code is not in the release. */
export function lookupCode(codes: CodeSet, notes: NoteBook, input: string): CodeDetails | null {
  const code = normalizeCode(input);
  const node = code ? codes.get(code) : undefined;
  if (!node) return null;
  const chapter = codes.chapterByNum.get(node.chapterNum) ?? {
    num: node.chapterNum,
    title: '',
    firstCode: null,
    lastCode: null,
  };
  const section = codes.sectionById.get(node.sectionId) ?? {
    id: node.sectionId,
    title: '',
    chapterNum: node.chapterNum,
  };
  return {
    code: node.code,
    title: node.title,
    shortTitle: node.shortTitle,
    billable: node.billable,
    header: node.children.length > 0,
    source: node.source,
    chapter,
    section,
    ancestors: codes.ancestors(node).map(ref),
    children: node.children.map(ref),
    notes: notes.effective(codes, node),
    seventh: codes.seventhFor(node.code),
    release: { fiscalYear: codes.release.fiscalYear, label: codes.release.label },
  };
}

/**
 * Children of a node in Tabular order: no target = the chapters; a chapter number = its
 * sections; a section id (`E08-E13`) = its categories; a code = its subcodes.
 */
export function browseCodes(codes: CodeSet, target?: string | number): BrowseResult | null {
  if (target === undefined || (typeof target === 'string' && target.trim() === '')) {
    return {
      node: { type: 'root', id: '', title: 'ICD-10-CM Tabular List', hasChildren: codes.chapters.length > 0 },
      children: codes.chapters.map((c) => ({
        type: 'chapter' as const,
        id: String(c.num),
        title: c.title,
        hasChildren: (codes.sectionsByChapter.get(c.num)?.length ?? 0) > 0,
      })),
    };
  }
  const text = String(target).trim();
  if (/^\d{1,2}$/.test(text)) {
    const chapter = codes.chapterByNum.get(Number(text));
    if (!chapter) return null;
    const sections = codes.sectionsByChapter.get(chapter.num) ?? [];
    return {
      node: {
        type: 'chapter',
        id: String(chapter.num),
        title: chapter.title,
        hasChildren: sections.length > 0,
      },
      children: sections.map((s) => ({
        type: 'section' as const,
        id: s.id,
        title: s.title,
        hasChildren: (codes.categoriesBySection.get(s.id)?.length ?? 0) > 0,
      })),
    };
  }
  const section = codes.sectionById.get(text.toUpperCase());
  if (section) {
    const categories = codes.categoriesBySection.get(section.id) ?? [];
    return {
      node: { type: 'section', id: section.id, title: section.title, hasChildren: categories.length > 0 },
      children: categories.map(codeNode),
    };
  }
  const code = normalizeCode(text);
  const node = code ? codes.get(code) : undefined;
  if (!node) return null;
  return { node: codeNode(node), children: node.children.map(codeNode) };
}

function codeNode(n: {
  code: string;
  title: string;
  billable: boolean;
  children: readonly unknown[];
}): BrowseNode {
  return {
    type: 'code',
    id: n.code,
    title: n.title,
    billable: n.billable,
    hasChildren: n.children.length > 0,
  };
}
