import { compactCode } from './code-format.js';
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

export type CodeNodeInput = Omit<CodeNode, 'children'>;

/**
 * The code hierarchy of one release, in memory: codes by dotted code, children in Tabular order,
 * chapters and sections, and the 7th-character definitions (on their owning code, inherited by
 * the subtree). Built once at load time; every query after that is a map lookup or a short walk
 * up the tree (at most 7 levels).
 */
export class CodeSet {
  readonly byCode: ReadonlyMap<string, CodeNode>;
  /** By category (first three characters), for "closest code" suggestions. */
  readonly byCategory: ReadonlyMap<string, readonly CodeNode[]>;
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
    codes: readonly CodeNodeInput[],
    chapters: readonly ChapterRef[],
    sections: ReadonlyArray<SectionRef & { seq: number }>,
    seventh: ReadonlyArray<{ code: string; char: string; meaning: string }>,
  ) {
    const sorted = [...codes].sort((a, b) => a.seq - b.seq);
    const byCode = new Map<string, CodeNode>();
    for (const c of sorted) byCode.set(c.code, { ...c, children: [] });
    const byCategory = new Map<string, CodeNode[]>();
    const categoriesBySection = new Map<string, CodeNode[]>();
    for (const node of byCode.values()) {
      const parent = node.parent ? byCode.get(node.parent) : undefined;
      if (parent) parent.children.push(node);
      else push(categoriesBySection, node.sectionId, node);
      push(byCategory, compactCode(node.code).slice(0, 3), node);
    }
    this.byCode = byCode;
    this.byCategory = byCategory;
    this.categoriesBySection = categoriesBySection;
    this.chapters = [...chapters].sort((a, b) => a.num - b.num);
    this.chapterByNum = new Map(this.chapters.map((c) => [c.num, c]));
    const orderedSections = [...sections].sort((a, b) => a.seq - b.seq);
    this.sections = orderedSections.map(({ id, title, chapterNum }) => ({ id, title, chapterNum }));
    this.sectionById = new Map(this.sections.map((s) => [s.id, s]));
    const sectionsByChapter = new Map<number, SectionRef[]>();
    for (const s of this.sections) push(sectionsByChapter, s.chapterNum, s);
    this.sectionsByChapter = sectionsByChapter;
    const chars = new Map<string, SeventhCharacter[]>();
    for (const s of seventh) push(chars, s.code, { char: s.char, meaning: s.meaning });
    this.seventhByOwner = new Map(
      [...chars].map(([code, list]) => [code, { definedOn: code, characters: list.sort(bySeventhChar) }]),
    );
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

  /** The 7th-character rule in effect for a code (its own or the nearest ancestor's). */
  seventhFor(code: string): SeventhCharacterRule | null {
    for (let n = this.byCode.get(code); n; n = n.parent ? this.byCode.get(n.parent) : undefined) {
      const rule = this.seventhByOwner.get(n.code);
      if (rule) return rule;
    }
    return null;
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

// The Tabular lists 7th characters A, B, C, D, … S in this order; keep it stable for output.
function bySeventhChar(a: SeventhCharacter, b: SeventhCharacter): number {
  return a.char < b.char ? -1 : a.char > b.char ? 1 : 0;
}
