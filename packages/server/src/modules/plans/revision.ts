import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../errors.js';
import type { Ctx } from '../../http/context.js';
import type { Db } from '../../db/client.js';
import { plans, taskUnits, tasks } from './schema.js';
import { units } from '../directory/schema.js';
import { findPlan, refreshPlanCounts, tasksOfPlan, unitsOfTasks, type TaskRow } from './repository.js';
import { deleteDraft, publishProblems } from './commands.js';

/** The published plan a newly imported document revises: same document number, else same title. */
export async function findRevisedPlan(
  db: Db,
  docNumber: string | null,
  title: string | null,
): Promise<string | null> {
  if (!docNumber && !title) return null;
  const conds = [];
  if (docNumber) conds.push(eq(plans.docNumber, docNumber));
  if (title) conds.push(eq(plans.title, title));
  const [hit] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.status, 'published'), or(...conds)))
    .limit(1);
  return hit?.id ?? null;
}

const norm = (s: string) => s.replace(/\s+/g, '');

interface Match {
  published: TaskRow;
  draft: TaskRow;
}

/** Pairs the draft's tasks with the published plan's: same text first, then same outline position. */
function matchTasks(published: TaskRow[], draft: TaskRow[]) {
  const matches: Match[] = [];
  const leftP = new Set(published);
  const leftD = new Set(draft);
  const byText = new Map<string, TaskRow[]>();
  for (const p of published) byText.set(norm(p.text), [...(byText.get(norm(p.text)) ?? []), p]);
  for (const d of draft) {
    const p = byText.get(norm(d.text))?.find((x) => leftP.has(x));
    if (p) {
      matches.push({ published: p, draft: d });
      leftP.delete(p);
      leftD.delete(d);
    }
  }
  const nth = (list: TaskRow[], t: TaskRow) => list.filter((x) => x.path === t.path && x.ord <= t.ord).length;
  for (const d of [...leftD]) {
    const p = [...leftP].find((x) => x.path === d.path && nth(published, x) === nth(draft, d));
    if (p) {
      matches.push({ published: p, draft: d });
      leftP.delete(p);
      leftD.delete(d);
    }
  }
  return { matches, added: [...leftD], removed: [...leftP] };
}

type UnitLine = { unitId: string; unitName: string; role: string };

/** What re-importing this draft would change in the published plan it revises. */
export async function revisionDiff(ctx: Ctx, draftId: string) {
  const draft = await findPlan(ctx.tx, draftId);
  if (!draft) throw notFound('plan.not_found', '规划');
  if (!draft.revisesPlanId) return null;
  const published = await findPlan(ctx.tx, draft.revisesPlanId);
  if (!published) return null;
  const pTasks = (await tasksOfPlan(ctx.tx, published.id)).filter((t) => t.status !== 'cancelled');
  const dTasks = await tasksOfPlan(ctx.tx, draft.id);
  const unitMap = await unitsOfTasks(
    ctx.tx,
    [...pTasks, ...dTasks].map((t) => t.id),
  );
  const unitsOf = (t: TaskRow): UnitLine[] =>
    (unitMap.get(t.id) ?? []).map((u) => ({ unitId: u.unitId, unitName: u.unitName, role: u.role }));
  const key = (l: UnitLine[]) =>
    l
      .map((u) => `${u.unitId}:${u.role}`)
      .sort()
      .join(',');
  const { matches, added, removed } = matchTasks(pTasks, dTasks);
  const changed = [];
  let unchanged = 0;
  for (const m of matches) {
    const c: Record<string, unknown> = {};
    if (norm(m.published.text) !== norm(m.draft.text))
      c.text = { before: m.published.text, after: m.draft.text };
    if (
      (m.published.deadlineDate ?? null) !== (m.draft.deadlineDate ?? null) ||
      (m.published.deadlineText ?? null) !== (m.draft.deadlineText ?? null)
    ) {
      c.deadline = {
        before: m.published.deadlineDate ?? m.published.deadlineText,
        after: m.draft.deadlineDate ?? m.draft.deadlineText,
      };
    }
    // Published rows are expanded from groups, so compare against what the draft would publish to.
    const pu = unitsOf(m.published);
    const du = unitsOf(m.draft);
    if (key(pu) !== key(du)) c.units = { before: pu, after: du };
    if (Object.keys(c).length)
      changed.push({ taskId: m.published.id, draftTaskId: m.draft.id, path: m.draft.path, ...c });
    else unchanged += 1;
  }
  return {
    against: { id: published.id, title: published.title, docNumber: published.docNumber },
    added: added.map((t) => ({ draftTaskId: t.id, path: t.path, text: t.text, units: unitsOf(t) })),
    removed: removed.map((t) => ({ taskId: t.id, path: t.path, text: t.text, units: unitsOf(t) })),
    changed: changed as Array<{
      taskId: string;
      draftTaskId: string;
      path: string;
      text?: { before: string; after: string };
      deadline?: { before: string | null; after: string | null };
      units?: { before: UnitLine[]; after: UnitLine[] };
    }>,
    unchanged,
  };
}

/**
 * Applies a revision draft to the published plan it revises, keeping the published tasks (and their
 * reporting history): matched tasks take the new text, deadline and units; new tasks are added and
 * assigned; tasks gone from the document are cancelled. The draft disappears.
 */
export async function applyRevision(ctx: Ctx, draftId: string) {
  const diff = await revisionDiff(ctx, draftId);
  if (!diff) throw new DomainError('plan.not_published', '这份草稿不是对已发布规划的修订，请直接发布。');
  const problems = await publishProblems(ctx, draftId);
  if (problems.length) {
    throw new DomainError(
      'plan.unresolved_units',
      '修订稿中还有未确认的单位或没有责任单位的任务，请先处理后再应用修订。',
      { problems },
    );
  }
  const target = diff.against.id;
  const removedAssignments: { taskId: string; unitId: string }[] = [];
  const adjust = async (unitIds: string[], by: number) => {
    if (unitIds.length) {
      await ctx.tx
        .update(units)
        .set({ openTasks: sql`greatest(0, ${units.openTasks} + ${by})` })
        .where(inArray(units.id, unitIds));
    }
  };
  for (const c of diff.changed) {
    const d = (await ctx.tx.select().from(tasks).where(eq(tasks.id, c.draftTaskId)))[0]!;
    await ctx.tx
      .update(tasks)
      .set({
        text: d.text,
        deadlineText: d.deadlineText,
        deadlineDate: d.deadlineDate,
        path: d.path,
        version: sql`${tasks.version} + 1`,
      })
      .where(eq(tasks.id, c.taskId));
    if (c.units) {
      const before = new Map(c.units.before.map((u) => [u.unitId, u.role]));
      const after = new Map(c.units.after.map((u) => [u.unitId, u.role]));
      const gone = [...before.keys()].filter((u) => !after.has(u));
      const fresh = [...after.keys()].filter((u) => !before.has(u));
      if (gone.length)
        await ctx.tx
          .delete(taskUnits)
          .where(and(eq(taskUnits.taskId, c.taskId), inArray(taskUnits.unitId, gone)));
      for (const unitId of gone) removedAssignments.push({ taskId: c.taskId, unitId });
      for (const [unitId, role] of after) {
        if (before.has(unitId) && before.get(unitId) !== role) {
          await ctx.tx
            .update(taskUnits)
            .set({ role })
            .where(and(eq(taskUnits.taskId, c.taskId), eq(taskUnits.unitId, unitId)));
        }
      }
      if (fresh.length) {
        await ctx.tx
          .insert(taskUnits)
          .values(
            fresh.map((unitId, ord) => ({
              taskId: c.taskId,
              unitId,
              planId: target,
              role: after.get(unitId)!,
              ord: 50 + ord,
              assignment: 'assigned',
              assignedAt: ctx.now,
              planStatus: 'published',
            })),
          );
      }
      await adjust(gone, -1);
      await adjust(fresh, 1);
    }
  }
  const maxOrd = (await tasksOfPlan(ctx.tx, target)).reduce((m, t) => Math.max(m, t.ord), -1);
  let ord = maxOrd;
  for (const a of diff.added) {
    ord += 1;
    await ctx.tx
      .update(tasks)
      .set({ planId: target, ord, status: 'assigned' })
      .where(eq(tasks.id, a.draftTaskId));
    await ctx.tx
      .update(taskUnits)
      .set({ planId: target, assignment: 'assigned', assignedAt: ctx.now, planStatus: 'published' })
      .where(eq(taskUnits.taskId, a.draftTaskId));
    await adjust(
      a.units.map((u) => u.unitId),
      1,
    );
  }
  for (const r of diff.removed) {
    await ctx.tx.update(tasks).set({ status: 'cancelled' }).where(eq(tasks.id, r.taskId));
    await ctx.tx.update(taskUnits).set({ planStatus: 'cancelled' }).where(eq(taskUnits.taskId, r.taskId));
    await adjust(
      r.units.map((u) => u.unitId),
      -1,
    );
  }
  const draft = (await findPlan(ctx.tx, draftId))!;
  await ctx.tx
    .update(plans)
    .set({
      title: draft.title,
      docNumber: draft.docNumber,
      docDate: draft.docDate,
      sourceFileId: draft.sourceFileId,
      text: draft.text,
      review: draft.review,
      version: sql`${plans.version} + 1`,
    })
    .where(eq(plans.id, target));
  await ctx.tx.update(plans).set({ sourceFileId: null }).where(eq(plans.id, draftId));
  await deleteDraft(ctx, draftId);
  await refreshPlanCounts(ctx.tx, target);
  await ctx.audit({
    action: 'plan.revise',
    entityType: 'plan',
    entityId: target,
    after: {
      added: diff.added.length,
      removed: diff.removed.length,
      changed: diff.changed.length,
      fromDraft: draftId,
    },
  });
  const { modules } = await import('../registry.js');
  const change = { cancelledTaskIds: diff.removed.map((r) => r.taskId), removedAssignments };
  for (const m of modules) if (m.onPlanRevised) await m.onPlanRevised(ctx, target, change);
  for (const m of modules) if (m.onPlanPublished) await m.onPlanPublished(ctx, target);
  return { planId: target, diff };
}
