import type { Actor } from '../../policy.js';
import { plansPolicy, type PlanAction } from './policy.js';
import type { PlanRow, TaskRow, TaskUnitView } from './repository.js';
import type { cadences, indicators, phases, planNodes, projects } from './schema.js';

const PLAN_ACTIONS: PlanAction[] = ['plan.edit', 'plan.publish', 'plan.delete', 'plan.file', 'task.edit'];

/** A plan in lists. */
export function presentPlanSummary(p: PlanRow, actor: Actor) {
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

type Parts = {
  nodes: (typeof planNodes.$inferSelect)[];
  indicators: (typeof indicators.$inferSelect)[];
  projects: (typeof projects.$inferSelect)[];
  phases: (typeof phases.$inferSelect)[];
  cadences: (typeof cadences.$inferSelect)[];
};

/** The whole plan for the review screen and the plan page. */
export function presentPlanDetail(
  p: PlanRow,
  parts: Parts,
  taskList: ReturnType<typeof presentTask>[],
  extra: {
    issuerUnitName: string | null;
    file: { id: string; filename: string; size: number; mime: string } | null;
  },
  actor: Actor,
) {
  const review = (p.review ?? {}) as {
    warnings?: unknown[];
    leadingGroup?: unknown[];
    recipients?: string[];
    references?: unknown[];
  };
  const proposed = new Map<string, string>();
  for (const t of taskList)
    for (const u of t.units) if (u.unitStatus === 'proposed') proposed.set(u.unitId, u.unitName);
  return {
    ...presentPlanSummary(p, actor),
    issuerUnitName: extra.issuerUnitName,
    file: extra.file,
    warnings: (review.warnings ?? []) as { code: string; message: string; span: unknown }[],
    leadingGroup: review.leadingGroup ?? [],
    recipients: review.recipients ?? [],
    references: review.references ?? [],
    outline: parts.nodes.map((n) => ({
      id: n.id,
      parentId: n.parentId,
      kind: n.kind,
      level: n.level,
      marker: n.marker,
      path: n.path,
      title: n.title,
      span: n.span ?? null,
    })),
    tasks: taskList,
    indicators: parts.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      target: i.target,
      unit: i.unit,
      comparator: i.comparator,
      year: i.year,
      baseline: i.baseline,
      baselineYear: i.baselineYear,
      binding: i.binding,
      responsible: i.responsible,
      responsibleUnitIds: i.responsibleUnitIds,
    })),
    projects: parts.projects.map((x) => ({
      id: x.id,
      name: x.name,
      text: x.text,
      places: x.places,
      path: x.path,
    })),
    phases: parts.phases.map((x) => ({
      id: x.id,
      name: x.name,
      start: x.startDate,
      end: x.endDate,
      printed: x.printed,
      activities: x.activities,
    })),
    cadences: parts.cadences.map((x) => ({
      id: x.id,
      period: x.period,
      what: x.what,
      to: x.toText,
      toUnitId: x.toUnitId,
    })),
    proposedUnits: [...proposed].map(([id, name]) => ({ id, name })),
  };
}
