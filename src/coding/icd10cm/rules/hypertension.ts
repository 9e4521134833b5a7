/**
 * Hypertension with heart disease or chronic kidney disease (I.C.9.a): the link is presumed
 * unless the provider says otherwise, so essential hypertension (I10) becomes
 * - I11.0 with heart failure, I11.9 with other heart disease (I51.4–I51.7, I51.89, I51.9);
 * - I12.0 with CKD stage 5 / ESRD (N18.5, N18.6), I12.9 with stage 1–4 or unspecified CKD;
 * - I13.- with both (I13.0, I13.10, I13.11, I13.2 by heart failure and CKD stage).
 * The heart failure (I50.-) and CKD stage (N18.-) codes are reported as well ("use additional code").
 */
import { type Candidate, inRange, type Rule, type RuleContext } from '../candidate.js';

export const GUIDELINE = 'I.C.9.a: hypertension with heart disease / chronic kidney disease presumed linked';

const HEART_DISEASE = ['I51.4-I51.7', 'I51.89', 'I51.9'];

export function hypertensiveCode(hf: boolean, heart: boolean, ckd: boolean, advancedCkd: boolean): string {
  if (ckd && (hf || heart)) {
    if (hf) return advancedCkd ? 'I13.2' : 'I13.0';
    return advancedCkd ? 'I13.11' : 'I13.10';
  }
  if (ckd) return advancedCkd ? 'I12.0' : 'I12.9';
  if (hf) return 'I11.0';
  if (heart) return 'I11.9';
  return 'I10';
}

export const hypertension: Rule = (candidates, ctx: RuleContext) => {
  const htn = candidates.find((c) => /^I1[0-3]/.test(c.code));
  if (!htn) return { candidates: [...candidates] };
  const hf = candidates.some((c) => c.code.startsWith('I50'));
  const heart = candidates.some((c) => HEART_DISEASE.some((r) => inRange(c.code, r)));
  const ckdCodes = candidates.filter((c) => c.code.startsWith('N18'));
  const advanced = ckdCodes.some((c) => c.code === 'N18.5' || c.code === 'N18.6');
  const target = hypertensiveCode(hf, heart, ckdCodes.length > 0, advanced);
  if (target === 'I10') return { candidates: [...candidates] };
  if (target === htn.code) {
    // Already combined by the Index walk: it stands for every other hypertension statement.
    const others = candidates.filter((c) => c !== htn && /^I1[0-3]/.test(c.code));
    const merged = { ...htn, evidence: [...htn.evidence, ...others.flatMap((c) => c.evidence)] };
    return {
      candidates: candidates.filter((c) => !others.includes(c)).map((c) => (c === htn ? merged : c)),
    };
  }
  const details = ctx.lookup(target);
  if (!details?.billable) return { candidates: [...candidates] };
  const linked = candidates.filter(
    (c) =>
      c.code.startsWith('I50') || c.code.startsWith('N18') || HEART_DISEASE.some((r) => inRange(c.code, r)),
  );
  const combined: Candidate = {
    ...htn,
    code: details.code,
    title: details.title,
    details,
    evidence: [...htn.evidence, ...linked.flatMap((c) => c.evidence)],
    indexPath: [...htn.indexPath, 'with', ...linked.map((c) => c.title.toLowerCase())],
    guidelines: [...htn.guidelines, GUIDELINE],
    tabularNotes: [...htn.tabularNotes],
  };
  // One hypertensive code: the combination replaces every other I10–I13 candidate.
  return {
    candidates: candidates
      .filter((c) => c === htn || !/^I1[0-3]/.test(c.code))
      .map((c) => (c === htn ? combined : c)),
  };
};
