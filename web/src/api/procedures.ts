import { request } from './client.js';
import type { EvidenceSpan } from './types.js';

/**
 * Procedure lines over the API: the engine's proposals (E/M, HCPCS Level II with units and
 * modifiers, ICD-10-PCS) arrive in the encounter's suggestion; the coder's reviewed lines are
 * saved and read at /api/encounters/:id/procedures. Shapes as src/coding/procedure-types.ts and
 * src/workflow/procedure-lines.ts send them. CPT lines carry no title (AMA descriptors are not
 * shipped): the rule that chose them says what they are.
 */

export type ProcedureSystem = 'CPT' | 'HCPCS' | 'ICD-10-PCS';

export interface ProcedureModifier {
  code: string;
  reason: string;
  evidence?: EvidenceSpan[];
}

export interface MdmItem {
  label: string;
  evidence: EvidenceSpan[];
}

export interface MdmElement {
  level: 'straightforward' | 'low' | 'moderate' | 'high';
  items: MdmItem[];
}

export interface EmRationale {
  category: string;
  patientStatus?: 'new' | 'established';
  method: 'mdm' | 'time';
  mdm?: { problems: MdmElement; data: MdmElement; risk: MdmElement; level: MdmElement['level'] };
  minutes?: { value: number; evidence: EvidenceSpan[] };
}

export interface PcsAxis {
  position: number;
  name: string;
  value: string;
  label: string;
  evidence?: EvidenceSpan[];
}

export interface ProcedureSuggestion {
  system: ProcedureSystem;
  code: string;
  title?: string;
  units: number;
  modifiers: ProcedureModifier[];
  diagnosisPointers: string[];
  evidence: EvidenceSpan[];
  rationale: {
    rule: string;
    details: string[];
    em?: EmRationale;
    units?: { arithmetic: string };
    pcs?: PcsAxis[];
  };
  confidence: number;
}

export type ProcedureLineStatus = 'accepted' | 'rejected' | 'replaced' | 'added';

export interface ProcedureLineSave {
  system: ProcedureSystem;
  code: string;
  status: ProcedureLineStatus;
  proposed: string | null;
  units: number;
  modifiers: string[];
  pointers: string[];
}

export interface SavedProcedureLine extends ProcedureLineSave {
  line: number;
  title: string;
  evidence: EvidenceSpan[];
}

export const procedureApi = {
  lines: (id: string | number) =>
    request<{ procedures: SavedProcedureLine[] }>('GET', `/api/encounters/${id}/procedures`),
  save: (id: string | number, procedures: ProcedureLineSave[]) =>
    request<{ procedures: SavedProcedureLine[] }>('PUT', `/api/encounters/${id}/procedures`, { procedures }),
};
