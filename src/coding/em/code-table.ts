/**
 * The code each MDM level selects, per category. Hospital initial and subsequent care share one
 * code for straightforward and low MDM. 99211 and 99281 (a visit that may not need the
 * practitioner) have no MDM level: they are chosen only for a documented staff-only visit.
 */
import type { Level } from './levels.js';

export type MdmTable =
  | 'office-new'
  | 'office-established'
  | 'emergency'
  | 'hospital-initial'
  | 'hospital-subsequent';

export const MDM_CODES: Readonly<Record<MdmTable, Readonly<Record<Level, string>>>> = {
  'office-new': { straightforward: '99202', low: '99203', moderate: '99204', high: '99205' },
  'office-established': { straightforward: '99212', low: '99213', moderate: '99214', high: '99215' },
  emergency: { straightforward: '99282', low: '99283', moderate: '99284', high: '99285' },
  'hospital-initial': { straightforward: '99221', low: '99221', moderate: '99222', high: '99223' },
  'hospital-subsequent': { straightforward: '99231', low: '99231', moderate: '99232', high: '99233' },
};

/** Staff-only visits: no MDM or time requirement. */
export const STAFF_ONLY_CODES = { office: '99211', emergency: '99281' } as const;

/** Routine post-operative visit inside a global period: reported, not paid. */
export const POSTOP_CODE = '99024';

/** Every code of a category, lowest first, for a query's affected codes. */
export const CATEGORY_CODES: Readonly<Record<string, readonly string[]>> = {
  'office-new': ['99202', '99203', '99204', '99205'],
  'office-established': ['99211', '99212', '99213', '99214', '99215'],
  office: ['99202', '99203', '99204', '99205', '99211', '99212', '99213', '99214', '99215'],
  emergency: ['99281', '99282', '99283', '99284', '99285'],
  'hospital-initial': ['99221', '99222', '99223'],
  'hospital-subsequent': ['99231', '99232', '99233'],
  discharge: ['99238', '99239'],
  hospital: ['99221', '99222', '99223', '99231', '99232', '99233', '99238', '99239'],
};
