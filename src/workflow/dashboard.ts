import { sql } from 'kysely';
import { claimBalances } from './claim-balance.js';
import type { WorkflowContext } from './context.js';

/**
 * Dashboard figures, each one query: coder throughput (distinct encounters each coder finished
 * in the last 7 days), engine acceptance (share of proposed codes the coder accepted as is), claims by state,
 * denial rate by CARC (denied lines / posted lines), and open receivables by age bucket (the
 * claims' open balances as claim-balance.ts defines them: a write-off or a held payment counts as
 * it does on the claim page).
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
    // Open claims; their balances come from claimBalances, the one definition of what is still
    // owed (charge less posted payments, patient share, contractual adjustments and write-offs).
    db
      .selectFrom('claim')
      .select(['id', 'created_at'])
      .where('status', 'in', ['submitted', 'acknowledged', 'denied', 'partially_paid', 'appealed'])
      .execute(),
  ]);
  const balances = await claimBalances(
    db,
    open.map((c) => c.id),
  );
  const ar = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<(typeof BUCKETS)[number], number>;
  const now = Date.now();
  for (const c of open) {
    const balance = balances.get(c.id)?.openCents ?? 0;
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
