/**
 * The lane column migration 111 adds to audit_log, merged into AuditLogTable (declared in
 * schema-workflow.ts) beside the keyed-chain columns of schema-audit.ts.
 */
import type { Generated } from 'kysely';

declare module './schema-workflow.js' {
  interface AuditLogTable {
    /**
     * Which of the interleaved keyed chains the row belongs to (src/workflow/audit.ts); 0 for
     * every row written before the migration. `seq`, `prev_hash` and `mac` follow the lane.
     */
    lane: Generated<number>;
  }
}
