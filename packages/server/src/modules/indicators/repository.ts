import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { indicators, plans } from '../plans/schema.js';
import { reportCycles } from '../reporting/schema.js';
import { indicatorValues } from './schema.js';

type Q = Db | Tx;

export type IndicatorRow = typeof indicators.$inferSelect;
export type IndicatorValueRow = typeof indicatorValues.$inferSelect;

/**
 * Locks one plan's indicator values until commit: `exclusive` for a sheet upload (alone), `shared`
 * for report submits taking values in (they run side by side, each value row locked by its upsert).
 */
export async function lockPlanIndicatorValues(
  q: Tx,
  planId: string,
  mode: 'exclusive' | 'shared' = 'exclusive',
): Promise<void> {
  const key = `indicator_values:${planId}`;
  await q.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`
      : sql`select pg_advisory_xact_lock(hashtext(${key}))`,
  );
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
