/**
 * The keyed-chain columns migration 070 adds to audit_log, merged into AuditLogTable (declared in
 * schema-workflow.ts) so the audit module's types say what the table holds. NULL on rows written
 * before the migration, which only the SHA chain covers.
 */
declare module './schema-workflow.js' {
  interface AuditLogTable {
    /** Position in the keyed chain, from 1; the anchors outside the store name it. */
    seq: number | null;
    /** HMAC-SHA256 (hex) over the previous row's MAC and this row's canonical fields. */
    mac: string | null;
    /** Which key made `mac` (a fingerprint, never the key). */
    key_id: string | null;
  }
}

export {};
