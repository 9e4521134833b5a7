/**
 * Common generic drugs the Table of Drugs and Chemicals does not list by name, with the Table
 * row of their class. A coder who cannot find a drug in the Table codes it by its class
 * (I.C.19.e: "the classification … by the drug's class"), as an encoder's drug dictionary does;
 * these are the classes for drugs that are everyday in notes (newer anticoagulants,
 * antipsychotics, SSRIs, antidiabetics …). Immune checkpoint inhibitors are left out: their
 * class (T45.AX-) is newer than the FY2023 Tabular List, and a coder on FY2023 chose between
 * antineoplastic and immunosuppressive by the drug's use.
 *
 * Each value is a Table query ("Main term, subterm") checked against the imported Table by
 * test/coding/drug-classes.test.ts; a drug whose class the Table splits ambiguously is left out.
 */
const CLASSES: ReadonlyArray<[query: string, drugs: readonly string[]]> = [
  // T43.59-: atypical antipsychotics are "other antipsychotics".
  [
    'antipsychotic drug, specified',
    [
      'risperidone',
      'quetiapine',
      'aripiprazole',
      'ziprasidone',
      'lurasidone',
      'paliperidone',
      'brexpiprazole',
      'cariprazine',
      'asenapine',
      'iloperidone',
    ],
  ],
  // T43.22-: selective serotonin reuptake inhibitors.
  [
    'antidepressant, selective serotonin reuptake inhibitor',
    ['sertraline', 'escitalopram', 'paroxetine', 'vilazodone', 'vortioxetine'],
  ],
  // T43.21-: serotonin and norepinephrine reuptake inhibitors.
  [
    'antidepressant, selective serotonin norepinephrine reuptake inhibitor',
    ['duloxetine', 'desvenlafaxine', 'levomilnacipran', 'milnacipran'],
  ],
  // T45.51-: direct oral anticoagulants (factor Xa and thrombin inhibitors).
  ['anticoagulant', ['apixaban', 'rivaroxaban', 'dabigatran', 'edoxaban', 'fondaparinux']],
  // T45.52-: antiplatelet antithrombotics (aspirin has its own row, T39.01-).
  ['antithrombotic', ['clopidogrel', 'ticagrelor', 'prasugrel', 'cangrelor']],
  // T42.6X-: other (specified) antiepileptics.
  [
    'antiepilepsy agent, specified',
    ['lamotrigine', 'levetiracetam', 'topiramate', 'lacosamide', 'zonisamide', 'brivaracetam'],
  ],
  // T38.3X-: insulin and oral hypoglycemic [antidiabetic] drugs.
  ['sulfonylurea derivatives, oral', ['glimepiride']],
  [
    'antidiabetic',
    [
      'sitagliptin',
      'linagliptin',
      'saxagliptin',
      'alogliptin',
      'empagliflozin',
      'dapagliflozin',
      'canagliflozin',
      'ertugliflozin',
      'semaglutide',
      'liraglutide',
      'dulaglutide',
      'exenatide',
      'tirzepatide',
    ],
  ],
  // T46.5X-: angiotensin receptor blockers are "other antihypertensive drugs".
  [
    'antihypertensive drug',
    ['losartan', 'valsartan', 'irbesartan', 'olmesartan', 'candesartan', 'telmisartan'],
  ],
  // T46.1X-: calcium-channel blockers.
  ['blockers, calcium channel', ['amlodipine']],
  // T46.6X-: antihyperlipidemic drugs.
  ['antihyperlipidemic drug', ['atorvastatin', 'rosuvastatin', 'pitavastatin', 'ezetimibe']],
  // T45.1X-: antineoplastic drugs (cytotoxic agents and targeted antineoplastic antibodies).
  [
    'antineoplastic',
    [
      'paclitaxel',
      'docetaxel',
      'oxaliplatin',
      'capecitabine',
      'gemcitabine',
      'pemetrexed',
      'irinotecan',
      'trastuzumab',
      'bevacizumab',
      'rituximab',
      'cetuximab',
      'imatinib',
    ],
  ],
  // T39.39-: other nonsteroidal anti-inflammatory drugs.
  ['anti-inflammatory drug', ['celecoxib', 'meloxicam']],
];

/** Generic drug name (lower case) → the Table query of its class. */
export const DRUG_CLASSES: ReadonlyMap<string, string> = new Map(
  CLASSES.flatMap(([query, drugs]) => drugs.map((d) => [d, query] as const)),
);
