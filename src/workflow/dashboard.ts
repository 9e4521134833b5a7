import { sql } from 'kysely';
import type { WorkflowContext } from './context.js';

/**
 * Dashboard figures, each one query: coder throughput (distinct encounters each coder finished
 * in the last 7 days), engine acceptance (share of proposed codes the coder accepted as is), claims by state,
 * denial rate by CARC (denied lines / posted lines), and open receivables by age bucket.
 */
const BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'] as const;

export function ageBucket(days: number): (typeof BUCKETS)[number] {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  if (days <= 120) return '91-120';
  return '120+';
}

export async function dashboard(ctx: WorkflowContext) {
  const db = ctx.db;
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);
  const [throughput, acceptance, byState, postedLines, denied, open] = await Promise.all([
    db
      .selectFrom('app_user as u')
      .leftJoin('encounter_event as ev', (j) =>
        j.onRef('ev.user_id', '=', 'u.id').on('ev.action', '=', 'complete').on('ev.at', '>=', weekAgo),
      )
      // Encounters, not sign-offs: one denied, corrected and finished again is one encounter's work.
      .select(['u.username', sql<number>`count(DISTINCT ev.encounter_id)::int`.as('n')])
      .where('u.role', 'in', ['coder', 'supervisor', 'admin'])
      .groupBy('u.username')
      .orderBy('u.username')
      .execute(),
    db
      .selectFrom('encounter_code')
      .select([
        sql<number>`count(*) FILTER (WHERE status = 'accepted')::int`.as('accepted'),
        sql<number>`count(*)::int`.as('proposed'),
      ])
      .where('proposed', 'is not', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('claim')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .groupBy('status')
      .execute(),
    db.selectFrom('line_posting').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('line_denial')
      .select(['carc', sql<number>`count(DISTINCT line_posting_id)::int`.as('n')])
      .groupBy('carc')
      .orderBy('carc')
      .execute(),
    // Open balance: charge minus what is settled — paid, moved to the patient, or written off
    // by contract; a denied line's amount stays open while the denial is worked.
    db
      .selectFrom('claim as c')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('line_posting')
            .select([
              'claim_id',
              sql<number>`sum(paid_cents + patient_cents + CASE WHEN denied THEN 0 ELSE contractual_cents END)::bigint`.as(
                'settled',
              ),
            ])
            .groupBy('claim_id')
            .as('p'),
        (j) => j.onRef('p.claim_id', '=', 'c.id'),
      )
      .select(['c.total_charge_cents', 'c.created_at', 'p.settled'])
      .where('c.status', 'in', ['submitted', 'acknowledged', 'denied', 'partially_paid', 'appealed'])
      .execute(),
  ]);
  const ar = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<(typeof BUCKETS)[number], number>;
  const now = Date.now();
  for (const c of open) {
    const balance = c.total_charge_cents - Number(c.settled ?? 0);
    if (balance > 0) ar[ageBucket(Math.floor((now - c.created_at.getTime()) / 86_400_000))] += balance;
  }
  return {
    coderThroughput: throughput.map((t) => ({ username: t.username, coded7d: t.n })),
    acceptanceRate: acceptance.proposed ? acceptance.accepted / acceptance.proposed : null,
    proposedCodes: acceptance.proposed,
    claimsByState: Object.fromEntries(byState.map((r) => [r.status, r.n])),
    denialRateByReason: denied.map((d) => ({
      carc: d.carc,
      rate: postedLines.n ? d.n / postedLines.n : 0,
      lines: d.n,
    })),
    arByAge: BUCKETS.map((bucket) => ({ bucket, totalCents: ar[bucket] })),
  };
}
