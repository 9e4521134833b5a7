/**
 * Signs and symptoms (I.B.4–I.B.5, IV.D): a symptom code from chapter 18 (R00–R99) is not
 * reported when a confirmed diagnosis that routinely explains it is coded. Without a clinical
 * knowledge base we use the body system: a symptom block is integral to diagnoses of the
 * chapters it belongs to (cough R05 → respiratory J; chest pain R07 → circulatory I or
 * respiratory J; dysuria R30 → genitourinary N; fever R50 → infections and respiratory, ...).
 */
import type { Candidate, Rule } from '../candidate.js';

export const GUIDELINE =
  'I.B.5: signs and symptoms integral to a confirmed diagnosis are not coded separately';

/** R-code category ranges → code letters (chapters) whose diagnoses explain them. */
const SYSTEMS: Array<[string, string, string]> = [
  ['R00', 'R03', 'I'],
  ['R04', 'R05', 'J'],
  ['R06', 'R09', 'IJ'],
  ['R10', 'R19', 'KA'],
  ['R20', 'R23', 'L'],
  // R29.6 "repeated falls" is the fall that caused an injury (its external cause says how).
  ['R25', 'R29', 'GMST'],
  ['R30', 'R39', 'N'],
  ['R40', 'R46', 'FG'],
  ['R47', 'R49', 'GI'],
  ['R50', 'R50', 'ABJN'],
  ['R51', 'R51', 'G'],
  ['R52', 'R52', 'MS'],
  ['R53', 'R53', 'DE'],
  ['R54', 'R69', ''],
  ['R70', 'R79', 'DE'],
  ['R80', 'R82', 'N'],
  ['R83', 'R94', ''],
];

/** Background conditions that do not explain a presenting symptom (hypertension, lipids, status codes). */
const CHRONIC_BACKGROUND = /^(I1[0-6]|I1A|E78|E66|Z)/;

export function explainingChapters(rCode: string): string {
  const cat = rCode.slice(0, 3);
  return SYSTEMS.find(([lo, hi]) => cat >= lo && cat <= hi)?.[2] ?? '';
}

/**
 * Supervision of a normal pregnancy (Z34.-) is reported only when no complication is present
 * (I.C.15.b.1): a symptom of that pregnancy is either a complication (coded in chapter 15
 * instead of Z34) or one of a normal pregnancy, and so not reported on its own.
 */
const NORMAL_PREGNANCY = /^Z34\./;

/**
 * Signs of a joint in chapter 13 (pain, effusion, stiffness: M25.4-, M25.5-, M25.6-) are symptoms
 * as much as R-codes are: pain in the right knee is integral to osteoarthritis or a sprain of the
 * right knee. They go when a confirmed musculoskeletal or injury diagnosis names the same joint
 * on the same side (or both sides).
 */
const JOINT_SIGN = /^M25\.[456]/;
const JOINTS = ['shoulder', 'elbow', 'wrist', 'hand', 'hip', 'knee', 'ankle', 'foot', 'finger', 'toe'].map(
  (joint) => ({ joint, pattern: new RegExp(`\\b${joint}`) }),
);

function jointOf(title: string): { joint: string; side: string | null } | null {
  const t = title.toLowerCase();
  const joint = JOINTS.find((j) => j.pattern.test(t))?.joint;
  if (!joint) return null;
  return { joint, side: /\bbilateral\b/.test(t) ? 'both' : (/\b(right|left)\b/.exec(t)?.[1] ?? null) };
}

function sameJoint(sign: Readonly<Candidate>, diagnosis: Readonly<Candidate>): boolean {
  const a = jointOf(sign.title);
  const b = jointOf(diagnosis.title);
  if (!a || !b || a.joint !== b.joint) return false;
  return !a.side || !b.side || a.side === b.side || b.side === 'both';
}

export const integralSymptoms: Rule = (candidates) => {
  const confirmed = candidates.filter((c) => !c.code.startsWith('R') && !c.context.uncertain);
  const normalPregnancy = candidates.some((c) => NORMAL_PREGNANCY.test(c.code));
  const out: Readonly<Candidate>[] = [];
  for (const c of candidates) {
    if (c.code.startsWith('R') && normalPregnancy) continue;
    // The statement itself attributes the symptom to a diagnosis that is coded.
    if (c.attributedTo && candidates.some((d) => d.code === c.attributedTo)) continue;
    if (c.code.startsWith('R')) {
      const letters = explainingChapters(c.code);
      const explained = confirmed.some(
        (d) => letters.includes(d.code[0]!) && !CHRONIC_BACKGROUND.test(d.code),
      );
      if (explained) continue;
    }
    if (
      JOINT_SIGN.test(c.code) &&
      confirmed.some((d) => /^[MS]/.test(d.code) && !JOINT_SIGN.test(d.code) && sameJoint(c, d))
    )
      continue;
    out.push(c);
  }
  return { candidates: out };
};
