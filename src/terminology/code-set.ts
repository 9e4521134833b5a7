import type {
  ChapterRef,
  CodeRef,
  ReleaseInfo,
  SectionRef,
  SeventhCharacter,
  SeventhCharacterRule,
} from './types.js';

/** One code of a release's Tabular, with its place in the tree. */
export interface CodeNode {
  code: string;
  parent: string | null;
  chapterNum: number;
  sectionId: string;
  depth: number;
  seq: number;
  title: string;
  shortTitle: string | null;
  billable: boolean;
  source: 'tabular' | 'derived';
  /** Children in Tabular order (filled by the CodeSet constructor). */
  children: CodeNode[];
}

/** A row of icd10cm_seventh: a 7th character defined on a code (or a section id / chapter number). */
export interface SeventhRow {
  owner: string;
  char: string;
  meaning: string;
}

/**
 * A note stored inside a `sevenChrDef` (note kind `sevenChrDef`): "B: initial encounter for open
 * fracture NOS" belongs to the 7th character B; text without such a prefix is about the whole
 * definition.
 */
export interface SeventhNoteRow {
  owner: string;
  seq: number;
  text: string;
}

/**
 * The code hierarchy of one release, in memory: codes by dotted code, children in Tabular order,
 * chapters and sections, and the 7th-character definitions (on their owning code, inherited by
 * the subtree). Built once at load time in one pass over the rows; every query after that is a
 * map lookup or a short walk up the tree (at most 7 levels).
 */
export class CodeSet {
  readonly byCode: ReadonlyMap<string, CodeNode>;
  /** Every code in Tabular order. */
  readonly inOrder: readonly CodeNode[];
  readonly chapters: readonly ChapterRef[];
  readonly sections: readonly SectionRef[];
  readonly chapterByNum: ReadonlyMap<number, ChapterRef>;
  readonly sectionById: ReadonlyMap<string, SectionRef>;
  /** Categories of each section and sections of each chapter, in Tabular order. */
  readonly categoriesBySection: ReadonlyMap<string, readonly CodeNode[]>;
  readonly sectionsByChapter: ReadonlyMap<number, readonly SectionRef[]>;
  private readonly seventhByOwner: ReadonlyMap<string, SeventhCharacterRule>;

  constructor(
    readonly release: ReleaseInfo,
    /** Every code of the release with empty `children` (linked here), ideally in Tabular order. */
    codes: CodeNode[],
    chapters: readonly ChapterRef[],
    sections: ReadonlyArray<SectionRef & { seq: number }>,
    seventh: readonly SeventhRow[],
    seventhNotes: readonly SeventhNoteRow[] = [],
  ) {
    const inOrder = isSortedBySeq(codes) ? codes : [...codes].sort((a, b) => a.seq - b.seq);
    const byCode = new Map<string, CodeNode>();
    const categoriesBySection = new Map<string, CodeNode[]>();
    for (const node of inOrder) byCode.set(node.code, node);
    // Parents precede their children in Tabular order, but look them up after the pass anyway:
    // the rows are not required to arrive sorted by anything but seq.
    for (const node of inOrder) {
      const parent = node.parent === null ? undefined : byCode.get(node.parent);
      if (parent) parent.children.push(node);
      else push(categoriesBySection, node.sectionId, node);
    }
    this.byCode = byCode;
    this.inOrder = inOrder;
    this.categoriesBySection = categoriesBySection;
    this.chapters = [...chapters].sort((a, b) => a.num - b.num);
    this.chapterByNum = new Map(this.chapters.map((c) => [c.num, c]));
    const orderedSections = [...sections].sort((a, b) => a.seq - b.seq);
    this.sections = orderedSections.map(({ id, title, chapterNum }) => ({ id, title, chapterNum }));
    this.sectionById = new Map(this.sections.map((s) => [s.id, s]));
    const sectionsByChapter = new Map<number, SectionRef[]>();
    for (const s of this.sections) push(sectionsByChapter, s.chapterNum, s);
    this.sectionsByChapter = sectionsByChapter;
    this.seventhByOwner = seventhRules(seventh, seventhNotes);
  }

  get(code: string): CodeNode | undefined {
    return this.byCode.get(code);
  }

  /** Ancestors from the category down to the parent. */
  ancestors(node: CodeNode): CodeNode[] {
    const out: CodeNode[] = [];
    for (let p = node.parent ? this.byCode.get(node.parent) : undefined; p; ) {
      out.push(p);
      p = p.parent ? this.byCode.get(p.parent) : undefined;
    }
    return out.reverse();
  }

  /**
   * The 7th-character rule in effect for a code: its own or the nearest ancestor's, else its
   * section's or chapter's (the schema allows definitions there; CMS files so far have none).
   */
  seventhFor(code: string): SeventhCharacterRule | null {
    const start = this.byCode.get(code);
    for (let n = start; n; n = n.parent ? this.byCode.get(n.parent) : undefined) {
      const rule = this.seventhByOwner.get(n.code);
      if (rule) return rule;
    }
    if (!start) return null;
    return (
      this.seventhByOwner.get(start.sectionId) ?? this.seventhByOwner.get(String(start.chapterNum)) ?? null
    );
  }

  /** Billable codes under a node in Tabular order, the first `cap` of them, and how many in all. */
  billableDescendants(node: CodeNode, cap: number): { codes: CodeRef[]; count: number } {
    const codes: CodeRef[] = [];
    let count = 0;
    const stack = [...node.children].reverse();
    while (stack.length > 0) {
      const n = stack.pop() as CodeNode;
      if (n.billable) {
        count++;
        if (codes.length < cap) codes.push(ref(n));
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as CodeNode);
    }
    return { codes, count };
  }

  /** True when every child is a 7th-character expansion: the code is complete but for the 7th character. */
  needsSeventhOnly(node: CodeNode): boolean {
    return node.children.length > 0 && node.children.every((c) => c.source === 'derived');
  }
}

export function ref(n: CodeNode): CodeRef {
  return { code: n.code, title: n.title, billable: n.billable };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isSortedBySeq(codes: readonly CodeNode[]): boolean {
  for (let i = 1; i < codes.length; i++)
    if ((codes[i] as CodeNode).seq < (codes[i - 1] as CodeNode).seq) return false;
  return true;
}

const CHAR_NOTE = /^([0-9A-Z]): (.+)$/s;

/** 7th-character rules by owner, each character with the notes the definition lists under it. */
function seventhRules(
  seventh: readonly SeventhRow[],
  notes: readonly SeventhNoteRow[],
): Map<string, SeventhCharacterRule> {
  const chars = new Map<string, Array<{ char: string; meaning: string; notes?: string[] }>>();
  for (const s of seventh) push(chars, s.owner, { char: s.char, meaning: s.meaning });
  const general = new Map<string, string[]>();
  for (const n of [...notes].sort((a, b) => a.seq - b.seq)) {
    const list = chars.get(n.owner);
    const m = CHAR_NOTE.exec(n.text);
    const target = m ? list?.find((c) => c.char === m[1]) : undefined;
    if (!m || !target) push(general, n.owner, n.text);
    else if (target.notes) target.notes.push(m[2] as string);
    else target.notes = [m[2] as string];
  }
  const rules = new Map<string, SeventhCharacterRule>();
  for (const [owner, list] of chars) {
    const defNotes = general.get(owner);
    rules.set(owner, {
      definedOn: owner,
      characters: list.sort(bySeventhChar),
      ...(defNotes ? { notes: defNotes } : {}),
    });
  }
  return rules;
}

// The Tabular lists 7th characters A, B, C, D, … S in this order; keep it stable for output.
function bySeventhChar(a: SeventhCharacter, b: SeventhCharacter): number {
  return a.char < b.char ? -1 : a.char > b.char ? 1 : 0;
}
