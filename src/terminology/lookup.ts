import { normalizeCode } from './code-format.js';
import { type CodeNode, type CodeSet, ref } from './code-set.js';
import type { NoteBook } from './notes.js';
import type { BrowseNode, BrowseResult, ChapterRef, CodeDetails, SectionRef } from './types.js';

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
 * sections; a section id (`E08-E13`) = its categories; a code = its subcodes. 38 sections have
 * the id of their only category (`C50`, `B20`): unprefixed, such an id means the code (the
 * section's view would list just that code); `section:C50` / `chapter:2` / `code:C50` say which
 * is meant, and every returned node carries that form in `ref`.
 */
export function browseCodes(codes: CodeSet, target?: string | number): BrowseResult | null {
  if (target === undefined || (typeof target === 'string' && target.trim() === '')) {
    return {
      node: {
        type: 'root',
        id: '',
        ref: '',
        title: 'ICD-10-CM Tabular List',
        hasChildren: codes.chapters.length > 0,
      },
      children: codes.chapters.map((c) => chapterNode(codes, c)),
    };
  }
  const text = String(target).trim();
  const prefixed = /^(chapter|section|code):\s*(\S.*)$/i.exec(text);
  const kind = prefixed ? (prefixed[1] as string).toLowerCase() : null;
  const id = prefixed ? (prefixed[2] as string).trim() : text;
  if (kind === 'chapter' || (kind === null && /^\d{1,2}$/.test(id))) {
    const chapter = /^\d{1,2}$/.test(id) ? codes.chapterByNum.get(Number(id)) : undefined;
    if (!chapter) return null;
    const sections = codes.sectionsByChapter.get(chapter.num) ?? [];
    return {
      node: chapterNode(codes, chapter),
      children: sections.map((s) => sectionNode(codes, s)),
    };
  }
  const code = kind === 'section' ? null : normalizeCode(id);
  const node = code ? codes.get(code) : undefined;
  if (node) return { node: codeNode(node), children: node.children.map(codeNode) };
  if (kind === 'code') return null;
  const section = codes.sectionById.get(id.toUpperCase());
  if (!section) return null;
  const categories = codes.categoriesBySection.get(section.id) ?? [];
  return { node: sectionNode(codes, section), children: categories.map(codeNode) };
}

function chapterNode(codes: CodeSet, c: ChapterRef): BrowseNode {
  return {
    type: 'chapter',
    id: String(c.num),
    ref: `chapter:${c.num}`,
    title: c.title,
    hasChildren: (codes.sectionsByChapter.get(c.num)?.length ?? 0) > 0,
  };
}

function sectionNode(codes: CodeSet, s: SectionRef): BrowseNode {
  return {
    type: 'section',
    id: s.id,
    ref: `section:${s.id}`,
    title: s.title,
    hasChildren: (codes.categoriesBySection.get(s.id)?.length ?? 0) > 0,
  };
}

function codeNode(n: CodeNode): BrowseNode {
  return {
    type: 'code',
    id: n.code,
    ref: `code:${n.code}`,
    title: n.title,
    billable: n.billable,
    hasChildren: n.children.length > 0,
  };
}
