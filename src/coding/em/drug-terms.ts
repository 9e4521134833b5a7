/**
 * Drug names for the risk element: prescription drugs by name and by USAN stem (the naming
 * stems of prescription-only classes: -pril, -sartan, -olol ...), and drugs sold over the counter
 * with the strength up to which they are OTC (ibuprofen 200-400 mg, naproxen 220 mg). A drug
 * given by injection or infusion is prescription whatever its name.
 */
import { rows } from './terms.js';

export type DrugKind = 'rx' | 'otc' | 'generic';

export const DRUG_TERMS = rows<DrugKind>([
  // USAN stems of prescription-only classes.
  [
    '\\w+(?:pril|sartan|olol|dipine|statin|gliflozin|gliptin|glutide|cillin|mycin|floxacin|cycline|parin|xaban|gatran|triptan|setron|prazole|oxetine|afil|zosin|terol|tinib|mab|vir|azepam|zolam|semide|thiazide|conazole)',
    'rx',
    'team-drugs',
  ],
  [
    'metformin|insulin|glargine|lispro|aspart|detemir|degludec|glipizide|glimepiride|glyburide|pioglitazone|tirzepatide|levothyroxine|methimazole|propylthiouracil|sacubitril(?:-valsartan)?|diltiazem|verapamil|chlorthalidone|HCTZ|torsemide|bumetanide|spironolactone|eplerenone|labetalol|hydralazine|isosorbide(?: mononitrate| dinitrate)?|nitroglycerin|NTG|ezetimibe|warfarin|apixaban|clopidogrel|ticagrelor|prasugrel|amoxicillin(?:-clavulanate)?|augmentin|cephalexin|ceftriaxone|cefdinir|cefuroxime|nitrofurantoin|TMP-SMX|trimethoprim(?:-sulfamethoxazole)?|bactrim|metronidazole|penicillin|prednisone|prednisolone|methylprednisolone|dexamethasone|albuterol|budesonide(?:-formoterol)?|formoterol|tiotropium|montelukast|sertraline|escitalopram|citalopram|bupropion|venlafaxine|mirtazapine|trazodone|hydroxyzine|buspirone|lorazepam|alprazolam|clonazepam|quetiapine|olanzapine|risperidone|aripiprazole|paliperidone(?: palmitate)?|lithium|lamotrigine|valproate|divalproex|levetiracetam|gabapentin|pregabalin|methylphenidate|amphetamine|lisdexamfetamine|atomoxetine|prazosin|ondansetron|prochlorperazine|metoclopramide|promethazine|pantoprazole|colchicine|allopurinol|febuxostat|meloxicam|ketorolac|tramadol|oxycodone|hydrocodone|morphine|hydromorphone|fentanyl|tamsulosin|finasteride|tamoxifen|anastrozole|letrozole|methotrexate|hydroxychloroquine|doxylamine-pyridoxine|epinephrine|EpiPens?|varenicline|iron sucrose|potassium chloride|KCl|duloxetine|semaglutide|dapagliflozin|empagliflozin|ibrutinib|doxycycline|azithromycin|famotidine|omeprazole|sumatriptan|naproxen|ibuprofen|diphenhydramine|fluticasone',
    'rx',
    'team-drugs',
  ],
  // Drug classes named in plans ("continue statin", "GDMT", "antibiotics").
  [
    'statins?|ACE ?inhibitors?|ACEi|ARBs?|beta[- ]blockers?|SSRIs?|SNRIs?|antibiotics?|GDMT|anticoagula(?:nts?|tion)|DOACs?|PPIs?|steroids?|opioids?|stimulants?|antidepressants?|antipsychotics?|benzodiazepines?|diuretics?|inhalers?|bisphosphonates?|home inhalers|home meds|current regimen|insulin regimen',
    'rx',
    'team-drugs',
  ],
  // Drugs named generically: count only on a line that manages them ("continue meds").
  ['meds|medications', 'generic', 'team-drugs'],
  [
    'acetaminophen|tylenol|advil|motrin|aleve|aspirin|ASA|loratadine|cetirizine|fexofenadine|calcium carbonate|tums|docusate|senna|polyethylene glycol|miralax|bisacodyl|loperamide|guaifenesin|dextromethorphan|pseudoephedrine|saline(?: nasal)?(?: spray| irrigation)?|fluticasone nasal(?: spray)?|oxymetazoline|hydrocortisone cream|bacitracin|multivitamin|vitamin D3?|D3|ferrous sulfate|nicotine (?:patch|gum|lozenge)s?|melatonin|oral rehydration(?: solution)?|ORS|NSAIDs?|antihistamines?|thiamine|folate|folic acid',
    'otc',
    'team-drugs',
  ],
]);

/** Strength (mg per dose) up to which a drug named in both lists is sold over the counter. */
export const OTC_STRENGTH: Readonly<Record<string, number>> = {
  ibuprofen: 400,
  naproxen: 220,
  famotidine: 20,
  omeprazole: 20,
  diphenhydramine: 50,
};

/** Names that are OTC at a low strength or by mouth: read with their dose and route. */
export const DUAL_NAMES = new Set(Object.keys(OTC_STRENGTH));

/** A dose after the name: "30 mg", "0.25 mg", "40 u" (not a lab's "mg/dL"). */
export const DOSE_AFTER =
  /^[\s-]{0,2}(?:ER |XR |IR |ODT |DR )?(\d+(?:\.\d+)?)\s?(?:mg|mcg|g|units?|u|mEq)(?![/A-Za-z])/i;

/** Given by injection or infusion: prescription, whatever the drug. */
export const PARENTERAL =
  /\b(?:IV|IM|SQ)\b|\b(?:intravenous(?:ly)?|intramuscular(?:ly)?|subcutaneous(?:ly)?|infusion|injection|drip|injectable)\b/i;

/** Words a stem matches that are not drugs ("April" ends in -pril, "cholesterol" in -terol). */
export const NOT_DRUGS = new Set(['april', 'cholesterol']);
