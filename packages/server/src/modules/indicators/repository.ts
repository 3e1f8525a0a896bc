import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { indicators, plans } from '../plans/schema.js';
import { reportCycles, reports } from '../reporting/schema.js';
import { indicatorReportSync, indicatorValues } from './schema.js';

type Q = Db | Tx;

export type IndicatorRow = typeof indicators.$inferSelect;
export type IndicatorValueRow = typeof indicatorValues.$inferSelect;

/** Serialises the writers of one plan's indicator values (sheet uploads, report catch-up) until commit. */
export async function lockPlanIndicatorValues(q: Tx, planId: string): Promise<void> {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`indicator_values:${planId}`}))`);
}

/** A plan's indicators in document order. */
export function indicatorsOfPlan(q: Q, planId: string): Promise<IndicatorRow[]> {
  return q.select().from(indicators).where(eq(indicators.planId, planId)).orderBy(asc(indicators.ord));
}

/** Every stored value of these plans' indicators (one row per indicator × period). */
export function valuesOfPlans(q: Q, planIds: readonly string[]): Promise<IndicatorValueRow[]> {
  if (!planIds.length) return Promise.resolve([]);
  return q
    .select()
    .from(indicatorValues)
    .where(inArray(indicatorValues.planId, [...planIds]))
    .orderBy(asc(indicatorValues.periodEnd));
}

/** The stored value of one indicator for one period, if any. */
export async function findValue(
  q: Q,
  indicatorId: string,
  periodKey: string,
): Promise<IndicatorValueRow | undefined> {
  const [row] = await q
    .select()
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.periodKey, periodKey)));
  return row;
}

/** Published plans that have indicators (optionally one plan), newest first. */
export async function publishedPlansWithIndicators(q: Q, planId?: string) {
  return q
    .selectDistinct({ id: plans.id, title: plans.title, createdAt: plans.createdAt })
    .from(plans)
    .innerJoin(indicators, eq(indicators.planId, plans.id))
    .where(and(eq(plans.status, 'published'), planId ? eq(plans.id, planId) : undefined))
    .orderBy(desc(plans.createdAt));
}

/** The period the plan's units report on now (its reporting cycle's latest open period), if any. */
export async function currentPeriodKeyOfPlan(
  q: Q,
  planId: string,
): Promise<{ key: string; period: string } | undefined> {
  const [row] = await q
    .select({ key: reportCycles.lastPeriodKey, period: reportCycles.period })
    .from(reportCycles)
    .where(and(eq(reportCycles.planId, planId), eq(reportCycles.unitReports, true)));
  return row?.key ? { key: row.key, period: row.period } : undefined;
}

/** How far the plan's reports have been taken in. */
export async function reportsThrough(q: Q, planId: string): Promise<Date | undefined> {
  const [row] = await q.select().from(indicatorReportSync).where(eq(indicatorReportSync.planId, planId));
  return row?.reportsThrough;
}

export async function markReportsThrough(q: Tx, planId: string, through: Date): Promise<void> {
  await q
    .insert(indicatorReportSync)
    .values({ planId, reportsThrough: through })
    .onConflictDoUpdate({ target: indicatorReportSync.planId, set: { reportsThrough: through } });
}

/** Reports of a plan submitted after `since` that carry indicator values (statements units made). */
export function reportsWithValuesSince(q: Q, planId: string, since: Date | undefined) {
  return q
    .select({
      id: reports.id,
      periodKey: reports.periodKey,
      periodLabel: reports.periodLabel,
      periodEnd: reports.periodEnd,
      submittedAt: reports.submittedAt,
      indicatorValues: reports.indicatorValues,
    })
    .from(reports)
    .where(
      and(
        eq(reports.planId, planId),
        inArray(reports.status, ['submitted', 'signed', 'accepted', 'consolidated']),
        sql`${reports.indicatorValues} <> '[]'::jsonb`,
        since ? gt(reports.submittedAt, since) : sql`${reports.submittedAt} is not null`,
      ),
    )
    .orderBy(asc(reports.submittedAt));
}
