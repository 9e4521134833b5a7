import type { Sentence } from '../../nlp/index.js';

/**
 * "Use (of), drug NEC" (F19.9-) in the Index is the use of a psychoactive substance (Official
 * Guidelines I.C.5.b.3: "use" codes are for psychoactive substances, assigned when the provider
 * relates a condition to the use). A drug named by its therapeutic class ("use of oral
 * hypoglycemic drugs", "anticoagulant use") is a prescribed medication: the Index's
 * "Long-term (current) drug therapy (use of)" (Z79.-), never F19.
 *
 * Stems of therapeutic classes, as the NLP stemmer writes them; a statement naming one of them
 * is about medication, whatever else it says. Sources: the Z79 subcategory titles of the Tabular
 * (Z79.01 anticoagulants, Z79.02 antithrombotics/antiplatelets, Z79.2 antibiotics, Z79.4 insulin,
 * Z79.5- steroids, Z79.6- immunomodulators and immunosuppressants, Z79.84 oral hypoglycemic
 * drugs, Z79.85 injectable non-insulin antidiabetic drugs, Z79.891 opiate analgesic, Z79.899
 * other) and the Table of Drugs' class headings.
 */
export const THERAPEUTIC_CLASS_STEMS: ReadonlySet<string> = new Set([
  'hypoglycem',
  'antidiabet',
  'insulin',
  'anticoagulant',
  'antithrombot',
  'antiplatelet',
  'antibiot',
  'antimicrob',
  'antivir',
  'antiretrovir',
  'steroid',
  'corticosteroid',
  'immunosuppress',
  'immunosuppressant',
  'immunomodul',
  'antihypertens',
  'antineoplast',
  'chemotherapy',
  'analges',
  'statin',
  'diuret',
  'bisphosphon',
  'contracept',
  'antiepilept',
  'anticonvuls',
]);

/** The mention is the Index's "Use, drug" and its statement names a therapeutic drug class. */
export function isTherapeuticDrugUse(path: readonly { title: string }[], sentence: Sentence): boolean {
  const [main, sub] = path;
  if (!main || !sub || !/^use\b/i.test(main.title) || !/^drug/i.test(sub.title)) return false;
  return sentence.tokens.some((t) => THERAPEUTIC_CLASS_STEMS.has(t.stem));
}
