import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../policy.js';
import { findUnit } from '../directory/repository.js';
import { planFiles } from './schema.js';
import { plansPolicy } from './policy.js';
import { findPlan, findTask, planParts, tasksOfPlan, unitsOfTasks, type PlanRow } from './repository.js';
import { presentPlanDetail, presentTask } from './present.js';

/** A plan the actor may see: drafts only for those who may read drafts; otherwise "not found". */
export async function visiblePlan(db: Db, actor: Actor, id: string): Promise<PlanRow> {
  const plan = await findPlan(db, id);
  if (!plan || (plan.status === 'draft' && !plansPolicy.can(actor, 'plan.read_drafts')))
    throw notFound('plan.not_found', '规划');
  return plan;
}

/** The full plan view. */
export async function planDetail(db: Db, actor: Actor, id: string) {
  const plan = await visiblePlan(db, actor, id);
  const [parts, taskRows] = await Promise.all([planParts(db, id), tasksOfPlan(db, id)]);
  const unitMap = await unitsOfTasks(
    db,
    taskRows.map((t) => t.id),
  );
  const issuer = plan.issuerUnitId ? await findUnit(db, plan.issuerUnitId) : undefined;
  const [file] = plan.sourceFileId
    ? await db
        .select({
          id: planFiles.id,
          filename: planFiles.filename,
          size: planFiles.size,
          mime: planFiles.mime,
        })
        .from(planFiles)
        .where(eq(planFiles.id, plan.sourceFileId))
    : [];
  return presentPlanDetail(
    plan,
    parts,
    taskRows.map((t) => presentTask(t, unitMap.get(t.id) ?? [], actor, plan.status)),
    { issuerUnitName: issuer?.name ?? null, file: file ?? null },
    actor,
  );
}

/** One task, if its plan is visible. */
export async function taskDetail(db: Db, actor: Actor, id: string) {
  const task = await findTask(db, id);
  if (!task) throw notFound('task.not_found', '任务');
  const plan = await visiblePlan(db, actor, task.planId).catch(() => {
    throw notFound('task.not_found', '任务');
  });
  const unitMap = await unitsOfTasks(db, [id]);
  return presentTask(task, unitMap.get(id) ?? [], actor, plan.status);
}
