/**
 * The side and the anatomic site a procedure's sentence names: "right knee", "left heel wound",
 * "sacral ulcer", "both knees". Sides decide RT/LT/50; two lines on different sites are separate
 * structures (XS). The site words are plain anatomy (regions, joints and limb parts a clinic
 * procedure is done on), each with the adjective notes also use ("sacral" for the sacrum).
 */

export type Side = 'right' | 'left' | 'bilateral';

/** Anatomic site words; an adjective maps to its region's noun. */
const SITE_WORDS: Readonly<Record<string, string>> = {
  scalp: 'scalp',
  face: 'face',
  facial: 'face',
  forehead: 'forehead',
  cheek: 'cheek',
  nose: 'nose',
  nasal: 'nose',
  ear: 'ear',
  lip: 'lip',
  eyelid: 'eyelid',
  neck: 'neck',
  chest: 'chest',
  breast: 'breast',
  back: 'back',
  abdomen: 'abdomen',
  abdominal: 'abdomen',
  flank: 'flank',
  sacrum: 'sacrum',
  sacral: 'sacrum',
  coccyx: 'coccyx',
  buttock: 'buttock',
  gluteal: 'buttock',
  groin: 'groin',
  hip: 'hip',
  thigh: 'thigh',
  knee: 'knee',
  leg: 'leg',
  calf: 'calf',
  shin: 'shin',
  ankle: 'ankle',
  foot: 'foot',
  heel: 'heel',
  toe: 'toe',
  hallux: 'toe',
  shoulder: 'shoulder',
  arm: 'arm',
  elbow: 'elbow',
  forearm: 'forearm',
  wrist: 'wrist',
  hand: 'hand',
  palm: 'hand',
  finger: 'finger',
  thumb: 'thumb',
  axilla: 'axilla',
  trunk: 'trunk',
};

const SIDE_WORDS = /\b(bilateral(?:ly)?|both|right|left|rt|lt)\b/gi;

/** The side a sentence names for a procedure; undefined when none, 'both-named' when right and left both appear. */
export function sideIn(text: string): Side | 'both-named' | undefined {
  let right = false;
  let left = false;
  for (const m of text.matchAll(SIDE_WORDS)) {
    const w = (m[1] ?? '').toLowerCase();
    if (w.startsWith('bilateral') || (w === 'both' && /\bboth\s+\w+s\b/i.test(text.slice(m.index ?? 0))))
      return 'bilateral';
    if (w === 'right' || w === 'rt') right = true;
    if (w === 'left' || w === 'lt') left = true;
  }
  if (right && left) return 'both-named';
  return right ? 'right' : left ? 'left' : undefined;
}

/** The anatomic sites a text names, each with the side word just before it ("left heel"). */
export function sitesIn(text: string): string[] {
  const sites: string[] = [];
  const re = /\b(?:(right|left|rt|lt)\s+)?([a-z]+)\b/gi;
  for (const m of text.matchAll(re)) {
    const word = (m[2] ?? '').toLowerCase();
    const noun =
      SITE_WORDS[word] ?? SITE_WORDS[word.replace(/e?s$/, '')] ?? SITE_WORDS[word.replace(/s$/, '')];
    if (!noun) continue;
    const side = (m[1] ?? '').toLowerCase().replace(/^rt$/, 'right').replace(/^lt$/, 'left');
    const site = side ? `${side} ${noun}` : noun;
    if (!sites.includes(site)) sites.push(site);
  }
  return sites;
}
