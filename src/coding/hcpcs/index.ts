// HCPCS Level II: drug codes with units, administration codes and vaccine administration codes
// from the administrations a note documents.

export { ADMINISTRATION_CODES } from './administration-codes.js';
export { billingUnits, type UnitsResult } from './billing-units.js';
export { buildDrugCatalog, type DrugCode, drugCodeOf, type HcpcsDrugRecord } from './drug-catalog.js';
export { createHcpcsFinder, type HcpcsFinderOptions } from './finder.js';
export { type PerUnitDose, parsePerUnitDose } from './per-unit.js';
export { IMMUNIZATION_ADMINISTRATION_CODES } from './vaccines.js';
