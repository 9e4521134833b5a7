/**
 * Diabetes (I.C.4.a):
 * - I.C.4.a.2: when the type is not documented the default is type 2 (E11.-); a query for the
 *   type is raised;
 * - I.C.4.a.3: long-term use of insulin (Z79.4), oral hypoglycemics (Z79.84) or injectable
 *   non-insulin antidiabetics (Z79.85) is added for type 2 and other diabetes, not for type 1
 *   (insulin is inherent to it); insulin and oral drugs together → both codes.
 * The "with" links (E11.22 + N18.-) are made by the Index walk itself (I.A.15).
 */

import type { EvidenceSpan, PhysicianQuery } from '../../types.js';
import type { Candidate, Rule } from '../candidate.js';

export const DEFAULT_TYPE = 'I.C.4.a.2: diabetes type not documented defaults to type 2 (E11.-)';
export const LONG_TERM = 'I.C.4.a.3: long-term (current) use of insulin / oral hypoglycemic drugs';

export const INSULIN = [
  'insulin',
  'glargin',
  'lantu',
  'humalog',
  'novolog',
  'lispro',
  'aspart',
  'detemir',
  'degludec',
];
export const ORAL = [
  'metformin',
  'glipizid',
  'glyburid',
  'glimepirid',
  'sitagliptin',
  'linagliptin',
  'pioglitazon',
  'empagliflozin',
  'dapagliflozin',
  'canagliflozin',
  'januvia',
  'jardiance',
  'farxiga',
];
export const INJECTABLE = [
  'semaglutid',
  'liraglutid',
  'dulaglutid',
  'exenatid',
  'tirzepatid',
  'ozempic',
  'trulicity',
  'victoza',
];

export const diabetes: Rule = (candidates, ctx) => {
  const isDiabetes = (c: Readonly<Candidate>) => /^E(08|09|11|13)\./.test(c.code);
  let dm = candidates.filter(isDiabetes);
  const queries: PhysicianQuery[] = [];
  let out: Readonly<Candidate>[] = [...candidates];
  if (dm.length === 0) return { candidates: out };
  // The type is documented when any diabetes mention went through a "type" subterm.
  const typed = [...dm, ...candidates.filter((c) => c.code.startsWith('E10.'))].some((c) =>
    c.indexPath.some((p) => /\btype\b|due to|drug|induced|secondary/i.test(p)),
  );
  if (!typed && dm.every((c) => c.code.startsWith('E11.'))) {
    // Each diabetes candidate cites the default: a new object in its place.
    const defaulted = new Map(dm.map((c) => [c, { ...c, guidelines: [...c.guidelines, DEFAULT_TYPE] }]));
    out = out.map((c) => defaulted.get(c) ?? c);
    dm = out.filter(isDiabetes);
    queries.push({
      element: 'type of diabetes',
      question:
        'The documentation states diabetes mellitus without its type. Please clarify the type of diabetes (for example type 1, type 2, secondary, other specified), if clinically determined.',
      affectedCodes: dm.map((c) => c.code),
      evidence: dm.flatMap((c) => c.evidence.slice(0, 1)),
    });
  }
  const find = (list: string[]) => [...ctx.medications].find(([s]) => list.some((m) => s.startsWith(m)))?.[1];
  const has = (list: string[]) => find(list) !== undefined;
  const add = (code: string, list: string[]) => addWith(code, find(list)!);
  const addWith = (code: string, evidence: EvidenceSpan) => {
    if (out.some((c) => c.code === code)) return;
    const details = ctx.lookup(code);
    if (!details?.billable) return;
    const base = dm[0]!;
    out.push({
      ...base,
      code: details.code,
      title: details.title,
      details,
      evidence: [evidence],
      indexPath: ['Long-term (current) drug therapy (use of)'],
      tabularNotes: [
        `${base.code}: use additional code to identify control using insulin/oral hypoglycemic drugs`,
      ],
      guidelines: [LONG_TERM],
      confidence: 0.75,
      offset: base.offset + 1,
    });
  };
  if (has(INSULIN)) add('Z79.4', INSULIN);
  // The class named rather than a drug: "oral hypoglycemic drugs", "oral hypoglycemics".
  const oral = ctx.medications.get('oral');
  const hypoglycemic = ctx.medications.get('hypoglycem');
  const oralClass =
    oral && hypoglycemic && hypoglycemic.start - oral.end <= 2 && hypoglycemic.start > oral.end;
  if (has(ORAL)) add('Z79.84', ORAL);
  else if (oralClass)
    addWith('Z79.84', { ...oral, end: hypoglycemic.end, text: `${oral.text} ${hypoglycemic.text}` });
  if (!has(INSULIN) && has(INJECTABLE)) add('Z79.85', INJECTABLE);
  return { candidates: out, queries };
};
