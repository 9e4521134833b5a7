/**
 * Body-part words → the words ICD-10-PCS body-part labels use. `stems` are combining forms, read
 * off procedure words (cholecyst|ectomy, cysto|scopy); `words` are nouns and adjectives in the
 * text ("abdominal ultrasound", "renal"). `labels` are label words in order of preference: a
 * table that has no "Colon" value (Inspection has only the intestinal tracts) is tried with the
 * next ("Lower Intestinal Tract"), as the ICD-10-PCS Body Part Key sends a coder from the organ
 * to the body-part value of that table. `scope` is how an endoscope reaches the part for
 * "-scopy": through a natural opening (colonoscopy) or through the skin (laparoscopy).
 *
 * Sources: the Greek and Latin combining forms of medical terminology (chole- bile, kystis
 * bladder, nephros kidney, hystera womb ...) and the ICD-10-PCS Body Part Key (CMS) for which
 * body-part value an organ is coded to.
 */

export interface BodyPartTerm {
  stems?: string[];
  words?: string[];
  labels: string[][];
  scope?: 'natural' | 'percutaneous' | 'external';
  source: string;
}

const GREEK = 'medical combining form';
const KEY = 'ICD-10-PCS Body Part Key';

export const BODY_PART_TERMS: readonly BodyPartTerm[] = [
  {
    stems: ['cholecyst'],
    words: ['gallbladder'],
    labels: [['gallbladder']],
    source: `${GREEK}: chole- bile + kystis bladder`,
  },
  { stems: ['choledoch'], labels: [['common', 'bile', 'duct']], source: `${GREEK}: choledochos, bile duct` },
  {
    stems: ['append'],
    words: ['appendix', 'appendicular'],
    labels: [['appendix']],
    source: `${GREEK}: appendix`,
  },
  {
    stems: ['esophagogastroduoden', 'panendo'],
    words: ['egd'],
    labels: [['upper', 'intestinal', 'tract']],
    scope: 'natural',
    source: `${KEY}: esophagus, stomach and duodenum together are the Upper Intestinal Tract`,
  },
  {
    stems: ['esophag', 'oesophag'],
    words: ['esophagus', 'esophageal'],
    labels: [['esophagus'], ['upper', 'intestinal', 'tract']],
    scope: 'natural',
    source: `${GREEK}: oisophagos; ${KEY}: Upper Intestinal Tract`,
  },
  {
    stems: ['gastr'],
    words: ['stomach', 'gastric'],
    labels: [['stomach'], ['upper', 'intestinal', 'tract']],
    scope: 'natural',
    source: `${GREEK}: gaster, stomach; ${KEY}`,
  },
  {
    stems: ['duoden'],
    words: ['duodenum', 'duodenal'],
    labels: [['duodenum'], ['upper', 'intestinal', 'tract']],
    scope: 'natural',
    source: `${GREEK}: duodenum; ${KEY}`,
  },
  { stems: ['jejun'], words: ['jejunum'], labels: [['jejunum']], source: `${GREEK}: jejunum` },
  { stems: ['ile'], words: ['ileum', 'ileal'], labels: [['ileum']], source: `${GREEK}: ileum` },
  {
    stems: ['sigmoid'],
    words: ['sigmoid'],
    labels: [
      ['sigmoid', 'colon'],
      ['lower', 'intestinal', 'tract'],
    ],
    scope: 'natural',
    source: `${GREEK}: sigmoid colon; ${KEY}`,
  },
  {
    stems: ['colon', 'col'],
    words: ['colon', 'colonic'],
    labels: [['colon'], ['large', 'intestine'], ['lower', 'intestinal', 'tract']],
    scope: 'natural',
    source: `${GREEK}: kolon; ${KEY}: the colon is Large Intestine, and Lower Intestinal Tract where a table has no colon`,
  },
  {
    stems: ['proct', 'rect'],
    words: ['rectum', 'rectal'],
    labels: [['rectum'], ['lower', 'intestinal', 'tract']],
    scope: 'natural',
    source: `${GREEK}: proktos, anus/rectum; ${KEY}`,
  },
  { stems: ['splen'], words: ['spleen', 'splenic'], labels: [['spleen']], source: `${GREEK}: splen` },
  { stems: ['hepat'], words: ['liver', 'hepatic'], labels: [['liver']], source: `${GREEK}: hepar, liver` },
  {
    stems: ['pancreat'],
    words: ['pancreas', 'pancreatic'],
    labels: [['pancreas']],
    source: `${GREEK}: pankreas`,
  },
  {
    stems: ['nephr', 'ren'],
    words: ['kidney', 'kidneys', 'renal'],
    labels: [['kidney']],
    source: `${GREEK}: nephros / Latin ren, kidney`,
  },
  { stems: ['pyel'], labels: [['kidney', 'pelvis']], source: `${GREEK}: pyelos, basin (renal pelvis)` },
  { stems: ['ureter'], words: ['ureter', 'ureteral'], labels: [['ureter']], source: `${GREEK}: oureter` },
  {
    stems: ['cyst'],
    words: ['bladder', 'vesical'],
    labels: [['bladder']],
    scope: 'natural',
    source: `${GREEK}: kystis, bladder`,
  },
  {
    stems: ['urethr'],
    words: ['urethra', 'urethral'],
    labels: [['urethra']],
    scope: 'natural',
    source: `${GREEK}: ourethra`,
  },
  {
    stems: ['prostat'],
    words: ['prostate', 'prostatic'],
    labels: [['prostate']],
    source: `${GREEK}: prostates`,
  },
  {
    stems: ['orchi', 'orchid'],
    words: ['testis', 'testicle', 'testicular', 'testicles'],
    labels: [['testis'], ['testes'], ['scrotum']],
    source: `${GREEK}: orchis, testicle; ${KEY}`,
  },
  { words: ['scrotum', 'scrotal'], labels: [['scrotum']], source: 'anatomy: scrotum' },
  { stems: ['epididym'], words: ['epididymis'], labels: [['epididymis']], source: `${GREEK}: epididymis` },
  { stems: ['vas'], labels: [['vas', 'deferens']], source: 'Latin vas deferens' },
  {
    stems: ['hyster'],
    words: ['uterus', 'uterine'],
    labels: [['uterus']],
    scope: 'natural',
    source: `${GREEK}: hystera, womb`,
  },
  {
    stems: ['oophor'],
    words: ['ovary', 'ovarian'],
    labels: [['ovary']],
    source: `${GREEK}: oophoron, ovary`,
  },
  {
    stems: ['salping'],
    labels: [['fallopian', 'tube']],
    source: `${GREEK}: salpinx, trumpet (fallopian tube)`,
  },
  {
    stems: ['mast', 'mamm'],
    words: ['breast', 'mammary'],
    labels: [['breast']],
    source: `${GREEK}: mastos / Latin mamma, breast`,
  },
  {
    stems: ['thyroid'],
    words: ['thyroid'],
    labels: [['thyroid', 'gland'], ['thyroid']],
    source: 'anatomy: thyroid gland',
  },
  {
    stems: ['parathyroid'],
    words: ['parathyroid'],
    labels: [['parathyroid']],
    source: 'anatomy: parathyroid glands',
  },
  {
    stems: ['adrenal'],
    words: ['adrenal'],
    labels: [['adrenal', 'gland']],
    source: 'anatomy: adrenal gland',
  },
  { stems: ['tonsill'], words: ['tonsil', 'tonsils'], labels: [['tonsils']], source: 'Latin tonsillae' },
  { stems: ['adenoid'], words: ['adenoids'], labels: [['adenoids']], source: 'anatomy: adenoids' },
  {
    stems: ['laryng'],
    words: ['larynx', 'laryngeal'],
    labels: [['larynx']],
    scope: 'natural',
    source: `${GREEK}: larynx`,
  },
  {
    stems: ['trache'],
    words: ['trachea', 'tracheal'],
    labels: [['trachea'], ['tracheobronchial', 'tree']],
    scope: 'natural',
    source: `${GREEK}: tracheia; ${KEY}`,
  },
  {
    stems: ['bronch'],
    words: ['bronchus', 'bronchial'],
    labels: [['bronchus'], ['tracheobronchial', 'tree']],
    scope: 'natural',
    source: `${GREEK}: bronchos; ${KEY}: bronchoscopy inspects the Tracheobronchial Tree`,
  },
  {
    stems: ['pneumon', 'pulmon'],
    words: ['lung', 'lungs', 'pulmonary'],
    labels: [['lung']],
    source: `${GREEK}: pneumon, lung`,
  },
  {
    stems: ['pleur'],
    words: ['pleura', 'pleural'],
    labels: [['pleura'], ['pleural', 'cavity']],
    source: `${GREEK}: pleura, side`,
  },
  {
    stems: ['thora'],
    words: ['chest', 'thorax', 'thoracic'],
    labels: [['chest'], ['pleural', 'cavity']],
    source: `${GREEK}: thorax, chest`,
  },
  {
    stems: ['lapar', 'celi', 'para'],
    words: ['peritoneal', 'peritoneum'],
    labels: [['peritoneal', 'cavity'], ['peritoneum']],
    scope: 'percutaneous',
    source: `${GREEK}: lapara, flank; ${KEY}: laparoscopy and paracentesis reach the Peritoneal Cavity`,
  },
  {
    stems: ['pericardi'],
    words: ['pericardium', 'pericardial'],
    labels: [['pericardium'], ['pericardial', 'cavity']],
    source: `${GREEK}: peri- around + kardia heart`,
  },
  {
    stems: ['cardi'],
    words: ['heart', 'cardiac'],
    labels: [['heart'], ['cardiac']],
    source: `${GREEK}: kardia, heart`,
  },
  {
    stems: ['arthr'],
    words: ['joint'],
    labels: [['joint']],
    scope: 'percutaneous',
    source: `${GREEK}: arthron, joint`,
  },
  { stems: ['abdomin'], words: ['abdomen', 'abdominal'], labels: [['abdomen']], source: 'anatomy: abdomen' },
  { stems: ['pelv'], words: ['pelvis', 'pelvic'], labels: [['pelvis']], source: 'anatomy: pelvis' },
  { words: ['head'], labels: [['head']], source: 'anatomy: head' },
  {
    stems: ['crani'],
    words: ['cranial', 'skull', 'cranium'],
    labels: [['skull'], ['head']],
    source: 'Latin cranium, skull',
  },
  {
    stems: ['encephal'],
    words: ['brain', 'cerebral'],
    labels: [['brain']],
    source: `${GREEK}: enkephalos, brain`,
  },
  { words: ['neck'], labels: [['neck']], source: 'anatomy: neck' },
  { words: ['spine', 'spinal'], labels: [['spine'], ['spinal', 'cord']], source: 'anatomy: spine' },
  { words: ['lumbar'], labels: [['lumbar', 'spine'], ['lumbar']], source: 'anatomy: lumbar spine' },
  {
    stems: ['ophthalm', 'fund'],
    words: ['eye', 'eyes', 'ocular'],
    labels: [['eye']],
    scope: 'external',
    source: `${GREEK}: ophthalmos, eye; the fundus is looked at through the pupil, from outside`,
  },
  { words: ['knee'], labels: [['knee']], source: 'anatomy: knee' },
  { words: ['hip'], labels: [['hip']], source: 'anatomy: hip' },
  { words: ['shoulder'], labels: [['shoulder']], source: 'anatomy: shoulder' },
  {
    words: ['inguinal', 'groin'],
    labels: [['inguinal', 'region']],
    source: `${KEY}: groin is the Inguinal Region`,
  },
];

/** Words that name a lesion rather than a body part: removing one takes only part of the organ (B3.8). */
export const LESION_WORDS: ReadonlySet<string> = new Set([
  'tumor',
  'tumour',
  'mass',
  'lesion',
  'polyp',
  'nodule',
  'neoplasm',
  'cyst',
]);

/** Words that say only part of the body part was taken (B3.8: Excision, not Resection). */
export const PARTIAL_WORDS: ReadonlySet<string> = new Set([
  'partial',
  'partially',
  'subtotal',
  'wedge',
  'segmental',
  'segment',
  'portion',
  'hemi',
]);
