/**
 * The risk element's vocabulary: management decisions by the level of risk they carry. Drugs are
 * read separately (drug-terms.ts) because their level depends on prescription status.
 */
import { rows } from './terms.js';

export type RiskKind =
  | 'intensive-monitoring'
  | 'hospitalization'
  | 'emergency-surgery'
  | 'major-surgery'
  | 'dnr'
  | 'parenteral-controlled'
  | 'minor-surgery'
  | 'invasive-diagnostic'
  | 'sdoh'
  | 'therapy'
  | 'iv-fluids'
  | 'minimal-care'
  | 'procedure-risk';

export const RISK_TERMS = rows<RiskKind>([
  [
    'chemotherapy|chemo|FOLFOX|FOLFIRI|R-CHOP|cisplatin|carboplatin|oxaliplatin|paclitaxel|docetaxel|doxorubicin|cyclophosphamide|bevacizumab|ibrutinib|methotrexate|lithium level|clozapine|gentamicin|tobramycin|vancomycin (?:trough|level)|heparin (?:drip|infusion)|insulin (?:drip|infusion)|tacrolimus|cyclosporine|drug levels?|monitor(?:ing)? for toxicity|toxicity monitoring',
    'intensive-monitoring',
    'ama-mdm',
    'drug therapy requiring intensive monitoring for toxicity',
  ],
  [
    'admit(?:ted)? (?:to|for)|will admit|admission (?:to|for)|hospitali[sz](?:e|ation)|transfer(?:red)? to (?:the )?(?:ICU|hospital|higher level of care)|escalat(?:e|ion) (?:of|to) (?:care|ICU)|direct admission|sen[dt] to (?:the )?(?:ED|ER|emergency department)|observation (?:status|admission|unit)|Dispo(?:sition)?: admit',
    'hospitalization',
    'ama-mdm',
    'decision regarding hospitalization or escalation of hospital-level care',
  ],
  [
    'emergent(?:ly)? (?:surgery|operation|laparotomy|OR)|emergency (?:surgery|operation|laparotomy)|(?:urgent(?:ly)?|emergent(?:ly)?) to (?:the )?OR|to (?:the )?OR (?:emergently|urgently|tonight|now)',
    'emergency-surgery',
    'ama-mdm',
    'decision regarding emergency major surgery',
  ],
  [
    'surgery|surgical (?:repair|decompression|resection|management|referral|candidate|criteria)|arthroplasty|TKA|THA|total (?:knee|hip|shoulder) (?:arthroplasty|replacement)|ORIF|(?:rotator cuff|hernia|valve) repair|CABG|laminectomy|decompression|spinal fusion|resection|\\w+ectomy|thoracotomy|craniotomy|amputation|bariatric (?:surgery|referral)',
    'major-surgery',
    'ama-mdm',
    'decision regarding elective major surgery',
  ],
  [
    'DNR|DNI|do[- ]not[- ]resuscitate|comfort (?:care|measures)|hospice|de-?escalat(?:e|ion) of care|withdraw(?:al of)? (?:care|life support)',
    'dnr',
    'ama-mdm',
    'decision not to resuscitate or to de-escalate care because of poor prognosis',
  ],
  [
    '(?:IV|IM|intravenous|intramuscular) (?:morphine|hydromorphone|dilaudid|fentanyl|ketamine|lorazepam|midazolam|diazepam|meperidine)|(?:morphine|hydromorphone|dilaudid|fentanyl|ketamine|lorazepam|midazolam|diazepam|meperidine) (?:\\d+(?:\\.\\d+)? ?mg )?(?:IV|IM|intravenous(?:ly)?|intramuscular(?:ly)?)',
    'parenteral-controlled',
    'ama-mdm',
    'parenteral controlled substance',
  ],
  [
    '(?:joint |intra-articular |corticosteroid |steroid |trigger point )?injections?|ESI|epidural(?: steroid injection)?|arthrocentesis|I&D|incision and drainage|excision|cryotherapy|laceration repair|closed reduction|hematoma block',
    'minor-surgery',
    'ama-mdm',
    'decision regarding minor surgery',
  ],
  [
    'biopsy|FNA|bronchoscopy|colonoscopy|endoscopy|EGD|cystoscopy|cardiac cath(?:eterization)?|lumbar puncture|paracentesis|thoracentesis',
    'invasive-diagnostic',
    'ama-mdm',
    'decision regarding an invasive diagnostic procedure (procedure risk: sedation, bleeding)',
  ],
  [
    "(?:cannot|can't|could not|unable to) afford|financial (?:hardship|barriers?|strain)|uninsured|no (?:health )?insurance|homeless(?:ness)?|housing insecurity|food insecurity|lack of transportation|transportation (?:barriers?|issues)",
    'sdoh',
    'ama-mdm',
    'diagnosis or treatment significantly limited by social determinants of health',
  ],
  [
    'physical therapy|PT (?:referral|for|eval(?:uation)?)|occupational therapy|OT (?:referral|for)|home exercise program',
    'therapy',
    'ama-mdm',
    'physical or occupational therapy',
  ],
  [
    'IV fluids|IVF|(?:normal saline|NS|LR) bolus|IV LR|IV NS',
    'iv-fluids',
    'ama-mdm',
    'IV fluids without additives',
  ],
  [
    'rest|ice|heat|elevation|gargles?|bandage|dressing|supportive care|reassurance|RICE|splint|brace|crutches',
    'minimal-care',
    'ama-mdm',
    'minimal-risk care (rest, ice, heat, splint, supportive care)',
  ],
  [
    'risk factors?|high[- ]risk|pre-?op(?:erative)?|peri-?op(?:erative)?|cardiac clearance|anesthesia risk|anticoagulat(?:ed|ion)',
    'procedure-risk',
    'ama-mdm',
    'identified patient or procedure risk factors',
  ],
]);
