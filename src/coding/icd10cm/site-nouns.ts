/**
 * Adjectives of site that notes use where the Index or the Neoplasm Table writes the organ's
 * noun: "abdominal distension" is "Distension, abdomen"; "rectal cancer" is "Neoplasm, rectum".
 * The stemmer already joins pairs that share their stem (myocardium/myocardial, colon/colonic);
 * this table holds the ones it cannot: a Latin noun and its adjective (abdomen/abdominal,
 * vertebra/vertebral) and the Greek or Latin adjective of an English noun (renal/kidney,
 * gastric/stomach).
 *
 * The Neoplasm Table keeps its own, shorter list (neoplasm.ts): it lists many of these
 * adjectives itself, with rows of their own ("abdominal" wall, "pelvic" wall), and reading them
 * as the organ there picks other rows (measured on CodiEsp train: 4 more right, 12 more wrong).
 *
 * Left out on purpose: adjectives whose noun is ambiguous in notes ("cervical": the neck or the
 * cervix; "spinal": the spinal cord or the spine; "labial": the lip or the labia) and
 * adjectives of a nearby but different structure ("coronary").
 */
import { stem } from '../../text/index.js';

export const SITE_NOUN: Readonly<Record<string, string>> = {
  abdominal: 'abdomen',
  adrenocortical: 'adrenal',
  anal: 'anus',
  axillary: 'axilla',
  bronchial: 'bronchus',
  cardiac: 'heart',
  cecal: 'cecum',
  cerebral: 'brain',
  colonic: 'colon',
  conjunctival: 'conjunctiva',
  corneal: 'cornea',
  cutaneous: 'skin',
  duodenal: 'duodenum',
  endometrial: 'endometrium',
  esophageal: 'esophagus',
  facial: 'face',
  femoral: 'femur',
  fibular: 'fibula',
  gastric: 'stomach',
  hepatic: 'liver',
  humeral: 'humerus',
  ileal: 'ileum',
  intestinal: 'intestine',
  laryngeal: 'larynx',
  mammary: 'breast',
  ocular: 'eye',
  osseous: 'bone',
  ovarian: 'ovary',
  pancreatic: 'pancreas',
  patellar: 'patella',
  pelvic: 'pelvis',
  penile: 'penis',
  peritoneal: 'peritoneum',
  pharyngeal: 'pharynx',
  pleural: 'pleura',
  prostatic: 'prostate',
  pulmonary: 'lung',
  radial: 'radius',
  rectal: 'rectum',
  renal: 'kidney',
  retinal: 'retina',
  sacral: 'sacrum',
  scapular: 'scapula',
  sigmoid: 'sigmoid flexure',
  splenic: 'spleen',
  testicular: 'testis',
  thoracic: 'thorax',
  thyroidal: 'thyroid',
  tibial: 'tibia',
  tonsillar: 'tonsil',
  tracheal: 'trachea',
  ulnar: 'ulna',
  ureteral: 'ureter',
  urethral: 'urethra',
  uterine: 'uterus',
  vaginal: 'vagina',
  vertebral: 'vertebra',
  vulvar: 'vulva',
};

/**
 * Adjective stem → noun stem, for the Index matcher: one-word nouns whose stem differs from the
 * adjective's (where they meet already, there is nothing to add).
 */
export const SITE_NOUN_STEMS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SITE_NOUN)
    .filter(([, noun]) => !noun.includes(' '))
    .map(([adjective, noun]) => [stem(adjective), stem(noun)] as const)
    .filter(([a, n]) => a !== n),
);

/**
 * Words that say where on the body a finding is: the organs above, the limbs and regions, and
 * the lymph node groups notes name. A condition the Index splits into "localized" and
 * "generalized" (lymphadenopathy, edema) is localized when the note says where it is.
 */
const REGIONS = [
  'ankle',
  'arm',
  'axilla',
  'back',
  'buttock',
  'calf',
  'cheek',
  'chest',
  'chin',
  'ear',
  'elbow',
  'extremity',
  'eyelid',
  'finger',
  'flank',
  'foot',
  'forearm',
  'forehead',
  'groin',
  'hand',
  'hip',
  'jaw',
  'knee',
  'leg',
  'limb',
  'lip',
  'neck',
  'scalp',
  'scrotum',
  'shin',
  'shoulder',
  'thigh',
  'toe',
  'trunk',
  'wrist',
  'pedal',
  'periorbital',
  'pretibial',
  // Lymph node groups (axillary, femoral and pelvic come from SITE_NOUN's adjectives).
  'cervical',
  'laterocervical',
  'supraclavicular',
  'infraclavicular',
  'submandibular',
  'submental',
  'preauricular',
  'retroauricular',
  'occipital',
  'parotid',
  'inguinal',
  'popliteal',
  'epitrochlear',
  'mediastinal',
  'hilar',
  'paratracheal',
  'subcarinal',
  'retroperitoneal',
  'mesenteric',
  'celiac',
  'paraaortic',
  'periaortic',
  'iliac',
  'locoregional',
  'regional',
];
const BODY_SITE_STEMS: ReadonlySet<string> = new Set(
  [...REGIONS, ...Object.keys(SITE_NOUN), ...Object.values(SITE_NOUN).filter((n) => !n.includes(' '))].map(
    stem,
  ),
);

export function isBodySite(stemmed: string): boolean {
  return BODY_SITE_STEMS.has(stemmed);
}
