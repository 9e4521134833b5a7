/**
 * Imaging words → the Imaging section's type (character 3). The body part comes from the words
 * around them ("chest X-ray", "CT of the abdomen and pelvis"); contrast, when the note does not
 * say, is asked for rather than assumed. Source: ICD-10-PCS Reference Manual, Imaging section
 * (types Plain Radiography, Fluoroscopy, CT, MRI, Ultrasonography) and the ordinary names of
 * those studies.
 */
import type { OperationTerm } from './operation-terms.js';

const imaging = (
  words: string[][],
  operation: string,
  extra: Partial<OperationTerm> = {},
): OperationTerm => ({
  match: { words },
  section: 'Imaging',
  operation,
  source: `ICD-10-PCS Reference Manual, Imaging section: type ${operation}; ${words.map((w) => `"${w.join(' ')}"`).join(', ')} name that study`,
  guideline: 'B3.1a',
  ...extra,
});

export const IMAGING_TERMS: readonly OperationTerm[] = [
  imaging([['x', 'ray'], ['xray'], ['radiograph'], ['radiography'], ['radiology']], 'Plain Radiography'),
  imaging([['fluoroscopy']], 'Fluoroscopy'),
  imaging([['ct'], ['cat'], ['tomography'], ['tac']], 'Computerized Tomography (CT Scan)'),
  imaging([['mri'], ['magnetic', 'resonance'], ['nmr']], 'Magnetic Resonance Imaging (MRI)'),
  imaging(
    [['ultrasound'], ['ultrasounds'], ['ultrasonography'], ['sonography'], ['echography']],
    'Ultrasonography',
  ),
  imaging([['echocardiography'], ['echocardiogram']], 'Ultrasonography', { bodyWords: ['heart'] }),
];
