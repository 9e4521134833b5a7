/**
 * The matcher's view of the Alphabetic Index: the terminology owns the Index in memory
 * (terminology/alphabetic-index.ts, loaded once for search, browsing and coding); this view adds
 * what note matching needs on top of the same terms — for every term its required and optional
 * stems and how a subterm may be read, and for main terms a lookup from each required stem to
 * the main terms that need it. Titles, codes and cross references are the terminology's own
 * strings, not a second copy loaded from the store.
 */
import type { AlphabeticIndex, IndexTerm } from '../../terminology/alphabetic-index.js';
import { type SubtermKind, subtermKind } from './subterm-kind.js';
import {
  ENCOUNTER_TERMS,
  essentialNemod,
  mainTermVariants,
  type TermOptions,
  type TermWords,
  termWords,
} from './terms.js';

export interface IndexNode {
  id: number;
  parent: number | null;
  level: number;
  title: string;
  nemod: string | null;
  code: string | null;
  manif: string | null;
  see: string | null;
  seeAlso: string | null;
  readonly words: TermWords;
  /** How the matcher may read the term (subterm-kind.ts). */
  readonly kind: SubtermKind;
  /** "with" / "without" subterms group conditions presumed linked (guideline I.A.15). */
  connector: 'with' | 'without' | null;
  /** Subterms in Index order, held directly: the matcher steps through thousands per note. */
  children: IndexNode[];
}

export interface MainTermVariant {
  node: number;
  required: string[];
  /** The head word of a main term the Index only lists qualified ("fracture" → "Fracture, traumatic"). */
  headOnly?: boolean;
}

export interface IndexTree {
  nodes: Map<number, IndexNode>;
  /** Main terms by a required stem (each variant listed under its rarest stem). */
  byStem: Map<string, MainTermVariant[]>;
  /** Main terms by lower-case title variant, for following "see" references. */
  byTitle: Map<string, number>;
}

/**
 * An Index term whose match words are computed on first use: a note's walks touch a few
 * thousand of the ~80,000 terms, so computing them all at start-up would be wasted time.
 */
class LazyNode implements IndexNode {
  readonly id: number;
  readonly parent: number | null;
  readonly level: number;
  readonly title: string;
  readonly nemod: string | null;
  readonly code: string | null;
  readonly manif: string | null;
  readonly see: string | null;
  readonly seeAlso: string | null;
  readonly connector: 'with' | 'without' | null;
  readonly children: IndexNode[] = [];
  private cached: TermWords | undefined;
  private cachedKind: SubtermKind | undefined;

  constructor(
    r: IndexTerm,
    private readonly options: TermOptions,
  ) {
    this.id = r.id;
    this.parent = r.parentId;
    this.level = r.level;
    this.title = r.title;
    this.nemod = r.nemod;
    this.code = r.code;
    this.manif = r.manif;
    this.see = r.see;
    this.seeAlso = r.seeAlso;
    const t = r.title.trim().toLowerCase();
    this.connector = t === 'with' ? 'with' : t === 'without' ? 'without' : null;
  }

  get words(): TermWords {
    // Main terms keep their own comma reading (synonyms and qualifiers, mainTermVariants).
    this.cached ??= termWords(this.title, this.nemod, this.parent === null ? {} : this.options);
    return this.cached;
  }

  get kind(): SubtermKind {
    this.cachedKind ??= subtermKind(this.title, this.words, this.children.length > 0);
    return this.cachedKind;
  }
}

/**
 * The matcher's view of one of the terminology's Indexes. `options` shape how subterm titles are
 * read (the External Cause Index's commas, terms.ts).
 */
export function buildIndexTree(index: AlphabeticIndex, options: TermOptions = {}): IndexTree {
  const nodes = new Map<number, IndexNode>();
  for (const r of index.terms) nodes.set(r.id, new LazyNode(r, options));
  for (const n of nodes.values()) if (n.parent !== null) nodes.get(n.parent)?.children.push(n);

  // Count how many main-term variants use each stem, then key every variant by its rarest stem
  // so a note word probes only the few main terms it could start.
  const variants: Array<MainTermVariant & { title: string }> = [];
  const byTitle = new Map<string, number>();
  /** Heads whose only main terms are qualified ("Fracture, traumatic"): head → those terms. */
  const qualifiedOnly = new Map<string, IndexNode[]>();
  const bareHeads = new Set<string>();
  for (const n of nodes.values()) {
    if (n.parent !== null) continue;
    const first = n.title
      .split(',')[0]!
      .replace(/\([^)]*\)/g, '')
      .trim()
      .toLowerCase();
    byTitle.set(
      n.title
        .replace(/\([^)]*\)/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase(),
      n.id,
    );
    // A cross reference names a main term without its "NEC" ("see Collision, pedestrian" for
    // "Collision (accidental) NEC").
    const plain = seeKey(n.title.replace(/\([^)]*\)/g, ' '));
    if (!byTitle.has(plain)) byTitle.set(plain, n.id);
    if (ENCOUNTER_TERMS.has(first)) continue;
    for (const v of mainTermVariants(n.title)) {
      // "Plus (and minus) hand": the printed main term is "plus … hand", and the Index file
      // keeps "hand" in the nemod; a note's "plus" alone never starts it.
      const essential = essentialNemod(n.nemod);
      const required = [...termWords(v.text).required, ...(essential ? termWords(essential).required : [])];
      if (!v.qualified && !byTitle.has(v.text.toLowerCase())) byTitle.set(v.text.toLowerCase(), n.id);
      if (required.length > 0) variants.push({ node: n.id, required, title: v.text });
      if (v.qualified) qualifiedOnly.set(first, [...(qualifiedOnly.get(first) ?? []), n]);
      else bareHeads.add(first);
    }
  }
  // A head word the Index only lists with qualifiers starts its main entry, the one with the
  // most subterms ("fracture" → "Fracture, traumatic", as a coder looks up an injury).
  const size = (n: IndexNode): number => n.children.reduce((s, c) => s + size(c), 1);
  const hasCodedSubterm = (n: IndexNode): boolean =>
    n.children.some((c) => c.code !== null || hasCodedSubterm(c));
  for (const [head, list] of qualifiedOnly) {
    if (bareHeads.has(head)) continue;
    const main = list.reduce((a, b) => (size(b) > size(a) ? b : a));
    // A qualified term with no coded subterms is one diagnosis whose qualifiers are its name
    // ("Functioning, intellectual, borderline"; "Pattern, sleep-wake, irregular"; "Fragments,
    // cataract, following cataract surgery", whose one subterm is a cross reference): its head
    // word alone ("pump functioning", "change in pattern", "the resected fragments") names none.
    if (!hasCodedSubterm(main)) continue;
    const required = termWords(head).required;
    if (required.length > 0) variants.push({ node: main.id, required, title: head, headOnly: true });
    if (!byTitle.has(head)) byTitle.set(head, main.id);
  }
  // An inverted alias ("Mellitus, diabetes — see Diabetes") adds nothing the term it points to
  // does not match by itself, and would only lengthen the explanation.
  const aliasOnly = (v: MainTermVariant): boolean => {
    const n = nodes.get(v.node)!;
    if (n.code || n.children.length > 0 || !n.see) return false;
    const target = termWords(n.see.split(',')[0]!).required;
    return target.length > 0 && target.every((w) => v.required.includes(w));
  };
  for (let i = variants.length - 1; i >= 0; i--) if (aliasOnly(variants[i]!)) variants.splice(i, 1);
  const freq = new Map<string, number>();
  for (const v of variants) for (const s of v.required) freq.set(s, (freq.get(s) ?? 0) + 1);
  const byStem = new Map<string, MainTermVariant[]>();
  for (const v of variants) {
    const key = [...v.required].sort((a, b) => (freq.get(a) ?? 0) - (freq.get(b) ?? 0))[0]!;
    const list = byStem.get(key) ?? [];
    list.push(
      v.headOnly
        ? { node: v.node, required: v.required, headOnly: true }
        : { node: v.node, required: v.required },
    );
    byStem.set(key, list);
  }
  return { nodes, byStem, byTitle };
}

/**
 * Resolves a "see" reference such as "Disease, kidney, chronic" to the node it names: the main
 * term by title, then each comma part as a subterm. Returns null when any part is not found.
 */
export function resolveSee(tree: IndexTree, see: string): IndexNode | null {
  // The same references are followed note after note; the answer depends on the tree alone.
  let known = resolvedSees.get(tree);
  if (!known) {
    known = new Map();
    resolvedSees.set(tree, known);
  }
  let target = known.get(see);
  if (target === undefined) {
    target = findSeeTarget(tree, see);
    known.set(see, target);
  }
  return target;
}

// Per tree: "see" text → its target. An Index holds a few thousand distinct references, so
// the map stays small.
const resolvedSees = new WeakMap<IndexTree, Map<string, IndexNode | null>>();

function findSeeTarget(tree: IndexTree, see: string): IndexNode | null {
  const parts = see
    .replace(/\([^)]*\)/g, ' ')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    // "by site" / "by type" tell the coder to continue with the note's words: the walk does.
    .filter((p) => p.length > 0 && !p.startsWith('by '));
  if (parts.length === 0) return null;
  // The main term may itself have commas ("see Fracture, traumatic, by site").
  let k = parts.length;
  while (k > 1 && !tree.byTitle.has(parts.slice(0, k).join(', '))) k--;
  const mainId = tree.byTitle.get(parts.slice(0, k).join(', '));
  let node = mainId === undefined ? undefined : tree.nodes.get(mainId);
  for (const part of parts.slice(k)) {
    if (!node) return null;
    const want = seeKey(part);
    const next: IndexNode | undefined = node.children.find((c) => seeKeys(c.title).includes(want));
    node = next;
  }
  return node ?? null;
}

/**
 * A cross reference names a subterm by its wording without "NEC"/"NOS" and by any of its
 * comma alternatives: "see Dependence, drug, nicotine" reaches the subterm "drug NEC".
 */
function seeKeys(title: string): string[] {
  const plain = title.replace(/\([^)]*\)/g, ' ');
  return [seeKey(plain), ...plain.split(',').map(seeKey)];
}

function seeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(nec|nos)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
