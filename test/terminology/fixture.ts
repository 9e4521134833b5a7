import type { Kysely } from 'kysely';
import type { Database, Icd10cmFileKind, Icd10cmIndexKind } from '../../src/store/index.js';

/**
 * A tiny hand-written ICD-10-CM in three releases, shaped like the importers' output:
 * FY2021 (tabular + order), FY2023 (tabular + index), FY2025 (drug, neoplasm, eindex only).
 * Titles follow the official wording for the few codes used; the data is small on purpose.
 */

type CodeSpec = [code: string, title: string, billable: boolean, source?: 'tabular' | 'derived'];

const CHAPTERS = [
  [4, 'Endocrine, nutritional and metabolic diseases (E00-E89)', 'E08', 'E13'],
  [9, 'Diseases of the circulatory system (I00-I99)', 'I10', 'I50'],
  [19, 'Injury, poisoning and certain other consequences of external causes (S00-T88)', 'S02', 'T51'],
  [21, 'Factors influencing health status and contact with health services (Z00-Z99)', 'Z11', 'Z99'],
] as const;

const SECTIONS: Array<[id: string, chapter: number, title: string]> = [
  ['E08-E13', 4, 'Diabetes mellitus (E08-E13)'],
  ['I10-I1A', 9, 'Hypertensive diseases (I10-I1A)'],
  ['I30-I5A', 9, 'Other forms of heart disease (I30-I5A)'],
  ['S00-S09', 19, 'Injuries to the head (S00-S09)'],
  ['S70-S79', 19, 'Injuries to the hip and thigh (S70-S79)'],
  ['S90-S99', 19, 'Injuries to the ankle and foot (S90-S99)'],
  ['T51-T65', 19, 'Toxic effects of substances chiefly nonmedicinal as to source (T51-T65)'],
  ['Z00-Z13', 21, 'Persons encountering health services for examinations (Z00-Z13)'],
  ['Z77-Z99', 21, 'Persons with potential health hazards related to family and personal history (Z77-Z99)'],
];

const SEVENTH_ADS = ['initial encounter', 'subsequent encounter', 'sequela'];

function expand(base: string, title: string): CodeSpec[] {
  const body = base.replace('.', '');
  const padded = body.padEnd(6, 'X');
  return ['A', 'D', 'S'].map((c, i) => [
    `${padded.slice(0, 3)}.${padded.slice(3)}${c}`,
    `${title}, ${SEVENTH_ADS[i]}`,
    true,
    'derived',
  ]);
}

const FY2023_CODES: CodeSpec[] = [
  ['E10', 'Type 1 diabetes mellitus', false],
  ['E10.9', 'Type 1 diabetes mellitus without complications', true],
  ['E11', 'Type 2 diabetes mellitus', false],
  ['E11.6', 'Type 2 diabetes mellitus with other specified complications', false],
  ['E11.64', 'Type 2 diabetes mellitus with hypoglycemia', false],
  ['E11.641', 'Type 2 diabetes mellitus with hypoglycemia with coma', true],
  ['E11.649', 'Type 2 diabetes mellitus with hypoglycemia without coma', true],
  ['E11.65', 'Type 2 diabetes mellitus with hyperglycemia', true],
  ['E11.9', 'Type 2 diabetes mellitus without complications', true],
  ['I10', 'Essential (primary) hypertension', true],
  ['I11', 'Hypertensive heart disease', false],
  ['I11.0', 'Hypertensive heart disease with heart failure', true],
  ['I50', 'Heart failure', false],
  ['I50.2', 'Systolic (congestive) heart failure', false],
  ['I50.20', 'Unspecified systolic (congestive) heart failure', true],
  ['I50.9', 'Heart failure, unspecified', true],
  ['S02', 'Fracture of skull and facial bones', false],
  ['S02.0', 'Fracture of vault of skull', false],
  ...expand('S02.0', 'Fracture of vault of skull'),
  ['S72', 'Fracture of femur', false],
  ['S72.0', 'Fracture of head and neck of femur', false],
  ['S72.00', 'Fracture of unspecified part of neck of femur', false],
  ['S72.001', 'Fracture of unspecified part of neck of right femur', false],
  ...expand('S72.001', 'Fracture of unspecified part of neck of right femur'),
  ['S72.002', 'Fracture of unspecified part of neck of left femur', false],
  ...expand('S72.002', 'Fracture of unspecified part of neck of left femur'),
  ['S93', 'Dislocation and sprain of joints and ligaments at ankle, foot and toe level', false],
  ['S93.4', 'Sprain of ankle', false],
  ['S93.40', 'Sprain of unspecified ligament of ankle', false],
  ['S93.402', 'Sprain of unspecified ligament of left ankle', false],
  ...expand('S93.402', 'Sprain of unspecified ligament of left ankle'),
  ['T51', 'Toxic effect of alcohol', false],
  ['T51.3', 'Toxic effect of fusel oil', false],
  ['T51.3X1', 'Toxic effect of fusel oil, accidental (unintentional)', false],
  ...expand('T51.3X1', 'Toxic effect of fusel oil, accidental (unintentional)'),
  ['Z11', 'Encounter for screening for infectious and parasitic diseases', false],
  ['Z11.52', 'Encounter for screening for COVID-19', true],
  ['Z11.59', 'Encounter for screening for other viral diseases', true],
  ['Z99', 'Dependence on enabling machines and devices, not elsewhere classified', false],
  ['Z99.2', 'Dependence on renal dialysis', true],
  ['Z99.89', 'Dependence on other enabling machines and devices', true],
];

const SECTION_OF: Record<string, string> = {
  E10: 'E08-E13',
  E11: 'E08-E13',
  I10: 'I10-I1A',
  I11: 'I10-I1A',
  I50: 'I30-I5A',
  S02: 'S00-S09',
  S72: 'S70-S79',
  S93: 'S90-S99',
  T51: 'T51-T65',
  Z11: 'Z00-Z13',
  Z99: 'Z77-Z99',
};
const CHAPTER_OF: Record<string, number> = { E: 4, I: 9, S: 19, T: 19, Z: 21 };

function parentOf(code: string, known: Set<string>): string | null {
  if (code.length === 3) return null;
  for (let p = code.slice(0, -1).replace(/\.$/, ''); p.length >= 3; p = p.slice(0, -1).replace(/\.$/, '')) {
    if (known.has(p)) return p;
  }
  return null;
}

function codeRows(releaseId: number, specs: CodeSpec[]) {
  const known = new Set(specs.map((s) => s[0]));
  return specs.map(([code, title, billable, source], seq) => ({
    release_id: releaseId,
    code,
    parent: parentOf(code, known),
    chapter_num: CHAPTER_OF[code[0] as string] as number,
    section_id: SECTION_OF[code.slice(0, 3)] as string,
    depth: code.replace('.', '').length - 2,
    seq,
    title,
    source: source ?? ('tabular' as const),
    billable_derived: billable,
  }));
}

type TermSpec = {
  id: number;
  parent?: number;
  level: number;
  title: string;
  nemod?: string;
  code?: string;
  manif?: string;
  see?: string;
  seeAlso?: string;
  seeCat?: string;
  subcat?: string;
  cells?: string[];
};

const DISEASE_INDEX: TermSpec[] = [
  { id: 1, level: 0, title: 'Dependence', code: 'F19.20' },
  { id: 2, parent: 1, level: 1, title: 'on' },
  { id: 3, parent: 2, level: 2, title: 'machine', nemod: '(enabling)', seeCat: 'Z99' },
  {
    id: 4,
    parent: 2,
    level: 2,
    title: 'renal dialysis',
    nemod: '(hemodialysis) (peritoneal)',
    code: 'Z99.2',
  },
  { id: 10, level: 0, title: 'Diabetes, diabetic', nemod: '(mellitus) (sugar)', code: 'E11.9' },
  { id: 11, parent: 10, level: 1, title: 'type 1', code: 'E10.9' },
  { id: 12, parent: 10, level: 1, title: 'type 2', code: 'E11.9' },
  { id: 13, parent: 12, level: 2, title: 'with' },
  { id: 14, parent: 13, level: 3, title: 'hyperglycemia', code: 'E11.65' },
  { id: 15, parent: 13, level: 3, title: 'hypoglycemia', code: 'E11.649' },
  { id: 16, parent: 15, level: 4, title: 'with coma', code: 'E11.641' },
  { id: 20, level: 0, title: 'Failure' },
  { id: 21, parent: 20, level: 1, title: 'heart', code: 'I50.9' },
  {
    id: 22,
    parent: 21,
    level: 2,
    title: 'congestive',
    nemod: '(compensated) (decompensated)',
    code: 'I50.9',
  },
  { id: 23, parent: 21, level: 2, title: 'systolic', nemod: '(congestive)', code: 'I50.20' },
  { id: 30, level: 0, title: 'Fracture, pathological', nemod: '(pathologic)', code: 'M84.40' },
  { id: 31, parent: 30, level: 1, title: 'femur', code: 'M84.45-' },
  {
    id: 40,
    level: 0,
    title: 'Fracture, traumatic',
    nemod: '(abduction) (adduction)',
    code: 'T14.8',
    seeAlso: 'Fracture, pathological',
  },
  { id: 41, parent: 40, level: 1, title: 'femur, femoral', code: 'S72.9-' },
  { id: 42, parent: 41, level: 2, title: 'neck', code: 'S72.00-' },
  { id: 43, parent: 41, level: 2, title: 'condyles, epicondyles', see: 'Fracture, femur, neck' },
  { id: 44, parent: 40, level: 1, title: 'skull', code: 'S02.91' },
  { id: 45, parent: 44, level: 2, title: 'vault', code: 'S02.0' },
  {
    id: 50,
    level: 0,
    title: 'Hypertension, hypertensive',
    nemod: '(accelerated) (benign) (essential)',
    code: 'I10',
  },
  { id: 51, parent: 50, level: 1, title: 'with' },
  { id: 52, parent: 51, level: 2, title: 'heart involvement', code: 'I11.9' },
  { id: 60, level: 0, title: 'Heart failure', see: 'Failure, heart' },
  { id: 70, level: 0, title: 'Sprain', nemod: '(joint) (ligament)' },
  { id: 71, parent: 70, level: 1, title: 'ankle', code: 'S93.40-' },
  { id: 80, level: 0, title: 'Screening', see: 'Encounter, screening' },
];

const DRUG_TABLE: TermSpec[] = [
  {
    id: 1,
    level: 0,
    title: '2,4-D',
    nemod: '(dichlorophen-oxyacetic acid)',
    cells: ['T60.3X1', 'T60.3X2', 'T60.3X3', 'T60.3X4', '--', '--'],
  },
  {
    id: 2,
    level: 0,
    title: 'Acetaminophen',
    cells: ['T39.1X1', 'T39.1X2', 'T39.1X3', 'T39.1X4', 'T39.1X5', 'T39.1X6'],
  },
  {
    id: 3,
    level: 0,
    title: 'Insulin',
    nemod: '(amorphous) (globin)',
    cells: ['T38.3X1', 'T38.3X2', 'T38.3X3', 'T38.3X4', 'T38.3X5', 'T38.3X6'],
  },
  {
    id: 4,
    parent: 3,
    level: 1,
    title: 'human',
    cells: ['T38.3X1', 'T38.3X2', 'T38.3X3', 'T38.3X4', 'T38.3X5', 'T38.3X6'],
  },
];

const NEOPLASM_TABLE: TermSpec[] = [
  {
    id: 1,
    level: 0,
    title: 'Neoplasm, neoplastic',
    cells: ['C80.1', 'C79.9', 'D09.9', 'D36.9', 'D48.9', 'D49.9'],
  },
  {
    id: 2,
    parent: 1,
    level: 1,
    title: 'breast',
    nemod: '(connective tissue) (glandular tissue) (soft parts)',
    cells: ['C50.9-', 'C79.81', 'D05.-', 'D24.-', 'D48.6-', 'D49.3'],
  },
  {
    id: 3,
    parent: 2,
    level: 2,
    title: 'areola',
    cells: ['C50.0-', 'C79.81', 'D05.-', 'D24.-', 'D48.6-', 'D49.3'],
  },
  {
    id: 4,
    parent: 2,
    level: 2,
    title: 'skin',
    seeAlso: 'Neoplasm, skin, breast',
    cells: ['C44.501', 'C79.2', 'D04.5', 'D23.5', 'D48.5', 'D49.2'],
  },
  {
    id: 5,
    parent: 1,
    level: 1,
    title: 'lung',
    seeAlso: 'Neoplasm, bronchus',
    cells: ['C34.9-', 'C78.0-', 'D02.2-', 'D14.3-', 'D38.1', 'D49.1'],
  },
];

const EINDEX: TermSpec[] = [
  { id: 1, level: 0, title: 'Fall, falling', nemod: '(accidental)', code: 'W19' },
  { id: 2, parent: 1, level: 1, title: 'from, off, out of' },
  { id: 3, parent: 2, level: 2, title: 'bed', code: 'W06' },
  { id: 4, parent: 2, level: 2, title: 'chair', code: 'W07' },
];

function termRows(releaseId: number, kind: Icd10cmIndexKind, specs: TermSpec[]) {
  return specs.map((t) => ({
    release_id: releaseId,
    kind,
    id: t.id,
    parent_id: t.parent ?? null,
    level: t.level,
    letter: t.title[0]?.toUpperCase() ?? '',
    title: t.title,
    nemod: t.nemod ?? null,
    code: t.code ?? null,
    manif: t.manif ?? null,
    see: t.see ?? null,
    see_also: t.seeAlso ?? null,
    see_cat: t.seeCat ?? null,
    subcat: t.subcat ?? null,
  }));
}

function cellRows(releaseId: number, kind: Icd10cmIndexKind, specs: TermSpec[]) {
  return specs.flatMap((t) =>
    (t.cells ?? []).map((code, i) => ({ release_id: releaseId, kind, term_id: t.id, col: i + 2, code })),
  );
}

async function release(
  db: Kysely<Database>,
  fiscalYear: number,
  from: string,
  to: string,
  files: Icd10cmFileKind[],
): Promise<number> {
  const { id } = await db
    .insertInto('icd10cm_release')
    .values({
      fiscal_year: fiscalYear,
      effective_from: from,
      effective_to: to,
      label: `ICD-10-CM FY${fiscalYear}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('icd10cm_release_file')
    .values(
      files.map((kind) => ({
        release_id: id,
        kind,
        file_name: `${kind}.xml`,
        sha256: 'x',
        bytes: 1,
        counts: '{}',
      })),
    )
    .execute();
  return id;
}

async function tabular(db: Kysely<Database>, id: number, specs: CodeSpec[]): Promise<void> {
  const chapters = new Set(specs.map((s) => CHAPTER_OF[s[0][0] as string]));
  await db
    .insertInto('icd10cm_chapter')
    .values(
      CHAPTERS.filter((c) => chapters.has(c[0])).map(([num, title, first, last]) => ({
        release_id: id,
        num,
        title,
        first_code: first,
        last_code: last,
      })),
    )
    .execute();
  await db
    .insertInto('icd10cm_section')
    .values(
      SECTIONS.filter((s) => chapters.has(s[1])).map(([sid, chapter, title], seq) => ({
        release_id: id,
        id: sid,
        chapter_num: chapter,
        seq,
        title,
      })),
    )
    .execute();
  await db.insertInto('icd10cm_code').values(codeRows(id, specs)).execute();
  const seventh = ['S02', 'S72', 'S93', 'T51']
    .filter((c) => specs.some((s) => s[0] === c))
    .flatMap((code) =>
      ['A', 'D', 'S'].map((char, i) => ({ release_id: id, code, char, meaning: SEVENTH_ADS[i] as string })),
    );
  if (seventh.length > 0) await db.insertInto('icd10cm_seventh').values(seventh).execute();
}

/** Inserts the three fixture releases; returns their ids. */
export async function seedFixture(
  db: Kysely<Database>,
): Promise<{ fy2021: number; fy2023: number; fy2025: number }> {
  const fy2021 = await release(db, 2021, '2021-01-01', '2021-09-30', ['tabular', 'order']);
  const fy2023 = await release(db, 2023, '2022-10-01', '2023-09-30', ['tabular', 'index']);
  const fy2025 = await release(db, 2025, '2024-10-01', '2025-09-30', ['drug', 'neoplasm', 'eindex']);

  // FY2021: no Z11.52 (added later); I10 titled by the order file.
  const fy2021Codes = FY2023_CODES.filter(([c]) => c !== 'Z11.52');
  await tabular(db, fy2021, fy2021Codes);
  await db
    .insertInto('icd10cm_order')
    .values(
      fy2021Codes.map(([code, title, billable], i) => ({
        release_id: fy2021,
        code: code.replace('.', ''),
        order_no: i + 1,
        billable,
        short_title: title.slice(0, 20),
        long_title: code === 'I10' ? 'Essential (primary) hypertension [order file]' : title,
      })),
    )
    .execute();

  await tabular(db, fy2023, FY2023_CODES);
  const note = (
    owner_type: 'chapter' | 'section' | 'code',
    owner: string,
    kind: string,
    seq: number,
    text: string,
  ) => ({
    release_id: fy2023,
    owner_type,
    owner,
    kind,
    seq,
    text,
  });
  await db
    .insertInto('icd10cm_note')
    .values([
      note(
        'chapter',
        '4',
        'notes',
        0,
        'All neoplasms, whether functionally active or not, are classified in Chapter 2',
      ),
      note('section', 'E08-E13', 'notes', 0, 'Diabetes mellitus section note'),
      note('code', 'E11', 'inclusionTerm', 0, 'diabetes (mellitus) due to insulin secretory defect'),
      note('code', 'E11', 'useAdditionalCode', 0, 'code to identify control using insulin (Z79.4)'),
      note('code', 'E11', 'excludes1', 0, 'type 1 diabetes mellitus (E10.-)'),
      note('code', 'E11.65', 'inclusionTerm', 0, 'Type 2 diabetes mellitus with poor control'),
      note('code', 'I50', 'codeFirst', 0, 'hypertensive heart disease with heart failure (I11.0)'),
      note('code', 'I50.9', 'inclusionTerm', 0, 'Congestive heart failure NOS'),
      note('code', 'I50.9', 'inclusionTerm', 1, 'Biventricular (heart) failure NOS'),
      note('code', 'S72', 'excludes2', 0, 'fracture of lower leg and ankle (S82.-)'),
      // Notes inside the sevenChrDef, as the importer stores them (kind sevenChrDef).
      note('code', 'S72', 'sevenChrDef', 0, 'Fixture note on the whole definition'),
      note('code', 'S72', 'sevenChrDef', 1, 'A: initial encounter for closed fracture NOS'),
    ])
    .execute();
  await db
    .insertInto('icd10cm_index_term')
    .values(termRows(fy2023, 'disease', DISEASE_INDEX))
    .execute();

  for (const [kind, specs] of [
    ['drug', DRUG_TABLE],
    ['neoplasm', NEOPLASM_TABLE],
    ['eindex', EINDEX],
  ] as const) {
    await db
      .insertInto('icd10cm_index_term')
      .values(termRows(fy2025, kind, specs))
      .execute();
    const cells = cellRows(fy2025, kind, specs);
    if (cells.length > 0) await db.insertInto('icd10cm_index_cell').values(cells).execute();
  }
  return { fy2021, fy2023, fy2025 };
}
