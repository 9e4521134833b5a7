import type { Notes, TabularList } from '../codesets/icd10cm/tabular-model.js';

/**
 * Derives the age and sex conditions of ICD-10-CM codes from the Tabular List's own words, so
 * the table the age/sex edit uses can be regenerated for any release and reviewed line by line
 * (the committed result is ./age-sex-table.ts). Each rule names the node it came from and the
 * text that justifies it:
 *
 * - maternity: chapter 15 (its note: "for use only on maternal records"), and chapter 21
 *   categories whose titles are about pregnancy (Z33, Z34, Z3A ...): patient age 12-55;
 * - newborn: chapter 16 (its note: "for use on newborn records only"), and codes outside it whose
 *   titles name a newborn or liveborn infant (Z38, Z00.11 ...): age 0;
 * - pediatric: titles naming childhood or infancy as the period of onset: age 0-17;
 * - adult: titles naming age-related or senile conditions: age 15 and over;
 * - female / male: sections, categories and codes whose titles name one sex or its organs
 *   (ovary, uterus, cervix, vulva, vagina / prostate, testis, penis, scrotum ...), never both.
 *
 * A rule found on a node covers its whole subtree, so only the highest node is listed.
 * The age ranges are those of the CMS Medicare Code Editor's edit categories.
 */
export type AgeSexKind = 'maternity' | 'newborn' | 'pediatric' | 'adult' | 'female' | 'male';

export interface AgeSexRule {
  kind: AgeSexKind;
  /** A code (covers its subtree) or a range "C51-C58" (covers the categories in it). */
  scope: string;
  /** Where the rule comes from: "chapter 15", "section N40-N53", "code Z38". */
  source: string;
  /** The title or note text that justifies it. */
  evidence: string;
}

export const AGE_RANGES: Readonly<
  Record<'maternity' | 'newborn' | 'pediatric' | 'adult', readonly [number, number]>
> = {
  maternity: [12, 55],
  newborn: [0, 0],
  pediatric: [0, 17],
  adult: [15, 124],
};

const FEMALE =
  /\bfemale\b|\bovar(?:y|ies|ian)\b|\buter(?:us|ine)\b|\bcervix\b|\bvulva|\bvagina(?:l|s)?\b|\bfallopian\b|\bendometri|\bplacenta|\bpuerper|\bpregnan/i;
const MALE =
  /\bmale\b|\bprostat|\btest(?:is|es|icular)\b|\bpenis\b|\bpenile\b|\bscrot|\bspermatic\b|\bepididym|\bseminal\b/i;
const NEWBORN = /\bnewborn\b|\bliveborn infants?\b|\bneonatal\b/i;
/** Titles that mention a newborn but are not about one ("Omphalitis not of newborn", "newborn, infant and child"). */
const NOT_NEWBORN = /\bnot of newborn\b|\bchild\b|\bhistory\b/i;
const PEDIATRIC = /\bof childhood\b|\bin infancy\b|\bof infancy\b/i;
const ADULT = /\bage-related\b|\bsenile\b|\bsenility\b/i;
/** Chapter 21 titles that mean the patient is pregnant or just delivered (not history, testing or avoidance). */
const PREGNANCY =
  /^pregnant state|supervision of (?:normal |high[- ]risk )?pregnancy|^weeks of gestation|antenatal screening|maternal postpartum|^outcome of delivery/i;
/** Titles about someone other than the patient (a partner, a perpetrator). */
const SOMEONE_ELSE = /\bpartner\b/i;

const note = (notes: Notes): string => Object.values(notes).flat().join(' ');

export function deriveAgeSexRules(tabular: TabularList): AgeSexRule[] {
  const rules: AgeSexRule[] = [];
  const chapterKinds = new Map<number, AgeSexKind[]>();
  for (const ch of tabular.chapters) {
    const text = note(ch.notes);
    const kinds: AgeSexKind[] = [];
    if (/for use only on maternal records/i.test(text)) kinds.push('maternity', 'female');
    if (/newborn records only/i.test(text)) kinds.push('newborn');
    chapterKinds.set(ch.num, kinds);
    const scope = ch.firstCode && ch.lastCode ? `${ch.firstCode}-${ch.lastCode}` : `chapter ${ch.num}`;
    const evidence =
      Object.values(ch.notes)
        .flat()
        .find((n) => /for use only on maternal records|newborn records only/i.test(n)) ?? ch.title;
    for (const kind of kinds) rules.push({ kind, scope, source: `chapter ${ch.num}`, evidence });
  }
  const sectionKinds = new Map<string, AgeSexKind[]>();
  for (const s of tabular.sections) {
    const inherited = chapterKinds.get(s.chapterNum) ?? [];
    const kinds = titleKinds(s.title, s.chapterNum).filter((k) => !inherited.includes(k));
    sectionKinds.set(s.id, [...inherited, ...kinds]);
    for (const kind of kinds) rules.push({ kind, scope: s.id, source: `section ${s.id}`, evidence: s.title });
  }
  const kindsOf = new Map<string, AgeSexKind[]>();
  for (const c of tabular.codes) {
    const above = c.parent ? (kindsOf.get(c.parent) ?? []) : (sectionKinds.get(c.sectionId) ?? []);
    const own = titleKinds(c.title, c.chapterNum).filter((k) => !above.includes(k) && !conflicts(k, above));
    kindsOf.set(c.code, [...above, ...own]);
    for (const kind of own) {
      rules.push({ kind, scope: c.code, source: `code ${c.code}`, evidence: c.title });
    }
  }
  return rules;
}

/** A subtree already marked for the opposite sex keeps that mark (titles name organs loosely). */
function conflicts(kind: AgeSexKind, above: readonly AgeSexKind[]): boolean {
  return (kind === 'male' && above.includes('female')) || (kind === 'female' && above.includes('male'));
}

function titleKinds(title: string, chapter: number): AgeSexKind[] {
  const kinds: AgeSexKind[] = [];
  // Chapter 16 titles speak of the mother and placenta as causes of the newborn's condition;
  // chapter 20 titles name perpetrators, not the patient.
  if (chapter !== 16 && chapter !== 20 && !SOMEONE_ELSE.test(title)) {
    const female = FEMALE.test(title);
    const male = MALE.test(title);
    if (female && !male) kinds.push('female');
    if (male && !female) kinds.push('male');
    if (chapter === 21 && PREGNANCY.test(title)) kinds.push('maternity');
  }
  if (chapter !== 16 && NEWBORN.test(title) && !NOT_NEWBORN.test(title)) kinds.push('newborn');
  if (PEDIATRIC.test(title)) kinds.push('pediatric');
  if (ADULT.test(title)) kinds.push('adult');
  return kinds;
}

/** The TypeScript source of ./age-sex-table.ts for a set of rules (regenerate, then review the diff). */
export function renderAgeSexTable(rules: readonly AgeSexRule[], derivedFrom: string): string {
  const rows = rules.map(
    (r) => `  [${JSON.stringify(r.kind)}, ${JSON.stringify(r.scope)}, ${JSON.stringify(r.evidence)}],`,
  );
  return [
    '// Generated by renderAgeSexTable(deriveAgeSexRules(tabular)) in ./age-sex-derive.ts; review changes by diff.',
    `// Derived from ${derivedFrom}. Each row: condition, code or range it covers (with its subtree), and the`,
    '// Tabular text (chapter note or title) that justifies it.',
    "import type { AgeSexKind } from './age-sex-derive.js';",
    '',
    'export const AGE_SEX_TABLE: ReadonlyArray<readonly [AgeSexKind, string, string]> = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}
