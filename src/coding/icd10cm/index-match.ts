/**
 * Index-driven concept finding, the way a coder uses the Alphabetic Index: find a main term in
 * a statement (words in any order, inflections folded, abbreviations expanded), then follow the
 * subterms the other words of the statement support, most specific first. Conditions listed
 * under a "with" subterm may be documented anywhere in the note: the guideline (I.A.15) presumes
 * the link, so those subterms are also matched against the note's other affirmative statements.
 */

import type { NoteAnalysis, Sentence } from '../../nlp/analyze.js';
import { appliesTrigger, type ContextFlags, contextOf, contextScopes } from '../../nlp/context.js';
import { isPunct, type Token } from '../../nlp/tokens.js';
import { STOPWORDS, stem } from '../../text/index.js';
import { childrenToVisit } from './children-to-visit.js';
import { headAloneNamesNothing, otherKindOfHead } from './head-senses.js';
import { type IndexNode, type IndexTree, resolveSee } from './index-tree.js';
import { isBodySite, SITE_NOUN_STEMS } from './site-nouns.js';
import type { TermWords } from './terms.js';

/** Positions are global: sentence index × POS_BASE + token index. */
export const POS_BASE = 100_000;

/** Code of a mention the Neoplasm Table must resolve; followed by the "see" text. */
export const NEOPLASM_PREFIX = 'NEOPLASM:';

export interface Mention {
  sentence: Sentence;
  /** Index path, main term first; the last node carries the code. */
  path: IndexNode[];
  /** The Index code as printed (may end with "-"), and its bracketed manifestation code. */
  code: string;
  manif: string | null;
  /** Global token positions the path consumed (main sentence and linked sentences). */
  positions: number[];
  /** Sentences other than the main one that supplied a "with" condition. */
  linked: Sentence[];
  context: ContextFlags;
  /**
   * Where the statement says "in remission": the mention's context with that phrase read as the
   * condition's state instead of its end (history). The finder uses it for a code that reports
   * remission itself (C90.01 myeloma in remission, F33.40, F10.21), see index-mentions.
   */
  remissionContext?: ContextFlags;
}

interface SentenceWords {
  sentence: Sentence;
  /** stem → token indexes in the sentence (word tokens only). */
  at: Map<string, number[]>;
  /** Clause number of each token: a semicolon starts a new clause, and a term never spans two. */
  clause: number[];
  /** A cause is stated: "secondary to" (its word is kept out of `at`) or a causal word. */
  statesCause: boolean;
  /** Tokens read through an Index-specific synonym only (the matcher's `synonyms`). */
  derived: Set<number>;
}

const WINDOW = 12;
const MAX_SEE_HOPS = 2;

/** Names a plain object inherits: `record[key]` answers these even when the record lacks them. */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * `record[key]` as a Map lookup. Reading a plain object with every token's stem made V8 look the
 * string up in its string table each time (most of wordsOf's time); a key the record inherits
 * ("constructor") still answers as the record would.
 */
function recordLookup(record: Readonly<Record<string, string>>): (key: string) => string | undefined {
  const own = new Map(Object.entries(record));
  return (key) => own.get(key) ?? (INHERITED.has(key) ? record[key] : undefined);
}

const NO_WORDS = recordLookup({});

function wordsOf(
  sentence: Sentence,
  extra: (stem: string) => string | undefined = NO_WORDS,
  skip?: (t: Token) => boolean,
): SentenceWords {
  const at = new Map<string, number[]>();
  const add = (s: string, i: number) => {
    const list = at.get(s);
    if (list) list.push(i);
    else at.set(s, [i]);
  };
  const clause: number[] = [];
  let c = 0;
  let causal = false;
  const derived = new Set<number>();
  sentence.tokens.forEach((t, i) => {
    if (t.norm === ';') c++;
    clause.push(c);
    // Connecting words never satisfy a term word: "and" must not meet "Andes" (stem "and"),
    // and "secondary to" states a cause, not the Index's "secondary" (type) subterm.
    if (isPunct(t) || (STOPWORDS.has(t.norm) && !t.designation) || skip?.(t)) return;
    // "Routine healing" / "delayed healing" state the encounter (the injury's 7th character,
    // I.C.19.a), never the Index's "healed or old": a healing fracture is not a healed one.
    if (t.norm === 'healing') return;
    // "at age 42", "at the age of 50", "52 years of age" state how old someone is, never the Index's
    // "Age (old)" (senility).
    if (t.norm === 'age' && statesAnAge(sentence.tokens, i)) return;
    // "Organism not identified", "unknown organism": no organism is named, so the word never
    // meets the Index's "specified organism NEC" (J16.8 for a pneumonia of unknown cause).
    if (UNNAMED_AGENT.has(t.norm) && unnamed(sentence.tokens, i)) return;
    if (t.norm === 'secondary' && sentence.tokens[i + 1]?.norm === 'to') {
      causal = true;
      return;
    }
    add(t.stem, i);
    const synonym = noteToIndexWord(t.stem);
    if (synonym) add(synonym, i);
    // "Abdominal distension" is "Distension, abdomen"; where the Index writes the adjective
    // itself ("Stenosis, aortic" beside "Stenosis, aorta"), the note's own word wins (walk()).
    // An abbreviation's expansion is already the Index's wording for one condition: GERD's
    // "esophageal" is not also "Disease, esophagus".
    const site = t.expandedFrom ? undefined : siteNounOf(t.stem);
    if (site) {
      add(site, i);
      derived.add(i);
    }
    const own = extra(t.stem);
    if (own) {
      add(own, i);
      derived.add(i);
    }
  });
  return { sentence, at, clause, statesCause: statesCause(causal, at), derived };
}

function statesAnAge(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1]?.norm ?? '';
  const before = tokens
    .slice(Math.max(0, i - 3), i)
    .map((t) => t.norm)
    .join(' ');
  const ofAge = next === 'of' && /^\d/.test(tokens[i + 2]?.norm ?? '');
  return (
    /^\d/.test(next) ||
    ofAge ||
    /\b(?:years?|yrs?|months?|weeks?|days?) of$/.test(before) ||
    /\bat(?: the)?$/.test(before)
  );
}

const UNNAMED_AGENT: ReadonlySet<string> = new Set(['organism', 'organisms', 'pathogen', 'agent']);
const UNNAMED_BEFORE: ReadonlySet<string> = new Set(['unknown', 'unspecified', 'unidentified']);
const UNNAMED_AFTER =
  /^(?:not (?:identified|specified|isolated|known|found)|unknown|unspecified|unidentified)\b/;

/** The agent word at `i` is said to be unknown: "unknown organism", "organism not identified". */
function unnamed(tokens: readonly Token[], i: number): boolean {
  if (UNNAMED_BEFORE.has(tokens[i - 1]?.norm ?? '')) return true;
  const after = tokens
    .slice(i + 1, i + 4)
    .map((t) => t.norm)
    .join(' ');
  return UNNAMED_AFTER.test(after);
}

/** Note wording → the Index's wording ("distal radius" is "radius, lower end"); the note's own word stays too. */
const NOTE_TO_INDEX_WORDS: Readonly<Record<string, string>> = {
  [stem('distal')]: stem('lower'),
  [stem('proximal')]: stem('upper'),
  // "both knees" is the Index's and the Tabular's "bilateral".
  [stem('both')]: stem('bilateral'),
  // Notes say "lower extremity"; the Index says "lower limb" ("Cellulitis, lower limb").
  [stem('extremity')]: stem('limb'),
  [stem('extremities')]: stem('limb'),
  // A spontaneous hematoma or hemorrhage is the Index's "nontraumatic" one ("Hematoma, brain,
  // nontraumatic"); "Hematoma" itself is traumatic.
  [stem('spontaneous')]: stem('nontraumatic'),
};
const noteToIndexWord = recordLookup(NOTE_TO_INDEX_WORDS);
const siteNounOf = recordLookup(SITE_NOUN_STEMS);

/** `place` over a term's words, trying each alternative of an "a or b" title. */
function placeTerm(words: SentenceWords, term: TermWords, used: ReadonlySet<number>, anchor: number | null) {
  for (const required of term.alternatives ?? [term.required]) {
    const idx = place(words, required, used, anchor);
    if (idx && tight(idx, required.length)) return idx;
  }
  return null;
}

/**
 * Finds, for each required stem, an unused token near `anchor`. Returns the token indexes or
 * null when some stem is missing or too far away.
 */
function place(
  words: SentenceWords,
  required: readonly string[],
  used: ReadonlySet<number>,
  anchor: number | null,
) {
  const out: number[] = [];
  for (const s of required) {
    const list = words.at.get(s);
    if (!list) return null;
    let best = -1;
    let bestDist = Number.POSITIVE_INFINITY;
    for (const i of list) {
      if (used.has(i) || out.includes(i)) continue;
      if (anchor !== null && words.clause[i] !== words.clause[anchor]) continue;
      const d = anchor === null ? 0 : Math.abs(i - anchor);
      if (d < bestDist) {
        best = i;
        bestDist = d;
      }
    }
    if (best < 0 || bestDist > WINDOW) return null;
    out.push(best);
  }
  return out;
}

/**
 * The tokens of `idx` that are too few of the words an abbreviation stands for to be reading it:
 * "HIV" reads as "human immunodeficiency virus", and a term may use that phrase, but not "virus"
 * alone as if the note had said it. A term need not use every word ("COPD" is "Disease, lung,
 * obstructive, chronic" whichever words the walk counts), but at least half and at least two.
 */
function partOfAnExpansion(words: SentenceWords, idx: readonly number[]): number[] {
  const tokens = words.sentence.tokens;
  const groups = new Map<string, { used: number[]; size: number }>();
  for (const i of idx) {
    const t = tokens[i]!;
    if (!t.expandedFrom) continue;
    const key = `${t.start}:${t.end}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        used: [],
        size: tokens.filter((u) => u.expandedFrom && u.start === t.start && u.end === t.end).length,
      };
      groups.set(key, g);
    }
    g.used.push(i);
  }
  const out: number[] = [];
  for (const g of groups.values())
    if (g.used.length < Math.min(g.size, Math.max(2, Math.ceil(g.size / 2)))) out.push(...g.used);
  return out;
}

/** `words` with the tokens `drop` taken out of the stem lookup. */
function withoutTokens(words: SentenceWords, drop: readonly number[]): SentenceWords {
  const at = new Map<string, number[]>();
  for (const [s, list] of words.at) {
    const kept = list.filter((i) => !drop.includes(i));
    if (kept.length > 0) at.set(s, kept);
  }
  return { ...words, at };
}

interface Walk {
  nodes: IndexNode[];
  /** Token indexes in the main sentence. */
  local: number[];
  /** Linked sentences with their token indexes. */
  linked: Array<{ words: SentenceWords; idx: number[] }>;
  score: number;
  /** How many of `local` are the main term's own words (their context is the mention's). */
  head?: number;
  /** Where to look for words when the walk has consumed none yet (history walks). */
  anchor?: number;
  /** The walk passed a connecting subterm ("due to", "in"): nearness to the main term is moot. */
  caused?: boolean;
  /** How many classifying subterms the note need not name (history walks), see walk(). */
  headings?: number;
  /** The walk passed the default "idiopathic"/"primary" type heading unnamed, see walk(). */
  defaultType?: boolean;
}

export class IndexMatcher {
  /** Per note: "with" condition node → the statement supplying it (null: none), so each is searched once. */
  private linkCache = new Map<number, { words: SentenceWords; idx: number[] } | null>();
  /** While walking from a main term: every walk that took a "with" condition in the statement. */
  private withWalks: Walk[] | null = null;

  /**
   * `synonyms`: note stem → Index stem for this Index only (the External Cause Index's "animal"
   * for a dog would send the disease Index's "Bite, dog" to "Bite, animal").
   */
  constructor(
    private readonly tree: IndexTree,
    synonyms: Readonly<Record<string, string>> = {},
    private readonly options: { followSeeAlso?: boolean } = {},
  ) {
    this.synonymOf = recordLookup(synonyms);
  }

  private readonly synonymOf: (stem: string) => string | undefined;

  private linkFor(gc: IndexNode, words: SentenceWords, linkWords: SentenceWords[]) {
    let hit = this.linkCache.get(gc.id);
    if (hit === undefined) {
      hit = null;
      for (const lw of linkWords) {
        const lidx = placeTerm(lw, gc.words, new Set(), null);
        if (!lidx) continue;
        const f = contextOf(lw.sentence.flags, Math.min(...lidx), Math.max(...lidx) + 1);
        if (f.negated || f.family || f.hypothetical || f.uncertain) continue;
        hit = { words: lw, idx: lidx };
        break;
      }
      this.linkCache.set(gc.id, hit);
    }
    return hit && hit.words.sentence !== words.sentence ? hit : null;
  }

  /**
   * Mentions in `sources`; `linkable` are the note's affirmative statements a "with" condition
   * may come from.
   */
  find(analysis: NoteAnalysis, sources: readonly Sentence[], linkable: readonly Sentence[]): Mention[] {
    const linkWords = linkable.map((s) => wordsOf(s, this.synonymOf));
    this.linkCache = new Map();
    const out: Mention[] = [];
    for (const sentence of sources) {
      const words = wordsOf(sentence, this.synonymOf);
      const found: Mention[] = [];
      for (const [stem, idxs] of words.at) {
        for (const variant of this.tree.byStem.get(stem) ?? []) {
          for (const anchor of idxs) {
            if (otherKindOfHead(words.sentence.tokens, words.clause, stem, anchor, variant.required))
              continue;
            const local = place(words, variant.required, new Set(), anchor);
            if (!local) continue;
            const main = this.tree.nodes.get(variant.node)!;
            const start: Walk = {
              nodes: [main],
              local,
              linked: [],
              score: local.length * 2,
              head: local.length,
            };
            this.withWalks = [];
            let walk = this.walk(main, start, words, linkWords, 0);
            // A walk that read some words of an abbreviation's expansion without the rest ("virus"
            // of "HIV" as the pneumonia's cause) is walked again without those words; a main
            // term read from such a word alone ("Virus") is no mention.
            let partial = partOfAnExpansion(words, walk.local);
            if (partial.length > 0 && !partial.some((i) => local.includes(i))) {
              this.withWalks = [];
              walk = this.walk(main, start, withoutTokens(words, partial), linkWords, 0);
              partial = partOfAnExpansion(words, walk.local);
            }
            if (partial.length > 0) {
              this.withWalks = null;
              continue;
            }
            // The main term's own cross reference is for its qualified wording ("Antibodies,
            // maternal — see Isoimmunization"): the head word alone, with nothing else of the
            // statement read below the reference, does not say it.
            const viaOwnSee =
              variant.headOnly &&
              walk.nodes.length > 1 &&
              walk.nodes[1]!.parent !== main.id &&
              walk.local.length === local.length;
            const bareHead =
              variant.headOnly && walk.local.length === local.length && headAloneNamesNothing(stem);
            const m =
              viaOwnSee || bareHead || bareMalformation(walk, words) ? null : this.toMention(walk, sentence);
            if (m) found.push(m);
            // Every "with" condition the statement lists gets its own combination code
            // ("type 2 diabetes with hyperglycemia and diabetic CKD" → E11.65 and E11.22).
            for (const alt of this.withWalks) {
              const am = alt === walk ? null : this.toMention(alt, sentence);
              if (am) found.push(am);
            }
            this.withWalks = null;
          }
        }
      }
      out.push(...found);
    }
    void analysis;
    return dropSubsumed(out);
  }

  /**
   * Follows the subterms of `start` (e.g. History > family) with the words of a mention's
   * sentence, for history and family-history codes. Null when no coded subterm matches.
   */
  descendFrom(
    start: IndexNode,
    sentence: Sentence,
    positions: readonly number[],
  ): { path: IndexNode[]; code: string } | null {
    const words = wordsOf(sentence, this.synonymOf);
    const local = positions
      .filter((p) => Math.floor(p / POS_BASE) === sentence.index)
      .map((p) => p % POS_BASE);
    const direct = this.historyWalk(start, words, local, 0);
    if (direct) return direct;
    // Failing a direct path, one classifying subterm may be passed ("benign neoplasm,
    // colonic polyps"), but only when the mention's words are all read below it.
    const classed = this.historyWalk(start, words, local, 1);
    return classed && local.every((i) => classed.local.includes(i)) ? classed : null;
  }

  private historyWalk(
    start: IndexNode,
    words: SentenceWords,
    local: number[],
    headings: number,
  ): { path: IndexNode[]; code: string; local: number[] } | null {
    const walk = this.walk(
      start,
      { nodes: [start], local: [], linked: [], score: 0, anchor: local[0], headings },
      words,
      [],
      0,
    );
    if (walk.nodes.length < 2 || !walk.local.some((i) => local.includes(i))) return null;
    let k = walk.nodes.length - 1;
    while (k > 0 && !walk.nodes[k]!.code) k--;
    return k > 0 ? { path: walk.nodes.slice(0, k + 1), code: walk.nodes[k]!.code!, local: walk.local } : null;
  }

  /**
   * Follows the subterms of `start` with any words of the sentence (External Cause Index
   * headings such as "Place of occurrence" are never written in notes; their subterms are).
   */
  walkFrom(
    start: IndexNode,
    sentence: Sentence,
    /** Tokens that cannot be read under `start` (see ExternalCauseFinder). */
    skip?: (t: Token) => boolean,
  ): { path: IndexNode[]; code: string; positions: number[] } | null {
    const words = wordsOf(sentence, this.synonymOf, skip);
    const walk = this.walk(start, { nodes: [start], local: [], linked: [], score: 0 }, words, [], 0);
    let k = walk.nodes.length - 1;
    while (k > 0 && !walk.nodes[k]!.code) k--;
    if (k === 0 || walk.local.length === 0) return null;
    const f = contextOf(sentence.flags, Math.min(...walk.local), Math.max(...walk.local) + 1);
    if (f.negated || f.hypothetical || f.family) return null;
    return {
      path: walk.nodes.slice(0, k + 1),
      code: walk.nodes[k]!.code!,
      positions: walk.local.map((i) => sentence.index * POS_BASE + i),
    };
  }

  /** Depth-first: the child path that consumes the most words wins; ties go to the first in Index order. */
  private walk(
    node: IndexNode,
    acc: Walk,
    words: SentenceWords,
    linkWords: SentenceWords[],
    hops: number,
  ): Walk {
    let best = acc;
    const anchor = acc.local[0] ?? acc.anchor ?? null;
    const used = new Set(acc.local);
    // A history walk may pass any classifying subterm (below), so it looks at every one.
    const children = acc.headings ? node.children : childrenToVisit(node, words.at, readWithoutWords);
    for (const child of children) {
      // "Colitis, Clostridium difficile, not specified as recurrent" (A04.72) is the default
      // beside "recurrent" (A04.71): taken when the statement does not say the word, never
      // when it does.
      const unsaid = child.kind.notSpecifiedAs;
      if (unsaid) {
        const said = unsaid.required.some((s) => words.at.has(s));
        if (!said && child.code) {
          const next = { ...acc, nodes: [...acc.nodes, child], score: acc.score + 0.5 };
          if (next.score > best.score) best = next;
        }
        continue;
      }
      if (child.connector === 'without') {
        // "without psychotic features": the subterm is read from words the note negates.
        for (const gc of child.children) {
          if (gc.words.required.length === 0) continue;
          const idx = placeTerm(words, gc.words, used, anchor);
          if (!idx || !allNegated(words, idx)) continue;
          const next = this.walk(
            gc,
            {
              ...acc,
              nodes: [...acc.nodes, child, gc],
              local: [...acc.local, ...idx],
              score: acc.score + idx.length * 2,
            },
            words,
            linkWords,
            hops,
          );
          if (next.score > best.score) best = next;
        }
        continue;
      }
      if (child.connector === 'with') {
        // Conditions under "with": in this statement first, else anywhere affirmative in the note.
        for (const gc of child.children) {
          if (gc.words.required.length === 0) continue;
          const found = placeTerm(words, gc.words, used, anchor);
          // "diabetes without complications": a denied condition is not a "with" condition.
          const idx = found && !deniedAt(words, found, headOf(acc)) ? found : null;
          let next: Walk | null = null;
          if (idx) {
            next = {
              ...acc,
              nodes: [...acc.nodes, child, gc],
              local: [...acc.local, ...idx],
              score: acc.score + idx.length * 2,
            };
            next = this.walk(gc, next, words, linkWords, hops);
            this.withWalks?.push(next);
          } else if (acc.linked.length === 0) {
            const link = this.linkFor(gc, words, linkWords);
            if (link) {
              next = {
                ...acc,
                nodes: [...acc.nodes, child, gc],
                linked: [...acc.linked, link],
                score: acc.score + link.idx.length * 2,
              };
            }
          }
          if (next && next.score > best.score) best = next;
        }
        continue;
      }
      if (child.words.required.length === 0) {
        // A connecting subterm ("due to", "in", "following"): its conditions are read in the
        // statement itself, like any other subterm (only "with" links across statements).
        if (!child.kind.connecting) continue;
        // A cause is read only where the note states causation ("due to", "secondary to").
        if (child.kind.causalConnector && !words.statesCause) continue;
        // Its condition may be written anywhere in the statement ("fracture of the femur due to
        // osteoporosis"), so nearness to the main term doesn't count below it.
        const through = this.walk(
          child,
          { ...acc, nodes: [...acc.nodes, child], caused: true },
          words,
          [],
          hops,
        );
        if (through.nodes.length > acc.nodes.length + 1 && through.score > best.score) best = through;
        continue;
      }
      // "specified disease NEC" names no condition: a bare generic word never selects it.
      if (child.kind.generic) continue;
      const idx = placeTerm(words, child.words, used, anchor);
      if (!idx) {
        // Under History the Index groups conditions by class ("benign neoplasm, colonic
        // polyps"); a note names the condition, not its class, so a history walk may pass one
        // classifying subterm when the condition below it is documented.
        // Likewise a cause given by its class ("due to food") is passed when the statement
        // states a cause and names the member below it ("due to peanuts": peanuts are food).
        const classOfCause = child.kind.causeClass && words.statesCause;
        // "Joint" heads the joints by name ("Pain, joint, knee"; "Effusion, joint, knee"): a
        // knee is a joint, so a note's "knee pain" reaches its entry through the heading. Only a
        // joint's own name does: a hand or foot is a region too ("hand lesions" are the skin's).
        const jointHeading =
          child.words.required.length === 1 &&
          child.words.required[0] === JOINT_HEADING &&
          JOINT_NAMES.some((j) => words.at.has(j));
        if (((acc.headings ?? 0) > 0 || classOfCause || jointHeading) && child.children.length > 0) {
          const through = this.walk(
            child,
            // ("due to food, nuts, peanuts": the member may sit one class further down.)
            { ...acc, nodes: [...acc.nodes, child], headings: classOfCause && !acc.headings ? 1 : 0 },
            words,
            linkWords,
            hops,
          );
          const score = through.score - 0.5;
          const read = through.local.filter((i) => !acc.local.includes(i));
          const member =
            !jointHeading ||
            classOfCause ||
            (acc.headings ?? 0) > 0 ||
            read.some((i) => JOINT_NAMES.includes(words.sentence.tokens[i]!.stem));
          if (through.local.length > acc.local.length && member && score > best.score)
            best = { ...through, score, headings: acc.headings };
        } else if (acc.head !== undefined && !acc.defaultType && child.kind.defaultType) {
          // A condition with no stated cause is the primary (idiopathic) kind: where the Index
          // lists sites only under that type ("Gout, idiopathic, foot joint"), a documented
          // site reaches them through it, as the Index itself does for others ("Osteoarthritis,
          // knee" is primary).
          const through = this.walk(
            child,
            { ...acc, nodes: [...acc.nodes, child], defaultType: true },
            words,
            linkWords,
            hops,
          );
          const score = through.score - 0.5;
          if (through.local.length > acc.local.length && score > best.score) best = through;
        } else if (
          acc.head !== undefined &&
          child.kind.localized &&
          !child.nemod &&
          child.code?.startsWith('R')
        ) {
          // Notes say where, not "localized": "axillary lymphadenopathy", "edema of the left
          // ankle". Only for a sign whose localized form is a code of its own (R59.0, R60.0):
          // "Osteoporosis, localized" (Lequesne) or "Fat, localized" are conditions, not extents,
          // and "Mass, localized (skin)" is the skin's. A site the Index lists itself ("Edema,
          // legs"; "Mass, kidney" for a renal mass) reads the word fully and wins.
          const site = siteBeside(words, headOf(acc), used);
          if (site !== null) {
            const next = this.walk(
              child,
              { ...acc, nodes: [...acc.nodes, child], local: [...acc.local, site], score: acc.score + 1 },
              words,
              linkWords,
              hops,
            );
            if (next.score > best.score) best = next;
          }
        }
        continue;
      }
      if (child.words.polarity === 'without') {
        if (!allNegated(words, idx)) continue;
      } else if (deniedAt(words, idx, headOf(acc))) continue;
      if (child.words.negated) {
        // "reading, no diagnosis of hypertension": the statement must say it is absent.
        const absent = place(words, child.words.negated, new Set([...used, ...idx]), anchor);
        if (!absent || !allNegated(words, absent)) continue;
        idx.push(...absent);
      }
      const optional = child.words.optional.filter((s) => words.at.has(s)).length;
      // The note's own word beats the class a synonym reads it as ("Bitten by, dog" over
      // "Bitten by, animal"); a word read either way counts once, as the synonym's.
      const viaSynonym = idx.filter(
        (i) => words.derived.has(i) && !child.words.required.includes(words.sentence.tokens[i]!.stem),
      ).length;
      let next: Walk = {
        ...acc,
        nodes: [...acc.nodes, child],
        local: [...acc.local, ...idx],
        // Between subterms that read as many words, the one written next to the main term
        // describes it ("schizophrenia, paranoid type, acute" is paranoid schizophrenia):
        // a hundredth of a point per token of distance only breaks ties.
        score:
          acc.score +
          idx.length * 2 +
          optional -
          spread(idx) * 0.1 -
          viaSynonym * 0.5 -
          (acc.caused ? 0 : distanceFrom(anchor, idx) * 0.01),
      };
      next = this.walk(child, next, words, linkWords, hops);
      // A path that stops at a heading with no code of its own, none of whose subterms the note
      // names ("Wound, open, left" lists only the abdomen's quadrants), reads a word but codes
      // nothing of it: a coded sibling that reads as much wins ("… of the left forearm").
      const last = next.nodes[next.nodes.length - 1]!;
      if (!last.code && !last.see && !last.seeAlso && last.children.length > 0)
        next = { ...next, score: next.score - 1 };
      if (next.score > best.score) best = next;
    }
    // A term with no code that points elsewhere ("see Disease, kidney, chronic"): continue there.
    const last = best.nodes[best.nodes.length - 1]!;
    // A term with neither code, "see" nor subterms but a "see also" ("Nephrolithiasis — see also
    // Calculus, kidney") has nowhere else to go: the coder follows the "see also".
    const seeAlsoOnly =
      !this.options.followSeeAlso &&
      last.children.length === 0 &&
      last.seeAlso &&
      !/^table of/i.test(last.seeAlso)
        ? last.seeAlso
        : null;
    // The External Cause Index sends an uncoded main term on with "see also" ("Cut, cutting —
    // see also Contact, with, by object"): with no code of its own, that is the only way on.
    // It is taken only when the statement says more below it ("cut … with a knife"): "lifting"
    // alone is no overexertion.
    const seeAlso = !last.see && this.options.followSeeAlso && best.nodes.length === 1 ? last.seeAlso : null;
    const onward = last.see ?? seeAlso ?? seeAlsoOnly;
    if (!last.code && onward && hops < MAX_SEE_HOPS && best.linked.length === 0) {
      const target = resolveSee(this.tree, onward);
      if (target && target !== last) {
        const moved = { ...best, nodes: [...best.nodes, target] };
        const next = this.walk(target, moved, words, linkWords, hops + 1);
        if (!seeAlso || next.local.length > best.local.length) return next;
      }
    }
    return best;
  }

  private toMention(found: Walk, sentence: Sentence): Mention | null {
    let walk = found;
    // The code is on the deepest node that has one (a subterm without a code inherits none,
    // so we back off to its nearest coded ancestor on the path).
    let k = walk.nodes.length - 1;
    // "Carcinoma — see Neoplasm, malignant, by site": the Neoplasm Table decides (engine).
    // "Neoplasm (see also Table of Neoplasms)" itself: the behaviour is the statement's word.
    // A histology subterm with no code of its own ("Carcinoma, ductal") inherits the nearest
    // such reference on its path, before any coded ancestor.
    const neoplasmSeeOf = (n: IndexNode) => {
      const tableSee = [n.see, n.seeAlso].some((x) => x && /^table of neoplasms/i.test(x))
        ? `Neoplasm, ${statedBehaviour(sentence)}`
        : null;
      return [n.see, n.seeAlso, tableSee].find((x) => x && /^neoplasm\b/i.test(x)) ?? null;
    };
    for (let j = k; j >= 0; j--) {
      const n = walk.nodes[j]!;
      if (n.code) break;
      const see = neoplasmSeeOf(n);
      if (!see) continue;
      const marker = { ...n, code: `${NEOPLASM_PREFIX}${see}` };
      walk = { ...walk, nodes: [...walk.nodes.slice(0, k), { ...walk.nodes[k]!, code: marker.code }] };
      break;
    }
    while (k >= 0 && !walk.nodes[k]!.code) k--;
    if (k < 0) return null;
    const leaf = walk.nodes[k]!;
    const path = walk.nodes.slice(0, k + 1);
    const localMax = Math.max(...walk.local);
    const localMin = Math.min(...walk.local);
    const base = sentence.index * POS_BASE;
    const positions = walk.local.map((i) => base + i);
    for (const l of walk.linked) positions.push(...l.idx.map((i) => l.words.sentence.index * POS_BASE + i));
    const head = walk.local.slice(0, walk.head || walk.local.length);
    const mention: Mention = {
      sentence,
      path,
      code: leaf.code!,
      manif: leaf.manif,
      positions,
      linked: walk.linked.map((l) => l.words.sentence),
      context: mentionContext(sentence.flags, head, localMin, localMax),
    };
    if (appliesTrigger(sentence.tokens, IN_REMISSION))
      mention.remissionContext = mentionContext(
        contextScopes(sentence.tokens, REMISSION_STATE),
        head,
        localMin,
        localMax,
      );
    return mention;
  }
}

// "In remission" as a history trigger (nlp/context.ts), read instead as the condition's state
// where a code reports remission (index-mentions).
const IN_REMISSION = 'in remission';
const REMISSION_STATE: ReadonlySet<string> = new Set([IN_REMISSION]);

/** The behaviour a statement gives a neoplasm ("malignant neoplasm of …"), as the Table's column name. */
function statedBehaviour(sentence: Sentence): string {
  const words = new Set(sentence.tokens.map((t) => t.norm));
  if (words.has('malignant') || words.has('malignancy')) return 'malignant, by site';
  if (words.has('benign')) return 'benign, by site';
  if (words.has('situ')) return 'in situ, by site';
  if (words.has('uncertain')) return 'uncertain behavior, by site';
  return 'unspecified behavior, by site';
}

/** Tokens between a subterm's nearest word and the main term's (0 when adjacent or unanchored). */
function distanceFrom(anchor: number | null, idx: readonly number[]): number {
  if (anchor === null || idx.length === 0) return 0;
  return Math.max(0, Math.min(...idx.map((i) => Math.abs(i - anchor))) - 1);
}

/** Extra distance between a term's words beyond adjacency: prefers "stage 3" over "type 2 … stage". */
function spread(idx: number[]): number {
  return idx.length < 2 ? 0 : Math.max(...idx) - Math.min(...idx) - (idx.length - 1);
}

/** Words of a linked condition must sit together (within a few tokens), not be scattered. */
function tight(idx: number[], n: number): boolean {
  return Math.max(...idx) - Math.min(...idx) <= n + 1;
}

/**
 * Drops a mention whose words are all covered by a more specific mention (the coder's
 * "most specific Index entry wins"), and exact duplicates.
 */
export function dropSubsumed(mentions: Mention[]): Mention[] {
  const sets = mentions.map((m) => new Set(m.positions));
  const keep: Mention[] = [];
  mentions.forEach((m, i) => {
    const mine = sets[i]!;
    const subsumed = mentions.some((o, j) => {
      // A negated or hypothetical reading ("diabetes without complications" read as a
      // complication) never hides an affirmative one of the same words.
      if (i === j || !sameStance(o.context, m.context)) return false;
      const other = sets[j]!;
      if (other.size < mine.size) return false;
      for (const p of mine) if (!other.has(p)) return false;
      // Equal sets: keep the direct entry over one reached through "see", then the deeper
      // path, then the earlier one.
      if (other.size === mine.size) {
        const [ho, hm] = [seeHops(o.path), seeHops(m.path)];
        if (ho !== hm) return ho < hm;
        return o.path.length > m.path.length || (o.path.length === m.path.length && j < i);
      }
      return true;
    });
    if (!subsumed) keep.push(m);
  });
  return keep;
}

/** Cross references followed on a path: steps whose node is not a child of the previous one. */
function seeHops(path: readonly IndexNode[]): number {
  let hops = 0;
  for (let i = 1; i < path.length; i++) if (path[i]!.parent !== path[i - 1]!.id) hops++;
  return hops;
}

function sameStance(a: ContextFlags, b: ContextFlags): boolean {
  return a.negated === b.negated && a.hypothetical === b.hypothetical && a.family === b.family;
}

/**
 * The main term's own words: a subterm is denied when its words are negated and the condition
 * itself is not ("migraine without aura, no status migrainosus" — "aura" being negated by
 * "without" does not make every later negation part of the condition).
 */
/**
 * "Defect", "Deformity", "Anomaly" alone are the Index's congenital malformation NOS (Q89.9).
 * The defects notes mostly speak of are not: a surgical or tissue defect, a visual field
 * defect, a refractive defect. A coder takes Q89.9 only when the note says the condition is
 * congenital; a named malformation ("atrial septal defect") reads a coded subterm and is untouched.
 */
function bareMalformation(walk: Walk, words: SentenceWords): boolean {
  // The code is the main term's own when no subterm on the path has one ("Deformity, foot
  // (acquired)" has none: the walk would fall back to the main term's Q89.9).
  const coded = walk.nodes.findLast((n) => n.code);
  if (coded !== walk.nodes[0] || coded?.code !== UNSPECIFIED_MALFORMATION) return false;
  return !CONGENITAL_WORDS.some((s) => words.at.has(s));
}
const UNSPECIFIED_MALFORMATION = 'Q89.9';
const CONGENITAL_WORDS = ['congenital', 'congenitally', 'birth', 'born', 'inborn'].map(stem);

/**
 * A word naming a body site right beside the main term's words (up to four tokens either way,
 * not across punctuation): "bilateral axillary lymphadenopathy", "edema of the left ankle".
 * None when "generalized" is said there too ("generalized lymphadenopathy with axillary nodes").
 */
function siteBeside(words: SentenceWords, head: readonly number[], used: ReadonlySet<number>): number | null {
  if (head.length === 0) return null;
  const tokens = words.sentence.tokens;
  const first = Math.min(...head);
  const last = Math.max(...head);
  let site: number | null = null;
  for (const [from, step] of [
    [first, -1],
    [last, 1],
  ] as const) {
    for (let d = 1; d <= SITE_REACH; d++) {
      const i = from + step * d;
      const t = tokens[i];
      if (!t || isPunct(t) || words.clause[i] !== words.clause[from]) break;
      if (t.stem === GENERALIZED) return null;
      if (site === null && !used.has(i) && !t.expandedFrom && isBodySite(t.stem)) site = i;
    }
  }
  return site;
}
const SITE_REACH = 4;
const JOINT_HEADING = stem('joint');
const JOINT_NAMES = [
  'knee',
  'hip',
  'shoulder',
  'elbow',
  'wrist',
  'ankle',
  'sacroiliac',
  'temporomandibular',
].map(stem);
const GENERALIZED = stem('generalized');

/**
 * A subterm the walk may take or pass without the statement containing its words (see walk()):
 * "not specified as", "with"/"without" groups, connecting subterms, a cause's class, the joint
 * heading, the default type and "localized". Any other is read from its own words only.
 */
function readWithoutWords(child: IndexNode): boolean {
  const kind = child.kind;
  const required = child.words.required;
  return (
    kind.notSpecifiedAs !== null ||
    child.connector !== null ||
    required.length === 0 ||
    (child.children.length > 0 &&
      (kind.causeClass || (required.length === 1 && required[0] === JOINT_HEADING))) ||
    kind.defaultType ||
    (kind.localized && !child.nemod && child.code?.startsWith('R') === true)
  );
}

function headOf(acc: Walk): number[] {
  return acc.head ? acc.local.slice(0, acc.head) : acc.local;
}

/** True when the subterm's words are negated but the words already on the path are not. */
function deniedAt(words: SentenceWords, idx: readonly number[], path: readonly number[]): boolean {
  const flags = words.sentence.flags;
  const negated = (i: number) => flags[i]?.negated === true;
  return idx.some(negated) && !path.some(negated);
}

/**
 * The mention's context: that of its main term's words, so a negated or hypothetical subterm
 * ("without psychotic features", "… should help") does not change the condition's; family and
 * history anywhere in the mention still apply.
 */
function mentionContext(flags: ContextFlags[], head: number[], min: number, max: number): ContextFlags {
  const whole = contextOf(flags, min, max + 1);
  if (head.length === 0) return whole;
  const own = contextOf(flags, Math.min(...head), Math.max(...head) + 1);
  return { ...own, family: whole.family, historical: own.historical || whole.historical };
}

function allNegated(words: SentenceWords, idx: readonly number[]): boolean {
  return idx.every((i) => words.sentence.flags[i]?.negated === true);
}

const CAUSAL_STEMS = ['due', 'secondary', 'caus', 'induc', 'relat', 'from', 'attribut'];

/** The statement states a cause: "secondary to", or a causal word ("due", "caused", "related"). */
function statesCause(causal: boolean, at: ReadonlyMap<string, number[]>): boolean {
  if (causal) return true;
  for (const stem of at.keys()) if (CAUSAL_STEMS.some((c) => stem.startsWith(c))) return true;
  return false;
}
