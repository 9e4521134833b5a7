/**
 * The procedure side of the coding contract: what E/M leveling (`coding/em/`), HCPCS Level II
 * (`coding/hcpcs/`) and ICD-10-PCS (`coding/pcs/`) propose beside the ICD-10-CM codes, in one
 * shape so the claim builder can take the lines as they are (code, units, modifiers, pointers).
 *
 * CPT descriptors are the AMA's copyright: a CPT suggestion carries its code number and our own
 * words for why it was chosen (`rationale`), never a descriptor. HCPCS and PCS titles are public
 * CMS text and are shown.
 */
import type { EvidenceSpan } from './types.js';

export type ProcedureCodeSystem = 'CPT' | 'HCPCS' | 'ICD-10-PCS';

/** A modifier on a line and why it was added (e.g. 25: "significant, separately identifiable E/M"). */
export interface ProcedureModifier {
  code: string;
  reason: string;
  evidence?: EvidenceSpan[];
}

/** One element the E/M grid read from the note (a problem, a data element, a risk item). */
export interface MdmItem {
  /** Our own label: "chronic illness with exacerbation", "review of external note", ... */
  label: string;
  evidence: EvidenceSpan[];
}

/** One column of the medical-decision-making grid and the level it reached. */
export interface MdmElement {
  level: 'straightforward' | 'low' | 'moderate' | 'high';
  items: MdmItem[];
}

/** What the E/M level was read from, for the coder to check: the grid and/or the documented time. */
export interface EmRationale {
  category: 'office' | 'emergency' | 'hospital-initial' | 'hospital-subsequent' | 'discharge';
  patientStatus?: 'new' | 'established';
  method: 'mdm' | 'time';
  mdm?: { problems: MdmElement; data: MdmElement; risk: MdmElement; level: MdmElement['level'] };
  /** Total time on the date of the encounter, in minutes, with its span. */
  minutes?: { value: number; evidence: EvidenceSpan[] };
}

/** How units were computed from the documented dose and the code's own unit ("per 15 mg"). */
export interface UnitsRationale {
  dose: { value: number; unit: string };
  perUnit: { value: number; unit: string };
  /** "30 mg ÷ 15 mg = 2, rounded up" */
  arithmetic: string;
}

/** ICD-10-PCS axes, each a character and its label. */
export interface PcsAxis {
  position: number;
  name: string;
  value: string;
  label: string;
  evidence?: EvidenceSpan[];
}

export interface ProcedureRationale {
  /** The rule or guideline that chose the code, e.g. "2021 office E/M: MDM moderate (2 of 3)". */
  rule: string;
  details: string[];
  em?: EmRationale;
  units?: UnitsRationale;
  pcs?: PcsAxis[];
}

export interface ProcedureSuggestion {
  system: ProcedureCodeSystem;
  code: string;
  /** HCPCS or PCS title from the CMS file; undefined for CPT (no descriptors shipped). */
  title?: string;
  units: number;
  modifiers: ProcedureModifier[];
  /** Dotted ICD-10-CM codes of this result that support the line, in pointer order (max 4). */
  diagnosisPointers: string[];
  evidence: EvidenceSpan[];
  rationale: ProcedureRationale;
  /** 0..1 */
  confidence: number;
}
