// X12 core: streaming reader, loops, writer, control numbers.
export {
  centsAt,
  formatCents,
  formatDate,
  isCalendarDate,
  parseCents,
  parseDate,
  parseQuantity,
} from './amounts.js';
export { type ControlNumberSource, MemoryControlNumbers } from './control-numbers.js';
export { DEFAULT_DELIMITERS, type Delimiters } from './delimiters.js';
export { ELEMENT_RULES, type ElementRule } from './elements.js';
export { X12Error, type X12Location } from './errors.js';
export {
  type BuildOptions,
  buildLoops,
  type Loop,
  type LoopSpec,
  loopsOf,
  segmentOf,
  segmentsOf,
} from './loops.js';
export {
  expectSetType,
  type FunctionalGroup,
  type Interchange,
  parseX12,
  type ReadOptions,
  readTransactionSets,
  readX12File,
  type TransactionSet,
  X12Parser,
} from './reader.js';
export { comps, el, reps, type Segment } from './segment.js';
export { SPEC_835, SPEC_837I, SPEC_837P, spec837For } from './specs.js';
export { StoreControlNumbers } from './store-control-numbers.js';
export {
  type EnvelopeNumbers,
  type EnvelopeOptions,
  SegmentWriter,
  type SetBody,
  writeInterchange,
} from './writer.js';
