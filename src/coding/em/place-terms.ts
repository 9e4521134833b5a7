/**
 * Wording that tells where the visit took place and which hospital visit it is. Title words are
 * read in the note's first line only ("ED NOTE", "DISCHARGE SUMMARY"); body phrases anywhere.
 */
import { rows } from './terms.js';

export type PlaceKind = 'emergency' | 'discharge' | 'admission' | 'progress' | 'observation';

/** Read in the title line. */
export const TITLE_TERMS = rows<PlaceKind>([
  ['ED|ER|emergency', 'emergency', 'ama-category'],
  ['discharge', 'discharge', 'ama-category'],
  ['admission|admit note|H&P|history and physical|initial hospital', 'admission', 'ama-category'],
  ['progress note|daily progress|hospital day|subsequent hospital', 'progress', 'ama-category'],
  ['observation', 'observation', 'ama-category'],
]);

/** Read anywhere in the note. */
export const BODY_TERMS = rows<PlaceKind>([
  [
    'ED (?:provider|physician|attending|course|visit|triage|evaluation|note)|emergency department (?:note|visit|evaluation|course|physician|provider)',
    'emergency',
    'team-wording',
  ],
  ['(?:in|to|at) the (?:ED|ER|emergency department|emergency room)', 'emergency', 'team-wording'],
  [
    'discharged (?:home|to)|discharge (?:diagnos[ie]s|day management|instructions|summary|medications|meds)|day of discharge',
    'discharge',
    'team-wording',
  ],
  [
    'admit(?:ted)? (?:today )?to (?:the )?(?:hospital|medicine|floor|ICU|telemetry|observation|inpatient)|will admit|admission (?:H&P|history and physical)|initial hospital (?:care|visit)',
    'admission',
    'team-wording',
  ],
  [
    'hospital day #? ?\\d+|HD #? ?\\d+|interval events|overnight events|subsequent hospital (?:care|visit)',
    'progress',
    'team-wording',
  ],
  ['observation (?:status|unit|stay)|placed (?:in|on) observation', 'observation', 'team-wording'],
]);

/**
 * The place named only as where the patient may go later ("return to the ED if worse", "go to
 * the ER for chest pain"): read on the words just before the phrase.
 */
export const ELSEWHERE_BEFORE =
  /(?:return|go|come back|proceed|head|seek care|present|call|or|sent|send|refer(?:red)?|after|since|following|recent|prior|previous|last|from)\s+(?:\w+\s+){0,2}$/i;
