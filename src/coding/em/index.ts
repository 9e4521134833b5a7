// E/M leveling: the visit's category, new or established, the MDM grid (problems, data, risk) or
// documented time, the code and its add-ons (99417/G2212, G2211), with evidence; a query when the
// note supports no level. CPT code numbers only, never descriptors.

export { MDM_CODES } from './code-table.js';
export { createEmFinder, type EmFinderOptions } from './finder.js';
export type { ProlongedRule } from './prolonged.js';
export { SOURCES, type SourceKey } from './sources.js';
export { PROLONGED_BASE, TIME_THRESHOLDS } from './time-thresholds.js';
