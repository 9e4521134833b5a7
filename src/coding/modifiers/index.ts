// Claim lines from the finders' procedures: modifiers (RT/LT/50, 59/XS/XE/XU, 25) and diagnosis pointers.
export { applyModifiers, type ModifierContext, procedureLines } from './apply.js';
export { assignDiagnosisPointers, diagnosisPointersFor, MAX_POINTERS } from './diagnosis-pointers.js';
export { MINOR_PROCEDURE_SOURCE, MINOR_PROCEDURES } from './minor-procedures.js';
export {
  loadPtpPairs,
  type PtpPairEdit,
  type PtpPairIndex,
  type PtpPairs,
  ptpPairsFromIndex,
} from './ptp-pairs.js';
