/**
 * Names notes use for a drug that its HCPCS description does not: US brand names and common
 * clinical shorthand, each mapped to the generic name as the CMS description writes it (so the
 * salt in the brand's label picks the right code: Depo-Medrol is the acetate, Solu-Medrol the
 * sodium succinate). This is a table of names, not of codes: the code still comes from the
 * HCPCS file in effect on the date of service.
 *
 * Sources: brand names and their established names from each product's FDA label (DailyMed,
 * "Highlights of prescribing information"); shorthand from ISMP's list of error-prone
 * abbreviations where it lists the term, otherwise common ED/clinic usage as noted.
 */

export interface DrugSynonym {
  /** As a note writes it, lower case, words separated by spaces (hyphens become spaces). */
  name: string;
  /** The generic name as in the HCPCS long description. */
  generic: string;
  source: string;
}

const FDA = 'FDA label (DailyMed)';
const SHORTHAND = 'clinical shorthand (ISMP abbreviation list / common usage)';

export const DRUG_SYNONYMS: readonly DrugSynonym[] = [
  { name: 'toradol', generic: 'ketorolac tromethamine', source: FDA },
  { name: 'rocephin', generic: 'ceftriaxone sodium', source: FDA },
  { name: 'decadron', generic: 'dexamethasone sodium phosphate', source: FDA },
  { name: 'solu medrol', generic: 'methylprednisolone sodium succinate', source: FDA },
  { name: 'depo medrol', generic: 'methylprednisolone acetate', source: FDA },
  { name: 'kenalog', generic: 'triamcinolone acetonide', source: FDA },
  { name: 'solu cortef', generic: 'hydrocortisone sodium succinate', source: FDA },
  { name: 'phenergan', generic: 'promethazine hcl', source: FDA },
  { name: 'zofran', generic: 'ondansetron hydrochloride', source: FDA },
  { name: 'benadryl', generic: 'diphenhydramine hcl', source: FDA },
  { name: 'reglan', generic: 'metoclopramide hcl', source: FDA },
  { name: 'compazine', generic: 'prochlorperazine', source: FDA },
  { name: 'haldol', generic: 'haloperidol', source: FDA },
  { name: 'haldol decanoate', generic: 'haloperidol decanoate', source: FDA },
  { name: 'ativan', generic: 'lorazepam', source: FDA },
  { name: 'vistaril', generic: 'hydroxyzine hcl', source: FDA },
  { name: 'lasix', generic: 'furosemide', source: FDA },
  { name: 'bicillin l a', generic: 'penicillin g benzathine', source: FDA },
  { name: 'bicillin c r', generic: 'penicillin g benzathine and penicillin g procaine', source: FDA },
  { name: 'depo provera', generic: 'medroxyprogesterone acetate', source: FDA },
  { name: 'depo testosterone', generic: 'testosterone cypionate', source: FDA },
  { name: 'narcan', generic: 'naloxone hydrochloride', source: FDA },
  { name: 'epipen', generic: 'epinephrine', source: FDA },
  { name: 'zosyn', generic: 'piperacillin sodium/tazobactam sodium', source: FDA },
  { name: 'unasyn', generic: 'ampicillin sodium/sulbactam sodium', source: FDA },
  { name: 'pepcid', generic: 'famotidine', source: FDA },
  { name: 'b12', generic: 'vitamin b-12 cyanocobalamin', source: SHORTHAND },
  { name: 'vitamin b12', generic: 'vitamin b-12 cyanocobalamin', source: SHORTHAND },
  { name: 'kcl', generic: 'potassium chloride', source: SHORTHAND },
  { name: 'ns', generic: 'normal saline solution', source: SHORTHAND },
  { name: 'lr', generic: 'ringers lactate', source: SHORTHAND },
  { name: 'lactated ringers', generic: 'ringers lactate', source: SHORTHAND },
];
