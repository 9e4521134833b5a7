/**
 * Wording in an assessment item that tells a problem's status: stable or at goal, worse or not at
 * goal, severely worse, a threat considered, systemic effects, a work-up for something not yet
 * diagnosed, a minor self-limited problem, and a problem another clinician manages (not
 * addressed at this visit unless assessed: "per PCP").
 */
import { rows } from './terms.js';

export type ProblemWord =
  | 'stable'
  | 'worse'
  | 'escalated'
  | 'severe'
  | 'threat'
  | 'systemic'
  | 'uncertain'
  | 'self-limited'
  | 'complicated-injury'
  | 'chronic'
  | 'managed-elsewhere';

export const PROBLEM_TERMS = rows<ProblemWord>([
  [
    'stable|controlled|well[- ]controlled|at goal|at target|compensated|in remission|asymptomatic|doing well|well replaced|euthyroid|rate[- ]controlled|routine healing|healing as expected',
    'stable',
    'ama-mdm',
  ],
  [
    'worsening|worse|worsened|uncontrolled|poorly controlled|not (?:well )?controlled|suboptimal(?:ly)? controlled|inadequately controlled|above (?:goal|target)|not at (?:goal|target)|exacerbation|flare|progression|progressive|progressing|progressed|not in remission|intractable|refractory|symptomatic|side effects?|adverse (?:effect|reaction)s?|intoleran(?:ce|t)|(?:chemo|drug|medication)-induced|due to (?:antineoplastic )?(?:chemotherapy|treatment|medication)',
    'worse',
    'ama-mdm',
  ],
  [
    'increase[ds]?|add(?:ed)?|start(?:ed)?|initiat(?:e|ed)|step(?:ped)? up|titrat(?:e|ed)|uptitrat(?:e|ed)|intensif(?:y|ied)|switch(?:ed)? to',
    'escalated',
    'ama-mdm',
    'treatment escalated (not at goal)',
  ],
  [
    'severe exacerbation|severely (?:uncontrolled|worse)|decompensat(?:ed|ion)|acute on chronic|crisis|status (?:asthmaticus|epilepticus|migrainosus)|requir(?:es|ing|ed) (?:hospitali[sz]ation|admission|transfusion|intubation)|transfus(?:e|ed|ion)',
    'severe',
    'ama-mdm',
  ],
  [
    'acute coronary syndrome|ACS|myocardial infarction|STEMI|NSTEMI|pulmonary embol(?:ism|us|i)|aortic dissection|stroke|intracranial (?:hemorrhage|bleed)|sepsis|septic|anaphyla(?:xis|ctic)|DKA|ketoacidosis|respiratory failure|cauda equina|testicular torsion|ectopic pregnancy|meningitis|suicidal ideation|status epilepticus|GI bleed|threat to (?:life|bodily function)|life[- ]threatening|compartment syndrome|thyroid storm',
    'threat',
    'ama-mdm',
  ],
  [
    'dehydrat(?:ion|ed)|systemic|hypoxi(?:a|c|emia)|tachycardi(?:a|c)|rigors|letharg(?:y|ic)|toxic[- ]appearing|retractions|ketosis',
    'systemic',
    'ama-mdm',
  ],
  [
    'rule out|r/o|ruled out|concern(?:ing)? for|suspicious for|evaluat(?:e|ion) for|work-?up|uncertain|unclear (?:etiology|cause)|undiagnosed|differential|most likely|nodule|mass|lump',
    'uncertain',
    'ama-mdm',
  ],
  ['self-limit(?:ed|ing)|minor|common cold|viral URI|insect bite|cerumen', 'self-limited', 'ama-mdm'],
  [
    'fracture|dislocation|concussion|intracranial injury|multiple injuries|extensive (?:injury|injuries|trauma)',
    'complicated-injury',
    'ama-mdm',
  ],
  ['chronic|long-standing|longstanding', 'chronic', 'ama-mdm'],
  [
    'per (?:PCP|her PCP|his PCP|primary care|ophtho|ophthalmology|cardiology|oncology|urology|\\w+ologist)|managed by (?:PCP|primary care|her |his |the )|followed by (?:PCP|primary care|\\w+logy|\\w+ologist)|defer(?:red)? to (?:PCP|primary care)',
    'managed-elsewhere',
    'ama-mdm',
  ],
]);
