/**
 * Section detection. Where a statement sits changes what it means to a coder: "CHF" under
 * Family History is not the patient's, under Past Medical History it may be historical, under
 * Assessment it is a diagnosis. Headers are recognized at the start of a line, followed by a
 * colon or standing alone on their line, in the common variants and capitalizations.
 */

export type SectionKind =
  | 'preamble'
  | 'chief_complaint'
  | 'hpi'
  | 'past_medical_history'
  | 'past_surgical_history'
  | 'medications'
  | 'allergies'
  | 'family_history'
  | 'social_history'
  | 'ros'
  | 'exam'
  | 'results'
  | 'assessment'
  | 'plan'
  | 'assessment_plan'
  | 'diagnoses'
  | 'hospital_course'
  | 'procedures'
  | 'other';

export interface Section {
  kind: SectionKind;
  /** The header as written ("A/P"); empty for the preamble. */
  header: string;
  /** Offsets of the header start and the section end (the next header or end of text). */
  start: number;
  /** Where the section's body starts (after the header and colon). */
  bodyStart: number;
  end: number;
}

const HEADERS: Array<[SectionKind, string[]]> = [
  [
    'chief_complaint',
    [
      'chief complaint',
      'cc',
      'reason for visit',
      'reason for consultation',
      'presenting complaint',
      'reason',
    ],
  ],
  [
    'hpi',
    [
      'history of present illness',
      'hpi',
      'history of the present illness',
      'interval history',
      'subjective',
      's',
      'history',
      'interval',
    ],
  ],
  [
    'past_medical_history',
    ['past medical history', 'pmh', 'pmhx', 'medical history', 'past history', 'problem list', 'pmh/psh'],
  ],
  ['past_surgical_history', ['past surgical history', 'psh', 'surgical history', 'pshx']],
  [
    'medications',
    [
      'medications',
      'meds',
      'current medications',
      'home medications',
      'medication list',
      'discharge meds',
      'discharge medications',
    ],
  ],
  ['allergies', ['allergies', 'allergy']],
  ['family_history', ['family history', 'fh', 'fhx', 'family hx']],
  ['social_history', ['social history', 'sh', 'social hx', 'shx', 'social']],
  ['ros', ['review of systems', 'ros', 'systems review']],
  [
    'exam',
    [
      'physical exam',
      'physical examination',
      'exam',
      'examination',
      'pe',
      'objective',
      'o',
      'mse',
      'mental status exam',
      'mental status examination',
      'vitals',
      'vital signs',
    ],
  ],
  [
    'results',
    [
      'labs',
      'laboratory',
      'results',
      'data',
      'imaging',
      'studies',
      'diagnostics',
      'ekg',
      'ecg',
      'radiology',
      'ua',
      'urinalysis',
      'admission labs',
    ],
  ],
  [
    'assessment_plan',
    ['assessment and plan', 'assessment/plan', 'a/p', 'a&p', 'impression and plan', 'assessment & plan'],
  ],
  [
    'diagnoses',
    [
      'diagnosis',
      'diagnoses',
      'discharge diagnosis',
      'discharge diagnoses',
      'final diagnosis',
      'final diagnoses',
      'principal diagnosis',
      'secondary diagnoses',
      'admitting diagnosis',
      'postoperative diagnosis',
      'preoperative diagnosis',
      'dx',
      'dxs',
      'final dx',
      'discharge dx',
      'principal dx',
      'admitting dx',
      'secondary dx',
      // Emergency department wording.
      'ed diagnosis',
      'ed diagnoses',
      'er diagnosis',
      'emergency department diagnosis',
      'emergency department diagnoses',
      'final impression',
      'ed impression',
      'diagnostic impression',
    ],
  ],
  [
    'assessment',
    ['assessment', 'impression', 'impressions', 'clinical impression', 'clinical impressions', 'a'],
  ],
  [
    'plan',
    [
      'plan',
      'p',
      'recommendations',
      'disposition',
      'dispo',
      'follow up',
      'follow-up',
      'discharge instructions',
      'rx',
      'treatment',
      'treatment plan',
      'anticipatory guidance',
    ],
  ],
  [
    'hospital_course',
    ['hospital course', 'course', 'ed course', 'brief hospital course', 'mdm', 'medical decision making'],
  ],
  ['procedures', ['procedure', 'procedures', 'operations']],
];

const HEADER_KIND = new Map<string, SectionKind>();
for (const [kind, names] of HEADERS) for (const n of names) HEADER_KIND.set(n, kind);

// A line start, up to 6 header words (letters, spaces, / & -), then a colon or end of line.
// Bounded repetition keeps the regex linear.
const HEADER_LINE = /^[ \t]*([A-Za-z][A-Za-z /&-]{0,48}?)[ \t]*(:|$)/gm;

/** Single-letter and ambiguous headers only count when followed by a colon. */
const NEEDS_COLON = new Set(['a', 'p', 's', 'o']);

/**
 * A header naming a test or imaging study ("CT maxillofacial:", "XR L wrist:", "MRI brain:",
 * "Rapid strep:") introduces its results, whatever the study.
 */
const STUDY_HEADER =
  /^(?:ct|cta|cxr|xr|x-ray|mri|mra|us|ultrasound|echo|echocardiogram|dexa|mammogram|diagnostic mammogram|duplex|venous duplex|rapid|ua dip|sestamibi|nuclear|stress test|holter|eeg|emg|pft|spirometry|biopsy|pathology|cgm)\b/;

export function findSections(text: string): Section[] {
  const found: Array<{ kind: SectionKind; header: string; start: number; bodyStart: number }> = [];
  HEADER_LINE.lastIndex = 0;
  for (let m = HEADER_LINE.exec(text); m !== null; m = HEADER_LINE.exec(text)) {
    if (m[0].length === 0) HEADER_LINE.lastIndex++;
    const name = m[1]!.trim().toLowerCase().replace(/\s+/g, ' ');
    const kind = HEADER_KIND.get(name) ?? (STUDY_HEADER.test(name) ? 'results' : undefined);
    if (!kind) continue;
    const colon = m[2] === ':';
    if (!colon && NEEDS_COLON.has(name)) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    found.push({ kind, header: m[1]!.trim(), start, bodyStart: m.index + m[0].length });
  }
  const sections: Section[] = [];
  const firstStart = found[0]?.start ?? text.length;
  if (firstStart > 0 && text.slice(0, firstStart).trim().length > 0) {
    sections.push({ kind: 'preamble', header: '', start: 0, bodyStart: 0, end: firstStart });
  }
  found.forEach((f, i) => {
    sections.push({ ...f, end: found[i + 1]?.start ?? text.length });
  });
  return sections;
}

/** The section containing an offset (sections are sorted and contiguous). */
export function sectionAt(sections: Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Sections whose statements are the provider's diagnostic conclusions. */
export function isDiagnosticSection(kind: SectionKind): boolean {
  return kind === 'assessment' || kind === 'assessment_plan' || kind === 'diagnoses';
}
