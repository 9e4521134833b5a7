/**
 * Joint and bursa injections are reported by the size of the joint, not by route: CPT 20600
 * (small joint or bursa), 20605 (intermediate), 20610 (major), each with an ultrasound-guided
 * counterpart (20604, 20606, 20611). Code numbers only; the joints of each size are those the
 * CPT code set gives as examples for the three codes (fingers and toes; temporomandibular,
 * acromioclavicular, wrist, elbow, ankle, olecranon bursa; shoulder, hip, knee, subacromial
 * bursa), with common spellings of the same joints and bursae.
 */

export type JointSize = 'small' | 'intermediate' | 'major';

export const JOINT_SIZES: ReadonlyArray<[JointSize, RegExp]> = [
  ['major', /\b(knee|shoulder|hip|glenohumeral|subacromial|trochanteric bursa|pes anserine bursa)\b/i],
  [
    'intermediate',
    /\b(elbow|wrist|ankle|olecranon bursa|acromioclavicular|ac joint|temporomandibular|tmj|prepatellar bursa)\b/i,
  ],
  [
    'small',
    /\b(finger|thumb|toe|interphalangeal|metacarpophalangeal|metatarsophalangeal|mcp|pip|dip|mtp|cmc|carpometacarpal)\b/i,
  ],
];

/** CPT numbers by joint size, without and with ultrasound guidance. */
export const JOINT_INJECTION_CODE: Readonly<Record<JointSize, { plain: string; ultrasound: string }>> = {
  small: { plain: '20600', ultrasound: '20604' },
  intermediate: { plain: '20605', ultrasound: '20606' },
  major: { plain: '20610', ultrasound: '20611' },
};

/** The joint named in text and its size, the first listed size that matches. */
export function jointIn(text: string): { size: JointSize; joint: string; index: number } | undefined {
  for (const [size, pattern] of JOINT_SIZES) {
    const m = pattern.exec(text);
    if (m) return { size, joint: m[0].toLowerCase(), index: m.index };
  }
  return undefined;
}
