import type {
  BrowseNode,
  CodeDetails,
  EffectiveNote,
  Icd10cmTerminology,
  NoteOwner,
  SeventhCharacterRule,
} from './types.js';

/**
 * One page of the Tabular List as a coder reads it: where the node sits (chapter › section ›
 * category › …), what is below it, and every note in effect — the node's own and, for a code,
 * those it inherits from its ancestors, its section and its chapter (a note applies to everything
 * below the node that carries it, so a coder on E11.9 must see E11's excludes and chapter 4's).
 *
 * Chapters and sections carry notes too; the service gives notes per code, with the owner each
 * came from, so a chapter's or section's own notes are read from the first code under it.
 */
export interface TabularPage {
  node: BrowseNode;
  /** From the root down to the parent of `node`. */
  breadcrumbs: BrowseNode[];
  children: readonly BrowseNode[];
  /** Notes the node itself carries, in Tabular order. */
  notes: EffectiveNote[];
  /** Notes inherited from above (codes only), nearest owner first. */
  inherited: EffectiveNote[];
  /** Code pages only. */
  code: {
    billable: boolean;
    header: boolean;
    shortTitle: string | null;
    source: CodeDetails['source'];
    seventh: SeventhCharacterRule | null;
  } | null;
  release: { fiscalYear: number; label: string };
}

const ROOT: BrowseNode = {
  type: 'root',
  id: '',
  ref: '',
  title: 'ICD-10-CM Tabular List',
  hasChildren: true,
};

/** The page for a `browse` target (`chapter:4`, `section:E08-E13`, `code:E11.9`, a bare code); null when unknown. */
export function tabularPage(terminology: Icd10cmTerminology, target?: string): TabularPage | null {
  const browsed = terminology.browse(target);
  if (!browsed) return null;
  const { node, children } = browsed;
  const release = terminology.selection.codes.release;
  const page: TabularPage = {
    node,
    breadcrumbs: [],
    children,
    notes: [],
    inherited: [],
    code: null,
    release: { fiscalYear: release.fiscalYear, label: release.label },
  };
  if (node.type === 'root') return page;

  if (node.type === 'code') {
    const details = terminology.lookup(node.id);
    if (!details) return page;
    page.breadcrumbs = [
      ROOT,
      chapterCrumb(details),
      sectionCrumb(details),
      ...details.ancestors.map(
        (a): BrowseNode => ({
          type: 'code',
          id: a.code,
          ref: `code:${a.code}`,
          title: a.title,
          billable: a.billable,
          hasChildren: true,
        }),
      ),
    ];
    page.notes = details.notes.filter((n) => !n.inherited);
    page.inherited = details.notes.filter((n) => n.inherited);
    page.code = {
      billable: details.billable,
      header: details.header,
      shortTitle: details.shortTitle,
      source: details.source,
      seventh: details.seventh,
    };
    return page;
  }

  const first = firstCodeUnder(terminology, node);
  const details = first ? terminology.lookup(first) : null;
  const owner: NoteOwner = { type: node.type, id: node.id };
  page.notes = details?.notes.filter((n) => n.from.type === owner.type && n.from.id === owner.id) ?? [];
  page.breadcrumbs = node.type === 'section' && details ? [ROOT, chapterCrumb(details)] : [ROOT];
  return page;
}

function chapterCrumb(d: CodeDetails): BrowseNode {
  return {
    type: 'chapter',
    id: String(d.chapter.num),
    ref: `chapter:${d.chapter.num}`,
    title: d.chapter.title,
    hasChildren: true,
  };
}

function sectionCrumb(d: CodeDetails): BrowseNode {
  return {
    type: 'section',
    id: d.section.id,
    ref: `section:${d.section.id}`,
    title: d.section.title,
    hasChildren: true,
  };
}

/** The first category in Tabular order under a chapter or section. */
function firstCodeUnder(terminology: Icd10cmTerminology, node: BrowseNode): string | null {
  let current: BrowseNode | undefined = node;
  while (current && current.type !== 'code') {
    current = terminology.browse(current.ref)?.children[0];
  }
  return current?.id ?? null;
}
