/**
 * Terminology hot paths: load time, search p50/p99 over 1,000 queries generated deterministically
 * from the loaded data (title words in shuffled order, clinical abbreviations, one-letter typos),
 * and lookup / validate p99 (latencies are the best of three interleaved passes per item). Store
 * from the environment (DATABASE_URL, else MEDCODER_DATA or ./data).
 * Run: `npm run bench` (or `npx tsx bench/terminology.ts`).
 */
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/index.js';
import { CLINICAL_ABBREVIATIONS } from '../src/terminology/abbreviations.js';
import { loadTerminology } from '../src/terminology/index.js';
import { LAY_SYNONYMS } from '../src/terminology/lay-synonyms.js';
import type { Icd10cmTerminology } from '../src/terminology/types.js';

// mulberry32: a tiny seeded generator, so every run benchmarks the same queries.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function allCodes(t: Icd10cmTerminology): Array<{ code: string; title: string }> {
  const out: Array<{ code: string; title: string }> = [];
  // `ref` names each node unambiguously (a section id can equal its only category's code).
  const visit = (target?: string) => {
    for (const c of t.browse(target)?.children ?? []) {
      if (c.type === 'code') out.push({ code: c.id, title: c.title });
      if (c.hasChildren) visit(c.ref);
    }
  };
  visit();
  return out;
}

function makeQueries(codes: Array<{ title: string }>, n: number): string[] {
  const random = rng(20230101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const abbreviations = Object.keys(CLINICAL_ABBREVIATIONS);
  const queries: string[] = [];
  while (queries.length < n) {
    const words = pick(codes)
      .title.toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2);
    if (words.length === 0) continue;
    const take = words.sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 2));
    const kind = random();
    if (kind < 0.2) {
      queries.push(`${pick(abbreviations)} ${take[0]}`);
    } else if (kind < 0.5) {
      const i = take.findIndex((w) => w.length >= 5);
      if (i >= 0) {
        const w = take[i] as string;
        const at = 1 + Math.floor(random() * (w.length - 2));
        take[i] = w.slice(0, at) + w.slice(at + 1); // one dropped letter
      }
      queries.push(take.join(' '));
    } else {
      queries.push(take.join(' '));
    }
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Per-item latency percentiles. The whole list is run `ROUNDS` times and each item keeps its
 * fastest time: on a shared machine a single pass mostly measures when the scheduler took the
 * CPU away, and the minimum over interleaved passes removes that without favouring any item.
 */
const ROUNDS = 3;

function timeEach<T>(items: readonly T[], run: (x: T) => unknown): { p50: number; p99: number; max: number } {
  const best = new Array<number>(items.length).fill(Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    items.forEach((x, i) => {
      const start = performance.now();
      run(x);
      const ms = performance.now() - start;
      if (ms < (best[i] as number)) best[i] = ms;
    });
  }
  const times = best.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? 0 };
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

async function main(): Promise<void> {
  const store = await openStore();
  try {
    // User CPU as well as wall time: the machine may be shared, and wall time then mostly
    // measures the other processes.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const t = await loadTerminology(store.db);
    const loadMs = performance.now() - t0;
    const loadCpu = process.cpuUsage(cpu0);
    const split = t.loadTimings
      ? ` = queries ${t.loadTimings.queryMs} ms + build ${t.loadTimings.buildMs} ms`
      : '';
    console.log(
      `load: ${loadMs.toFixed(0)} ms wall${split}; user CPU ${(loadCpu.user / 1000).toFixed(0)} ms ` +
        `(${t.selection.codes.release.label}; store ${store.kind}; goal < 3 s)`,
    );

    const codes = allCodes(t);
    const queries = makeQueries(codes, 1000);
    const cpu1 = process.cpuUsage();
    const s0 = performance.now();
    t.search(queries[0] as string); // builds the search index (deferred by default)
    console.log(
      `first search (builds the search index): ${(performance.now() - s0).toFixed(0)} ms wall; ` +
        `user CPU ${(process.cpuUsage(cpu1).user / 1000).toFixed(0)} ms`,
    );
    for (const q of queries.slice(0, 200)) t.search(q); // warm-up
    const search = timeEach(queries, (q) => t.search(q, { limit: 20 }));
    console.log(
      `search (1,000 queries): p50 ${fmt(search.p50)}  p99 ${fmt(search.p99)}  max ${fmt(search.max)}  (goal p99 < 5 ms)`,
    );
    // What a coder types into an encoder besides words: codes and code prefixes in any spelling,
    // and lay wording with a title word ("broken femur", "colon carcinoma").
    const pickFrom = rng(11);
    const codeQueries = Array.from({ length: 1000 }, (_, i) => {
      const c = codes[Math.floor(pickFrom() * codes.length)]?.code ?? 'E11.65';
      const cut = c.slice(0, 3 + Math.floor(pickFrom() * (c.length - 2)));
      return i % 2 ? cut.replace('.', '').toLowerCase() : cut;
    });
    const lay = codeQueries.map((_, i) => {
      const synonym = LAY_SYNONYMS[i % LAY_SYNONYMS.length]?.lay ?? 'broken';
      const word = queries[i]?.split(' ')[0] ?? '';
      return i % 3 ? `${synonym} ${word}` : synonym;
    });
    for (const [name, list] of [
      ['codes and code prefixes', codeQueries],
      ['lay wording', lay],
    ] as const) {
      const r = timeEach(list, (q) => t.search(q, { limit: 20 }));
      console.log(
        `search (1,000 ${name}): p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}  max ${fmt(r.max)}  (goal p99 < 5 ms)`,
      );
    }

    const random = rng(7);
    const sample = Array.from(
      { length: 10_000 },
      () => codes[Math.floor(random() * codes.length)]?.code ?? 'E11.65',
    );
    const spellings = sample.map((c, i) => (i % 2 ? c.replace('.', '').toLowerCase() : c));
    for (const c of spellings.slice(0, 1000)) t.lookup(c);
    const lookup = timeEach(spellings, (c) => t.lookup(c));
    console.log(`lookup (10,000 codes): p50 ${fmt(lookup.p50)}  p99 ${fmt(lookup.p99)}  (goal p99 < 0.5 ms)`);
    const broken = sample.map((c, i) => (i % 10 === 0 ? `${c.slice(0, -1)}9` : c));
    for (const c of broken.slice(0, 1000)) t.validate([c]);
    const validate = timeEach(broken, (c) => t.validate([c]));
    console.log(
      `validate (10,000 codes, 10% altered): p50 ${fmt(validate.p50)}  p99 ${fmt(validate.p99)}  (goal p99 < 0.5 ms)`,
    );
    // Unknown codes only (the closest-code search is the expensive path): one character of a real
    // code replaced, or one appended.
    const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    const unknown: string[] = [];
    while (unknown.length < 5_000) {
      const c = (codes[Math.floor(random() * codes.length)]?.code ?? 'E11.65').replace('.', '');
      const at = 1 + Math.floor(random() * (c.length - 1));
      const altered =
        random() < 0.3
          ? `${c}9`
          : c.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + c.slice(at + 1);
      if (t.validate([altered])[0]?.problem?.reason === 'unknown') unknown.push(altered);
    }
    const unknownTimes = timeEach(unknown, (c) => t.validate([c]));
    console.log(
      `validate (5,000 unknown codes): p50 ${fmt(unknownTimes.p50)}  p99 ${fmt(unknownTimes.p99)}  (goal p99 < 0.5 ms)`,
    );
  } finally {
    await store.close();
  }
}

await main();
