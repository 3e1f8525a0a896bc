import type { Actor } from '../../policy.js';
import { plansPolicy, type PlanAction } from './policy.js';
import type { PlanRow, TaskRow, TaskUnitView } from './repository.js';
import type { z } from 'zod';
import type { planDetailSchema } from './schemas.js';

const PLAN_ACTIONS: PlanAction[] = ['plan.edit', 'plan.publish', 'plan.delete', 'plan.file', 'task.edit'];

/** A plan row without its document text (lists and views never ship the text). */
export type PlanHead = Omit<PlanRow, 'text'>;

/** A plan in lists. */
export function presentPlanSummary(p: PlanHead, actor: Actor) {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    status: p.status,
    docNumber: p.docNumber,
    issuerText: p.issuerText,
    issuerUnitId: p.issuerUnitId,
    docDate: p.docDate,
    year: p.year,
    upstreamPlanId: p.upstreamPlanId,
    revisesPlanId: p.revisesPlanId,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
    taskCount: p.taskCount,
    finishedTaskCount: p.finishedTaskCount,
    actions: plansPolicy
      .allowed(actor, PLAN_ACTIONS)
      .filter((a) => p.status === 'draft' || !['plan.publish', 'plan.delete', 'task.edit'].includes(a)),
  };
}

/** A task with its units by role. */
export function presentTask(t: TaskRow, unitsOfTask: TaskUnitView[], actor: Actor, planStatus: string) {
  return {
    id: t.id,
    planId: t.planId,
    nodeId: t.nodeId,
    path: t.path,
    ord: t.ord,
    text: t.text,
    annotation: t.annotation,
    deadlineText: t.deadlineText,
    deadlineDate: t.deadlineDate,
    weight: t.weight,
    upstreamTaskId: t.upstreamTaskId,
    status: t.status,
    version: t.version,
    span: (t.span as { start: number; end: number } | null) ?? null,
    units: unitsOfTask.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      role: u.role as 'lead' | 'responsible' | 'cooperating',
      printedName: u.printedName,
      unitStatus: u.unitStatus as 'active' | 'proposed',
      isGroup: u.isGroup,
      assignment: u.assignment,
    })),
    actions: planStatus === 'draft' ? plansPolicy.allowed(actor, ['task.edit']) : [],
  };
}

type Detail = z.input<typeof planDetailSchema>;
/** The plan's parts, already in their presented shape (built by the database: plans/queries.ts). */
export type PresentedPlanParts = Pick<
  Detail,
  'issuerUnitName' | 'file' | 'outline' | 'tasks' | 'indicators' | 'projects' | 'phases' | 'cadences'
>;

/** The whole plan for the review screen and the plan page. */
export function presentPlanDetail(p: PlanHead, parts: PresentedPlanParts, actor: Actor) {
  const review = (p.review ?? {}) as {
    warnings?: unknown[];
    leadingGroup?: unknown[];
    recipients?: string[];
    references?: unknown[];
  };
  const proposed = new Map<string, string>();
  for (const t of parts.tasks)
    for (const u of t.units) if (u.unitStatus === 'proposed') proposed.set(u.unitId, u.unitName);
  return {
    ...presentPlanSummary(p, actor),
    issuerUnitName: parts.issuerUnitName,
    file: parts.file,
    warnings: (review.warnings ?? []) as { code: string; message: string; span: unknown }[],
    leadingGroup: review.leadingGroup ?? [],
    recipients: review.recipients ?? [],
    references: review.references ?? [],
    outline: parts.outline,
    tasks: parts.tasks,
    indicators: parts.indicators,
    projects: parts.projects,
    phases: parts.phases,
    cadences: parts.cadences,
    proposedUnits: [...proposed].map(([id, name]) => ({ id, name })),
  };
}
