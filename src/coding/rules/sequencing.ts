/**
 * Sequencing (Section II principal diagnosis, IV.G first-listed): conditions the provider
 * states, in the order stated (the assessment lists the reason for the encounter first), then
 * symptoms, then status/history Z codes; "code first" instructions put the etiology before its
 * manifestation (I.A.13: codes titled "in diseases classified elsewhere" are never first);
 * external-cause codes (V00–Y99) are never first-listed (I.C.20); a poisoning precedes its
 * manifestations, an adverse effect or underdosing follows them (I.C.19.e.5). Duplicate codes are merged,
 * keeping all their evidence.
 */
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';

export const GUIDELINE = 'IV.G / II: first-listed (principal) diagnosis is the condition chiefly responsible';

/** T36–T50 with 6th character 5 (adverse effect) or 6 (underdosing), or 1–4 (poisoning). */
function drugCharacter(code: string): string | null {
  const flat = code.replace('.', '');
  return /^T(3[6-9]|4\d|50)/.test(flat) && flat.length >= 6 ? flat[5]! : null;
}

function group(c: Candidate): number {
  const drug = drugCharacter(c.code);
  // A poisoning comes before its manifestations (I.C.19.e.5.b); an adverse effect or an
  // underdosing after the condition it caused or worsened (I.C.19.e.5.a, I.C.19.e.5.c).
  if (drug && '1234'.includes(drug)) return -1;
  // An encounter solely for chemotherapy, immunotherapy or radiation (I.C.2.e.2).
  if (/^Z51\.(0|1[12])$/.test(c.code)) return -2;
  if (drug === '5' || drug === '6') return 2;
  if (/^[V-Y]/.test(c.code)) return 4;
  if (/^Z(79|8|9)/.test(c.code)) return 3;
  if (c.code.startsWith('R')) return 2;
  if (/in diseases classified elsewhere/i.test(c.title)) return 1;
  return 0;
}

export function mergeDuplicates(candidates: readonly Candidate[]): Candidate[] {
  const byCode = new Map<string, Candidate>();
  for (const c of candidates) {
    const seen = byCode.get(c.code);
    if (!seen) {
      byCode.set(c.code, { ...c });
      continue;
    }
    const spans = new Set(seen.evidence.map((e) => `${e.start}:${e.end}`));
    seen.evidence = [...seen.evidence, ...c.evidence.filter((e) => !spans.has(`${e.start}:${e.end}`))];
    seen.confidence = Math.max(seen.confidence, c.confidence);
    seen.offset = Math.min(seen.offset, c.offset);
    for (const g of c.guidelines) if (!seen.guidelines.includes(g)) seen.guidelines.push(g);
    for (const n of c.tabularNotes) if (!seen.tabularNotes.includes(n)) seen.tabularNotes.push(n);
  }
  return [...byCode.values()];
}

export const sequencing: Rule = (candidates) => {
  const list = mergeDuplicates(candidates).sort((a, b) => group(a) - group(b) || a.offset - b.offset);
  // "Code first": move the etiology in front of the code whose note asks for it.
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const first = a.details.notes
      .filter((n) => n.kind === 'codeFirst')
      .flatMap((n) => codeRefs(n.text))
      .map((r) => list.findIndex((b, j) => j > i && inRange(b.code, r)))
      .filter((j) => j > i);
    if (first.length > 0) {
      const j = Math.min(...first);
      const [etiology] = list.splice(j, 1);
      list.splice(i, 0, etiology!);
    }
  }
  if (list[0]) list[0].guidelines = [...list[0].guidelines, GUIDELINE];
  return { candidates: list };
};
