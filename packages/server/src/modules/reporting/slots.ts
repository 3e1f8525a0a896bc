import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { rows } from '../../db/client.js';
import { cadences, plans } from '../plans/schema.js';
import { bumpCounts, counted, markUnitLights } from './counters.js';
import {
  addDays,
  dueDateOf,
  isPeriod,
  localDate,
  periodOf,
  PERIOD_RANK,
  type Period,
  type PeriodInfo,
} from './periods.js';
import { reportCycles, reports, taskStates } from './schema.js';

type CycleRow = typeof reportCycles.$inferSelect;

const DEFAULT_WHAT: Record<Period, string> = {
  monthly: '按月报送进展情况',
  quarterly: '按季度报送进展情况',
  'half-yearly': '每半年报送进展情况',
  yearly: '年度总结报送',
};

/**
 * Opens a published plan's reporting (the hook the plans module calls at publish and after a
 * revision is applied). Idempotent: cycles are created once per plan from its cadences (the finest
 * cadence opens report slots; a plan without a cadence reports quarterly); every call opens the
 * current period's slots for task/unit pairs that have none, and task states for new tasks.
 */
export async function openPlanReporting(
  ctx: Ctx,
  planId: string,
): Promise<{ cycles: number; slots: number }> {
  return counted(ctx.tx, async () => {
    let cycles = await ctx.tx.select().from(reportCycles).where(eq(reportCycles.planId, planId));
    if (!cycles.length) {
      const found = await ctx.tx
        .select()
        .from(cadences)
        .where(eq(cadences.planId, planId))
        .orderBy(cadences.ord);
      const byPeriod = new Map<Period, string>();
      for (const c of found)
        if (isPeriod(c.period) && !byPeriod.has(c.period)) byPeriod.set(c.period, c.what);
      if (!byPeriod.size) byPeriod.set('quarterly', DEFAULT_WHAT.quarterly);
      const finest = [...byPeriod.keys()].sort((a, b) => PERIOD_RANK[a] - PERIOD_RANK[b])[0]!;
      cycles = await ctx.tx
        .insert(reportCycles)
        .values(
          [...byPeriod].map(([period, what]) => ({
            planId,
            period,
            what: what || DEFAULT_WHAT[period],
            unitReports: period === finest,
          })),
        )
        .returning();
      for (const c of cycles) {
        await ctx.audit({
          action: 'cycle.open',
          entityType: 'report_cycle',
          entityId: c.id,
          after: { planId, period: c.period, what: c.what, unitReports: c.unitReports },
        });
      }
    }
    await ctx.tx.execute(
      sql`insert into task_states (task_id, plan_id) select id, plan_id from tasks where plan_id = ${planId} and status <> 'draft' on conflict do nothing`,
    );
    await ctx.tx.execute(sql`insert into plan_states (plan_id) values (${planId}) on conflict do nothing`);
    // Assignments waiting for 签收/退回 appear in their unit's inbox.
    await ctx.tx.execute(sql`insert into unit_work (unit_id, kind, task_id, plan_id, since)
        select tu.unit_id, 'accept', tu.task_id, tu.plan_id, coalesce(tu.assigned_at, ${ctx.now}) from task_units tu join tasks t on t.id = tu.task_id
        where tu.plan_id = ${planId} and tu.plan_status = 'published' and tu.assignment = 'assigned' and t.status = 'assigned'
        on conflict do nothing`);
    let slots = 0;
    const today = localDate(ctx.now);
    for (const c of cycles.filter((x) => x.unitReports)) {
      slots += await openPeriod(ctx, c, periodOf(c.period as Period, today));
    }
    return { cycles: cycles.length, slots };
  });
}

/**
 * Opens one period of a cycle: a slot per task and assigned unit (lead consolidates), skipping
 * pairs that already have one. Returns how many slots were opened.
 */
export async function openPeriod(ctx: Ctx, cycle: CycleRow, p: PeriodInfo): Promise<number> {
  return counted(ctx.tx, async () => {
    const due = dueDateOf(p, cycle.dueDaysAfter);
    const lock = addDays(due, cycle.windowDays);
    // Two statements: the lead slots, then the co-units' slots pointing at their lead's slot
    // (found through the slot's unique index) — no later pass over the period, which scanned every
    // report of every plan (bench/FINDINGS.md #10).
    const pairs = (lead: boolean) => sql`with leads as (
            select distinct on (x.task_id) x.task_id, x.unit_id from task_units x
            where x.plan_id = ${cycle.planId} and x.assignment in ('assigned', 'accepted')
            order by x.task_id, case x.role when 'lead' then 0 when 'responsible' then 1 else 2 end, x.ord, x.unit_id)
          select tu.plan_id, tu.task_id, tu.unit_id, tu.role, l.unit_id as lead_unit_id
          from task_units tu join tasks t on t.id = tu.task_id left join leads l on l.task_id = tu.task_id
          where tu.plan_id = ${cycle.planId} and tu.plan_status = 'published' and tu.assignment in ('assigned', 'accepted')
            and t.status = 'assigned' and ${lead ? sql`l.unit_id = tu.unit_id` : sql`l.unit_id is distinct from tu.unit_id`}`;
    const insert = (lead: boolean) =>
      rows<{ id: string; unit_id: string; is_lead: boolean }>(
        ctx.tx,
        sql`insert into reports (cycle_id, plan_id, task_id, unit_id, role, is_lead, period_key, period_label, period_start, period_end, due_date, lock_date, lead_report_id)
          select ${cycle.id}, p.plan_id, p.task_id, p.unit_id, p.role, ${lead}, ${p.key}, ${p.label}, ${p.start}, ${p.end}, ${due}, ${lock},
            ${
              lead
                ? sql`null::uuid`
                : sql`(select l.id from reports l where l.task_id = p.task_id and l.unit_id = p.lead_unit_id
                      and l.cycle_id = ${cycle.id} and l.period_key = ${p.key})`
            }
          from (${pairs(lead)}) p
          on conflict (task_id, unit_id, cycle_id, period_key) do nothing
          returning id, unit_id, is_lead`,
      );
    const inserted = [...(await insert(true)), ...(await insert(false))];
    if (!inserted.length) return 0;
    const perUnit = new Map<string, number>();
    for (const r of inserted) perUnit.set(r.unit_id, (perUnit.get(r.unit_id) ?? 0) + 1);
    for (const [unitId, n] of perUnit) await bumpCounts(ctx.tx, { unitId }, { openReports: n });
    await bumpCounts(ctx.tx, { planId: cycle.planId }, { openReports: inserted.length });
    if (PERIOD_KEY_AFTER(cycle.lastPeriodKey, p.key)) {
      await ctx.tx.update(reportCycles).set({ lastPeriodKey: p.key }).where(eq(reportCycles.id, cycle.id));
    }
    await ctx.audit({
      action: 'cycle.open_period',
      entityType: 'report_cycle',
      entityId: cycle.id,
      after: { period: p.key, dueDate: due, lockDate: lock, slots: inserted.length },
    });
    return inserted.length;
  });
}

const PERIOD_KEY_AFTER = (last: string | null, key: string) => !last || key > last;

/**
 * The scheduled step: opens the current period of every reporting cycle of published plans whose
 * current period is not open yet. Cheap when nothing is due (one row per cycle).
 */
export async function openDuePeriods(ctx: Ctx): Promise<number> {
  return counted(ctx.tx, async () => {
    const today = localDate(ctx.now);
    const cycles = await ctx.tx
      .select({ c: reportCycles })
      .from(reportCycles)
      .innerJoin(plans, eq(plans.id, reportCycles.planId))
      .where(and(eq(reportCycles.unitReports, true), eq(plans.status, 'published')));
    let opened = 0;
    for (const { c } of cycles) {
      const p = periodOf(c.period as Period, today);
      if (c.lastPeriodKey && c.lastPeriodKey >= p.key) continue;
      opened += await openPeriod(ctx, c, p);
    }
    return opened;
  });
}

/** Deletes what reporting keeps about a plan (before `demo --remove` deletes the plan), keeping unit counts true. */
export async function purgePlanReporting(ctx: Ctx, planId: string): Promise<void> {
  return counted(ctx.tx, async () => {
    const perUnit = await rows<{
      unit_id: string;
      open: number;
      submitted: number;
      accepted: number;
      on_time: number;
      late: number;
    }>(
      ctx.tx,
      sql`select unit_id,
            count(*) filter (where open)::int as open,
            count(*) filter (where not open and status in ('submitted', 'signed'))::int as submitted,
            count(*) filter (where not open and status in ('accepted', 'consolidated'))::int as accepted,
            count(*) filter (where on_time)::int as on_time,
            count(*) filter (where on_time = false)::int as late
          from reports where plan_id = ${planId} group by unit_id`,
    );
    for (const u of perUnit) {
      await bumpCounts(
        ctx.tx,
        { unitId: u.unit_id },
        {
          openReports: -u.open,
          submittedReports: -u.submitted,
          acceptedReports: -u.accepted,
          onTimeReports: -u.on_time,
          lateReports: -u.late,
        },
      );
    }
    const lit = await rows<{ unit_id: string; red: number; yellow: number }>(
      ctx.tx,
      sql`select tu.unit_id, count(*) filter (where s.light = 'red')::int as red, count(*) filter (where s.light = 'yellow')::int as yellow
          from task_states s join task_units tu on tu.task_id = s.task_id where s.plan_id = ${planId} and tu.assignment <> 'returned' group by tu.unit_id`,
    );
    for (const u of lit)
      await bumpCounts(ctx.tx, { unitId: u.unit_id }, { redTasks: -u.red, yellowTasks: -u.yellow });
    await markUnitLights(
      ctx.tx,
      lit.map((u) => u.unit_id),
    );
    // Supervision's rows hang on the plan too; they are deleted here so one hook purges both.
    await ctx.tx.execute(sql`update unit_states u set open_notices = greatest(0, u.open_notices - c.n)
        from (select unit_id, count(*)::int n from supervision_notices where plan_id = ${planId} and status = 'open' group by unit_id) c where c.unit_id = u.unit_id`);
    await ctx.tx.execute(sql`delete from supervision_notices where plan_id = ${planId}`);
    await ctx.tx.execute(sql`delete from extension_requests where plan_id = ${planId}`);
    await ctx.tx.execute(
      sql`delete from report_attachments where task_id in (select id from tasks where plan_id = ${planId})`,
    );
    await ctx.tx.execute(sql`delete from unit_work where plan_id = ${planId}`);
    await ctx.tx.execute(sql`delete from reports where plan_id = ${planId}`);
    await ctx.tx.execute(sql`delete from report_cycles where plan_id = ${planId}`);
    await ctx.tx.delete(taskStates).where(eq(taskStates.planId, planId));
    await ctx.tx.execute(sql`delete from plan_states where plan_id = ${planId}`);
  });
}

/**
 * After a revision of a published plan (before the publish hook runs again): cancelled tasks and
 * units that lost a task leave the open work — their open slots close, their inbox rows go, and
 * their lights leave the unit and plan counts.
 */
export async function closeRevisedWork(
  ctx: Ctx,
  planId: string,
  change: { cancelledTaskIds: string[]; removedAssignments: { taskId: string; unitId: string }[] },
): Promise<void> {
  return counted(ctx.tx, async () => {
    const pairs: { taskId: string; unitId: string | null }[] = [
      ...change.cancelledTaskIds.map((taskId) => ({ taskId, unitId: null })),
      ...change.removedAssignments,
    ];
    for (const { taskId, unitId } of pairs) {
      const closed = await ctx.tx
        .delete(reports)
        .where(
          and(
            eq(reports.taskId, taskId),
            eq(reports.open, true),
            unitId ? eq(reports.unitId, unitId) : sql`true`,
          ),
        )
        .returning({ unitId: reports.unitId });
      for (const c of closed) await bumpCounts(ctx.tx, { unitId: c.unitId, planId }, { openReports: -1 });
      const [state] = await ctx.tx.select().from(taskStates).where(eq(taskStates.taskId, taskId));
      const lit =
        state && state.light !== 'green'
          ? state.light === 'red'
            ? { redTasks: -1 }
            : { yellowTasks: -1 }
          : null;
      const work = await ctx.tx.execute(
        sql`delete from unit_work where task_id = ${taskId} ${unitId ? sql`and unit_id = ${unitId}` : sql``} and kind in ('red', 'yellow') returning unit_id`,
      );
      await ctx.tx.execute(
        sql`delete from unit_work where task_id = ${taskId} ${unitId ? sql`and unit_id = ${unitId}` : sql``}`,
      );
      if (lit) {
        const units = (work as { rows: { unit_id: string }[] }).rows.map((r) => r.unit_id);
        for (const u of units) await bumpCounts(ctx.tx, { unitId: u }, lit);
        await markUnitLights(ctx.tx, units);
        if (!unitId) {
          await bumpCounts(ctx.tx, { planId }, lit);
          await ctx.tx
            .update(taskStates)
            .set({ light: 'green', lightReasons: [], lightAt: ctx.now, updatedAt: ctx.now })
            .where(eq(taskStates.taskId, taskId));
        }
      }
    }
    if (pairs.length) {
      await ctx.audit({ action: 'cycle.close_revised', entityType: 'plan', entityId: planId, after: change });
    }
  });
}
