/**
 * Which HCPCS drug codes a clause names. A code is named when every distinctive word of one of
 * its names is in the clause (its generic name, a second name segment, or its brand in
 * parentheses), directly or through a brand/shorthand synonym. Codes of one drug form a group;
 * a clause that names two drugs ("prochlorperazine + diphenhydramine") gives two groups.
 */

import type { Token } from '../../nlp/tokens.js';
import { stem } from '../../text/index.js';
import type { DrugCatalog, DrugCode } from './drug-catalog.js';
import { words } from './drug-catalog.js';
import { DRUG_SYNONYMS, type DrugSynonym } from './drug-synonyms.js';

/** The clause's words by stem, with the position (token index) of each occurrence. */
export interface ClauseWords {
  stems: Map<string, number[]>;
  synonyms: Array<{ synonym: DrugSynonym; at: number; start: number; end: number }>;
}

/**
 * The synonyms by their first word, each with its place in DRUG_SYNONYMS, so a token meets only
 * its own.
 */
const SYNONYMS_BY_FIRST_WORD = new Map<
  string,
  Array<{ synonym: DrugSynonym; words: string[]; order: number }>
>();
DRUG_SYNONYMS.forEach((s, order) => {
  const ws = words(s.name);
  const list = SYNONYMS_BY_FIRST_WORD.get(ws[0] ?? '') ?? [];
  list.push({ synonym: s, words: ws, order });
  SYNONYMS_BY_FIRST_WORD.set(ws[0] ?? '', list);
});

export function clauseWords(tokens: readonly Token[]): ClauseWords {
  const stems = new Map<string, number[]>();
  const add = (s: string, at: number) => {
    const list = stems.get(s);
    if (list) list.push(at);
    else stems.set(s, [at]);
  };
  tokens.forEach((t, i) => {
    add(t.stem, i);
    if (t.norm !== t.stem) add(t.norm, i);
  });
  // Found token by token, then put in DRUG_SYNONYMS order (synonym, then position), the order
  // the callers have always read them in.
  const found: Array<{ order: number; hit: ClauseWords['synonyms'][number] }> = [];
  tokens.forEach((t, i) => {
    for (const { synonym, words: ws, order } of SYNONYMS_BY_FIRST_WORD.get(t.norm) ?? []) {
      if (i + ws.length > tokens.length || !ws.every((w, k) => tokens[i + k]?.norm === w)) continue;
      const hit = { synonym, at: i, start: t.start, end: tokens[i + ws.length - 1]?.end ?? 0 };
      found.push({ order: order * tokens.length + i, hit });
    }
  });
  found.sort((a, b) => a.order - b.order);
  const synonyms: ClauseWords['synonyms'] = [];
  for (const { hit } of found) {
    synonyms.push(hit);
    for (const w of words(hit.synonym.generic)) {
      add(stem(w), hit.at);
      add(w, hit.at);
    }
  }
  return { stems, synonyms };
}

/** Whether a clause names any drug of the file, or a synonym of one. */
export function namesADrug(words: ClauseWords, index: StemIndex): boolean {
  return words.synonyms.length > 0 || [...words.stems.keys()].some((s) => index.drugStems.has(s));
}

export interface DrugMatch {
  code: DrugCode;
  /** Token index of the first word of the name matched. */
  at: number;
  /** The stems of the name matched (the group key). */
  anchors: string[];
  brandNamed: boolean;
}

export interface DrugGroup {
  /** Stems of the drug's name, sorted: codes of one drug share them. */
  key: string;
  at: number;
  matches: DrugMatch[];
}

/** Stemmed anchors of every name of every code, indexed by each stem. */
export interface StemIndex {
  byStem: Map<string, DrugCode[]>;
  anchors: Map<DrugCode, string[][]>;
  /** Stems of every drug name in the file (see DrugCatalog.drugWords). */
  drugStems: Set<string>;
}

export function stemIndex(catalog: DrugCatalog): StemIndex {
  const byStem = new Map<string, DrugCode[]>();
  const anchors = new Map<DrugCode, string[][]>();
  for (const code of catalog.codes) {
    const forms = code.names.map((n) => n.anchors.map(stem));
    anchors.set(code, forms);
    for (const s of new Set(forms.flat())) {
      const list = byStem.get(s);
      if (list) list.push(code);
      else byStem.set(s, [code]);
    }
  }
  return { byStem, anchors, drugStems: new Set([...catalog.drugWords].map(stem)) };
}

/**
 * The drug groups a clause names, among `allowed` codes (those in effect on the date of
 * service). A name matched inside a longer one ("epinephrine" in "lidocaine with epinephrine")
 * yields to the longer.
 */
export function drugGroups(
  words: ClauseWords,
  index: StemIndex,
  allowed: (code: DrugCode) => boolean,
): DrugGroup[] {
  const matches = new Map<DrugCode, DrugMatch>();
  for (const s of words.stems.keys()) {
    for (const code of index.byStem.get(s) ?? []) {
      if (matches.has(code) || !allowed(code)) continue;
      const forms = index.anchors.get(code) ?? [];
      let best: DrugMatch | undefined;
      forms.forEach((form, i) => {
        if (!form.every((a) => words.stems.has(a))) return;
        const at = Math.min(...form.map((a) => words.stems.get(a)?.[0] ?? 0));
        const brandNamed = code.names[i]?.kind === 'brand';
        if (!best || form.length > best.anchors.length || (brandNamed && !best.brandNamed))
          best = { code, at, anchors: form, brandNamed };
      });
      if (best) matches.set(code, best);
    }
  }
  const all = [...matches.values()];
  const kept = all.filter(
    (m) =>
      !all.some((o) => o.anchors.length > m.anchors.length && m.anchors.every((a) => o.anchors.includes(a))),
  );
  const groups = new Map<string, DrugGroup>();
  for (const m of kept) {
    // A brand-named match belongs to its drug's group: key on the generic name's words.
    const forms = index.anchors.get(m.code) ?? [];
    const key = [...(forms[0] ?? m.anchors)].sort().join(' ');
    const g = groups.get(key);
    if (g) {
      g.matches.push(m);
      g.at = Math.min(g.at, m.at);
    } else groups.set(key, { key, at: m.at, matches: [m] });
  }
  return [...groups.values()].sort((a, b) => a.at - b.at);
}
