import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { rows as rawRows, type Db } from '../../db/client.js';
import type { SQL } from 'drizzle-orm';
import { units } from '../directory/schema.js';
import { plans, tasks, taskUnits } from '../plans/schema.js';
import { planStates, taskStates } from '../reporting/schema.js';

/**
 * Read-only queries of the public page. Every query is scoped to published plans and to the
 * columns the public may see: plan identity, task text, units, deadlines, the light, and the
 * figures of each task's latest ACCEPTED (审核通过) lead report — never a figure still under
 * review, report text, reasons or anything in draft.
 */

/** The figures of a task's latest accepted lead report (index range on `reports (task_id, period_start)`). */
const acceptedOf = (taskId: SQL | typeof tasks.id) => sql`(select r.percent, r.work_status from reports r
  where r.task_id = ${taskId} and r.is_lead and r.status = 'accepted'
  order by r.period_start desc limit 1)`;

/**
 * A plan's progress from accepted figures only: the weighted mean over its live tasks (weight 1
 * when unset) of the latest accepted percent (a signed-off task counts 100, a task with nothing
 * accepted yet 0) — the same rule as the maintained progress, which counts reported figures.
 */
const acceptedProgressSql = (planId: string) => sql`select coalesce(sum(coalesce(t.weight, 1) *
    case when s.finish = 'signed_off' then 100 else coalesce(a.percent, 0) end) / nullif(sum(coalesce(t.weight, 1)), 0), 0) as progress
  from tasks t
  left join task_states s on s.task_id = t.id
  left join lateral ${acceptedOf(sql`t.id`)} a on true
  where t.plan_id = ${planId} and t.status not in ('draft', 'cancelled')`;

/**
 * Accepted progress per plan, memoised by the versions of the plan's maintained state row and of
 * the plan row (every accept, sign-off, revision and weight change rewrites one of them), read in
 * the caller's transaction; a transaction that has written neither reads nor fills the memo.
 */
const progressMemo = new Map<string, { version: string; progress: number }>();
const MEMO_PLANS = 500;

async function acceptedProgress(db: Db, planIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!planIds.length) return out;
  const versions = await rawRows<{ id: string; v: string | null }>(
    db,
    sql`select p.id, case when txid_current_if_assigned() is null
          then p.xmin::text || '/' || coalesce(ps.xmin::text, '-') end as v
        from plans p left join plan_states ps on ps.plan_id = p.id
        where p.id in (${sql.join(
          planIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  for (const { id, v } of versions) {
    const hit = progressMemo.get(id);
    if (v !== null && hit?.version === v) {
      out.set(id, hit.progress);
      continue;
    }
    const [row] = await rawRows<{ progress: number | string | null }>(db, acceptedProgressSql(id));
    const progress = Number(row?.progress ?? 0);
    out.set(id, progress);
    if (v !== null) {
      progressMemo.delete(id);
      progressMemo.set(id, { version: v, progress });
      while (progressMemo.size > MEMO_PLANS) progressMemo.delete(progressMemo.keys().next().value!);
    }
  }
  return out;
}

/** Replaces the maintained (reported) progress of plan rows with their accepted progress. */
async function withAcceptedProgress<R extends { id: string; progress: number | null }>(db: Db, list: R[]) {
  const accepted = await acceptedProgress(
    db,
    list.map((r) => r.id),
  );
  return list.map((r) => ({ ...r, progress: accepted.get(r.id) ?? 0 }));
}

const publishedPlan = (id?: string) =>
  id ? and(eq(plans.status, 'published'), eq(plans.id, id)) : eq(plans.status, 'published');

const planColumns = {
  id: plans.id,
  title: plans.title,
  kind: plans.kind,
  docNumber: plans.docNumber,
  issuerText: plans.issuerText,
  issuerName: units.name,
  docDate: plans.docDate,
  publishedAt: plans.publishedAt,
  taskCount: plans.taskCount,
  finishedTaskCount: plans.finishedTaskCount,
  progress: planStates.progress,
  redTasks: planStates.redTasks,
  yellowTasks: planStates.yellowTasks,
};

export type PublicPlanRow = Awaited<ReturnType<typeof publishedPlans>>['rows'][number];

/** Published plans, newest first, one page. */
export async function publishedPlans(db: Db, page: { limit: number; offset: number }) {
  const rows = await db
    .select(planColumns)
    .from(plans)
    .leftJoin(planStates, eq(planStates.planId, plans.id))
    .leftJoin(units, eq(units.id, plans.issuerUnitId))
    .where(publishedPlan())
    .orderBy(desc(plans.publishedAt), asc(plans.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(plans).where(publishedPlan());
  return { rows: await withAcceptedProgress(db, rows), total: total?.n ?? 0 };
}

/** One published plan (undefined for a draft or an unknown id). */
export async function publishedPlan1(db: Db, id: string) {
  const [row] = await db
    .select(planColumns)
    .from(plans)
    .leftJoin(planStates, eq(planStates.planId, plans.id))
    .leftJoin(units, eq(units.id, plans.issuerUnitId))
    .where(publishedPlan(id));
  return row ? (await withAcceptedProgress(db, [row]))[0] : undefined;
}

/** Tasks that are part of a published plan (a task dropped by a revision is not). */
const visibleTask = (planId: string) =>
  and(eq(tasks.planId, planId), ne(tasks.status, 'cancelled'), ne(tasks.status, 'draft'));

/** One page of a published plan's tasks in document order, with their maintained state and units. */
export async function publishedTasks(db: Db, planId: string, page: { limit: number; offset: number }) {
  const rows = await db
    .select({
      id: tasks.id,
      path: tasks.path,
      text: tasks.text,
      deadlineText: tasks.deadlineText,
      deadlineDate: tasks.deadlineDate,
      status: tasks.status,
      workStatus: sql<string | null>`accepted.work_status`,
      percent: sql<number | null>`accepted.percent`,
      light: taskStates.light,
      finish: taskStates.finish,
    })
    .from(tasks)
    .leftJoin(taskStates, eq(taskStates.taskId, tasks.id))
    .leftJoinLateral(sql`${acceptedOf(tasks.id)} accepted`, sql`true`)
    .where(visibleTask(planId))
    .orderBy(asc(tasks.ord), asc(tasks.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(tasks).where(visibleTask(planId));
  const ids = rows.map((r) => r.id);
  const unitRows = ids.length
    ? await db
        .select({ taskId: taskUnits.taskId, role: taskUnits.role, name: units.name })
        .from(taskUnits)
        .innerJoin(units, eq(units.id, taskUnits.unitId))
        .where(and(inArray(taskUnits.taskId, ids), ne(taskUnits.planStatus, 'cancelled')))
        .orderBy(asc(taskUnits.taskId), asc(taskUnits.ord))
    : [];
  const byTask = new Map<string, { role: string; name: string }[]>();
  for (const u of unitRows)
    byTask.set(u.taskId, [...(byTask.get(u.taskId) ?? []), { role: u.role, name: u.name }]);
  return { rows: rows.map((r) => ({ ...r, units: byTask.get(r.id) ?? [] })), total: total?.n ?? 0 };
}

export type PublicTaskRow = Awaited<ReturnType<typeof publishedTasks>>['rows'][number];
