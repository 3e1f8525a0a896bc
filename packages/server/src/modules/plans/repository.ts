import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../directory/schema.js';
import { cadences, indicators, phases, planNodes, plans, projects, taskUnits, tasks } from './schema.js';

export type PlanRow = typeof plans.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  const [p] = await db.select().from(plans).where(eq(plans.id, id));
  return p;
}

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [t] = await db.select().from(tasks).where(eq(tasks.id, id));
  return t;
}

export async function listPlans(db: Db, filter: { statuses: string[]; limit: number; offset: number }) {
  const where: SQL[] = [inArray(plans.status, filter.statuses)];
  return db
    .select()
    .from(plans)
    .where(and(...where))
    .orderBy(desc(plans.createdAt))
    .limit(filter.limit)
    .offset(filter.offset);
}

export interface TaskUnitView {
  taskId: string;
  unitId: string;
  role: string;
  ord: number;
  printedName: string | null;
  assignment: string;
  unitName: string;
  unitStatus: string;
  isGroup: boolean;
}

/** Units of the given tasks with their names, lead first. */
export async function unitsOfTasks(db: Db, taskIds: string[]): Promise<Map<string, TaskUnitView[]>> {
  const out = new Map<string, TaskUnitView[]>();
  if (!taskIds.length) return out;
  const found = await db
    .select({
      taskId: taskUnits.taskId,
      unitId: taskUnits.unitId,
      role: taskUnits.role,
      ord: taskUnits.ord,
      printedName: taskUnits.printedName,
      assignment: taskUnits.assignment,
      unitName: units.name,
      unitStatus: units.status,
      isGroup: units.isGroup,
    })
    .from(taskUnits)
    .innerJoin(units, eq(units.id, taskUnits.unitId))
    .where(inArray(taskUnits.taskId, taskIds))
    .orderBy(
      sql`case ${taskUnits.role} when 'lead' then 0 when 'responsible' then 1 else 2 end`,
      asc(taskUnits.ord),
    );
  for (const r of found) {
    const list = out.get(r.taskId) ?? [];
    list.push(r);
    out.set(r.taskId, list);
  }
  return out;
}

export async function tasksOfPlan(db: Db, planId: string, statuses?: string[]) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.planId, planId), statuses ? inArray(tasks.status, statuses) : undefined))
    .orderBy(asc(tasks.ord));
}

export async function planParts(db: Db, planId: string) {
  const [nodes, inds, projs, phs, cads] = await Promise.all([
    db.select().from(planNodes).where(eq(planNodes.planId, planId)).orderBy(asc(planNodes.ord)),
    db.select().from(indicators).where(eq(indicators.planId, planId)).orderBy(asc(indicators.ord)),
    db.select().from(projects).where(eq(projects.planId, planId)).orderBy(asc(projects.ord)),
    db.select().from(phases).where(eq(phases.planId, planId)).orderBy(asc(phases.ord)),
    db.select().from(cadences).where(eq(cadences.planId, planId)).orderBy(asc(cadences.ord)),
  ]);
  return { nodes, indicators: inds, projects: projs, phases: phs, cadences: cads };
}

/** Units a plan's tasks name (for own-unit reads of a published plan). */
export async function unitIdsOfTask(db: Db, taskId: string): Promise<string[]> {
  const found = await db
    .select({ unitId: taskUnits.unitId })
    .from(taskUnits)
    .where(eq(taskUnits.taskId, taskId));
  return found.map((r) => r.unitId);
}

/** Recomputes a plan's maintained task counts (after edits that add or remove tasks). */
export async function refreshPlanCounts(db: Db, planId: string): Promise<void> {
  await db.execute(sql`update plans set
      task_count = (select count(*) from tasks where plan_id = ${planId} and status <> 'cancelled'),
      finished_task_count = (select count(*) from tasks where plan_id = ${planId} and status in ('finished', 'signed_off'))
    where id = ${planId}`);
}
