/**
 * Imaging words → the Imaging section's type (character 3). The body part comes from the words
 * around them ("chest X-ray", "CT of the abdomen and pelvis"); contrast, when the note does not
 * say, is asked for rather than assumed. Source: ICD-10-PCS Reference Manual, Imaging section
 * (types Plain Radiography, Fluoroscopy, CT, MRI, Ultrasonography) and the ordinary names of
 * those studies.
 */
import type { OperationTerm } from './operation-terms.js';

const imaging = (words: string[], operation: string, extra: Partial<OperationTerm> = {}): OperationTerm => ({
  match: { words },
  section: 'Imaging',
  operation,
  source: `ICD-10-PCS Reference Manual, Imaging section: type ${operation}; "${words.join(' ')}" names that study`,
  guideline: 'B3.1a',
  ...extra,
});

const CT = 'Computerized Tomography (CT Scan)';
const MRI = 'Magnetic Resonance Imaging (MRI)';

export const IMAGING_TERMS: readonly OperationTerm[] = [
  imaging(['x', 'ray'], 'Plain Radiography'),
  imaging(['xray'], 'Plain Radiography'),
  imaging(['radiograph'], 'Plain Radiography'),
  imaging(['radiography'], 'Plain Radiography'),
  imaging(['radiology'], 'Plain Radiography'),
  imaging(['fluoroscopy'], 'Fluoroscopy'),
  imaging(['ct'], CT),
  imaging(['cat'], CT),
  imaging(['tomography'], CT),
  imaging(['tac'], CT),
  imaging(['mri'], MRI),
  imaging(['magnetic', 'resonance'], MRI),
  imaging(['nmr'], MRI),
  imaging(['ultrasound'], 'Ultrasonography'),
  imaging(['ultrasonography'], 'Ultrasonography'),
  imaging(['sonography'], 'Ultrasonography'),
  imaging(['echography'], 'Ultrasonography'),
  imaging(['ultrasounds'], 'Ultrasonography'),
  imaging(['echocardiography'], 'Ultrasonography', { bodyWords: ['heart'] }),
  imaging(['echocardiogram'], 'Ultrasonography', { bodyWords: ['heart'] }),
];
