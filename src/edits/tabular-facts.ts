import { deriveBillableCodes } from '../codesets/icd10cm/billable.js';
import type { TabularCode, TabularList } from '../codesets/icd10cm/tabular-model.js';
import {
  type DiagnosisFact,
  type DiagnosisFacts,
  type DiagnosisLookup,
  dottedDiagnosis,
} from './diagnosis-facts.js';

export interface TabularRelease {
  tabular: TabularList;
  /** Dates of service the release covers (a fiscal year: previous October 1 to September 30). */
  effectiveFrom: string;
  effectiveTo: string;
}

/** "in diseases classified elsewhere", "in other diseases classified elsewhere" (F02), ... */
const MANIFESTATION = /\bdiseases classified elsewhere\b/i;

/**
 * DiagnosisFacts from parsed Tabular Lists held in memory (one per fiscal year), for when the
 * terminology service is not at hand (tests, benchmarks, a CLI run with `--tabular`). Billable
 * codes, 7th-character expansions included, come from the Tabular itself
 * (deriveBillableCodes); notes are inherited from ancestors, section and chapter as coders
 * read them.
 */
export function tabularDiagnosisFacts(releases: readonly TabularRelease[]): DiagnosisFacts {
  const indexed = releases.map((r) => ({ ...r, index: indexTabular(r.tabular) }));
  const cache = new Map<string, DiagnosisLookup>();
  return {
    lookup(code, date) {
      const release = indexed.find((r) => r.effectiveFrom <= date && date <= r.effectiveTo);
      if (!release) return { status: 'no-release' };
      const key = `${release.effectiveFrom}|${code}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = release.index(code);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

function indexTabular(tabular: TabularList): (code: string) => DiagnosisLookup {
  const byCode = new Map(tabular.codes.map((c) => [c.code, c]));
  const billable = new Map(deriveBillableCodes(tabular).map((d) => [d.code, d]));
  const chapters = new Map(tabular.chapters.map((c) => [c.num, c]));
  const sections = new Map(tabular.sections.map((s) => [s.id, s]));
  const chain = (node: TabularCode): TabularCode[] => {
    const out: TabularCode[] = [];
    for (let n: TabularCode | undefined = node; n; n = n.parent ? byCode.get(n.parent) : undefined)
      out.push(n);
    return out;
  };
  // Notes in effect on a node = its own + its parent's in effect (or section's and chapter's for a
  // category). Memoised per node, so siblings share their ancestors' lists.
  const memo = {
    excludes1: new Map<string, readonly string[]>(),
    codeFirst: new Map<string, readonly string[]>(),
  };
  const inherited = (node: TabularCode, kind: 'excludes1' | 'codeFirst'): readonly string[] => {
    const cached = memo[kind].get(node.code);
    if (cached) return cached;
    const parent = node.parent ? byCode.get(node.parent) : undefined;
    const above = parent
      ? inherited(parent, kind)
      : [sections.get(node.sectionId), chapters.get(node.chapterNum)].flatMap((o) => o?.notes[kind] ?? []);
    const own = node.notes[kind];
    const all = own?.length ? [...own, ...above] : above;
    memo[kind].set(node.code, all);
    return all;
  };
  const sevenths = (node: TabularCode): string[] | undefined => {
    for (const n of chain(node)) if (n.sevenChrDef) return n.sevenChrDef.extensions.map((e) => e.char);
    const section = sections.get(node.sectionId);
    const chapter = chapters.get(node.chapterNum);
    const def = section?.sevenChrDef ?? chapter?.sevenChrDef;
    return def?.extensions.map((e) => e.char);
  };
  return (input) => {
    const code = dottedDiagnosis(input);
    if (!code) return { status: 'unknown' };
    const derived = billable.get(code);
    const node = byCode.get(derived ? derived.base : code);
    if (!node) return { status: 'unknown' };
    const seventh = sevenths(node);
    const status = derived ? 'billable' : node.hasChildren ? 'header' : seventh ? 'needs-seventh' : 'unknown';
    if (status === 'unknown') return { status };
    const fact: DiagnosisFact = {
      code,
      title: derived?.title ?? node.title,
      status,
      chapter: node.chapterNum,
      ...(seventh ? { seventhCharacters: seventh } : {}),
      excludes1: inherited(node, 'excludes1'),
      codeFirst: inherited(node, 'codeFirst'),
      manifestation: chain(node).some((n) => MANIFESTATION.test(n.title)),
    };
    return { status, fact };
  };
}
