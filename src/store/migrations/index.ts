import type { Migration } from 'kysely';
import * as m001 from './001_icd10cm.js';
import * as m020 from './020_hcpcs.js';
import * as m021 from './021_mue.js';
import * as m022 from './022_ncci_ptp.js';
import * as m023 from './023_cpt.js';
import * as m024 from './024_claims.js';
import * as m025 from './025_remittances.js';
import * as m026 from './026_acknowledgements.js';
import * as m030 from './030_workflow.js';
import * as m031 from './031_audit_log.js';
import * as m032 from './032_encounter_event_recent.js';
import * as m033 from './033_audit_chain_head.js';
import * as m034 from './034_encounter_event_count.js';
import * as m040 from './040_claim_pcn_unique.js';
import * as m041 from './041_posting_hold.js';
import * as m042 from './042_claim_scrub_override.js';
import * as m060 from './060_icd10cm_addenda.js';
import * as m070 from './070_audit_mac.js';
import * as m071 from './071_audit_log_filters.js';
import * as m075 from './075_account_lockout.js';
import * as m076 from './076_supervisor_role.js';
import * as m080 from './080_provider_queries.js';
import * as m085 from './085_qa_sample.js';
import * as m086 from './086_qa_variance.js';
import * as m090 from './090_claim_batch_file.js';
import * as m091 from './091_remittance_detail.js';
import * as m092 from './092_claim_work.js';
import * as m100 from './100_icd10pcs.js';
import * as m110 from './110_encounter_procedure.js';
import * as m111 from './111_audit_lanes.js';

/**
 * Every migration, in order. Listed statically (not read from disk) so the compiled package,
 * tests and tsx all see the same set. Append new ones; never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '001_icd10cm': m001,
  '020_hcpcs': m020,
  '021_mue': m021,
  '022_ncci_ptp': m022,
  '023_cpt': m023,
  '024_claims': m024,
  '025_remittances': m025,
  '026_acknowledgements': m026,
  '030_workflow': m030,
  '031_audit_log': m031,
  '032_encounter_event_recent': m032,
  '033_audit_chain_head': m033,
  '034_encounter_event_count': m034,
  '040_claim_pcn_unique': m040,
  '041_posting_hold': m041,
  '042_claim_scrub_override': m042,
  '060_icd10cm_addenda': m060,
  '070_audit_mac': m070,
  '071_audit_log_filters': m071,
  '075_account_lockout': m075,
  '076_supervisor_role': m076,
  '080_provider_queries': m080,
  '085_qa_sample': m085,
  '086_qa_variance': m086,
  '090_claim_batch_file': m090,
  '091_remittance_detail': m091,
  '092_claim_work': m092,
  '100_icd10pcs': m100,
  '110_encounter_procedure': m110,
  '111_audit_lanes': m111,
};
