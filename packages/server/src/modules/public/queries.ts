import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../directory/schema.js';
import { plans, tasks, taskUnits } from '../plans/schema.js';
import { planStates, taskStates } from '../reporting/schema.js';

/**
 * Read-only queries of the public page. Every query is scoped to published plans and to the
 * columns the public may see: plan identity, task text, units, deadlines and the maintained
 * task state (percent, work status, light) — never report text, reasons or anything in draft.
 */

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
  return { rows, total: total?.n ?? 0 };
}

/** One published plan (undefined for a draft or an unknown id). */
export async function publishedPlan1(db: Db, id: string) {
  const [row] = await db
    .select(planColumns)
    .from(plans)
    .leftJoin(planStates, eq(planStates.planId, plans.id))
    .leftJoin(units, eq(units.id, plans.issuerUnitId))
    .where(publishedPlan(id));
  return row;
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
      workStatus: taskStates.workStatus,
      percent: taskStates.percent,
      light: taskStates.light,
      finish: taskStates.finish,
    })
    .from(tasks)
    .leftJoin(taskStates, eq(taskStates.taskId, tasks.id))
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
