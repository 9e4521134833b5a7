// ICD-10-PCS: inpatient procedure codes (and physician queries for undocumented axes) from notes.
export { createPcsFinder, type PcsFinderOptions, type PcsFinderSource } from './finder.js';
export { findMentions, type ProcedureMention } from './mentions.js';
export { type Resolution, resolveMention } from './resolve.js';
