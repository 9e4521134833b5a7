/**
 * Where each entry of the E/M word lists and tables came from. Every list row names one of these
 * keys, so a reviewer can check a term against its source. The AMA's E/M guidelines are read for
 * their rules and paraphrased in our own words: no CPT descriptor or guideline text is copied.
 */
export const SOURCES = {
  'ama-mdm':
    'AMA CPT E/M guidelines (office 2021, other settings 2023): the levels of medical decision making and the definitions of problem, data and risk, paraphrased',
  'ama-time':
    'AMA CPT E/M guidelines: total practitioner time on the date of the encounter; office thresholds as met-or-exceeded minutes (2024 wording, the 2021 ranges lower bounds), hospital 2023',
  'ama-category':
    'AMA CPT E/M guidelines: categories (office, emergency department, hospital inpatient or observation initial, subsequent, discharge) and the 3-year new/established rule, paraphrased',
  'cms-prolonged':
    'CMS CY2021 Physician Fee Schedule final rule: G2212 counted in 15-minute blocks beyond the maximum of the 2021 time range (99205: 74, 99215: 54 minutes)',
  'cms-g2211':
    'CMS CY2024 Physician Fee Schedule final rule: G2211 for office/outpatient visits in a longitudinal relationship, not with an E/M carrying modifier 25',
  'cms-global':
    'CMS global surgery rules: minor (0/10-day) procedures take modifier 25 on a separately identifiable E/M, major (90-day) take 57 for the decision for surgery; post-operative visits are 99024',
  'cms-medicare':
    'Medicare eligibility at age 65 (Social Security Act): the documented rule for choosing CMS codes when the payer is unknown',
  'team-chronic':
    'Team list: conditions expected to last a year or more (the AMA meaning of chronic illness), by ICD-10-CM category',
  'team-wording': 'Team list: common clinical note wording for the concept, from synthetic notes',
  'team-drugs':
    'Team list: prescription drug names and USAN stems of prescription-only classes; OTC drugs and their OTC strengths per FDA OTC monographs',
} as const;

export type SourceKey = keyof typeof SOURCES;
