import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { planNodes, tasks } from '../plans/schema.js';
import type { GeneratedFile } from './commands.js';
import { periodFigures, type SlotPeriodState, type TaskPeriodState } from './figures.js';
import { shortTitle } from './outline-table.js';
import { documentHeader, loadPlanPeriod, TASK_STATUS_OF_WORK, type OfficialDocRequest } from './official-doc.js';
import { buildHalfYearSummary } from './summary.js';
import type { SummaryReport } from './types.js';

export interface SummaryRequest extends OfficialDocRequest {
  kind: 'half-year' | 'annual';
}

/**
 * Assembles the 半年/年度总结 of a plan for a period from the units' submitted reports: each
 * report under the plan's level-1 part its task belongs to, with the problems and next steps the
 * units wrote. Read-only: no audit event.
 */
export async function generatePlanSummary(ctx: Ctx, input: SummaryRequest): Promise<GeneratedFile> {
  const { plan, slots, period } = await loadPlanPeriod(ctx, input, '总结');
  const taskRows = await ctx.tx
    .select({ id: tasks.id, text: tasks.text, nodeId: tasks.nodeId, ord: tasks.ord })
    .from(tasks)
    .where(eq(tasks.planId, input.planId))
    .orderBy(asc(tasks.ord));
  const nodes = await ctx.tx
    .select({ id: planNodes.id, parentId: planNodes.parentId, kind: planNodes.kind, marker: planNodes.marker, title: planNodes.title, ord: planNodes.ord })
    .from(planNodes)
    .where(eq(planNodes.planId, input.planId));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  /** The level-1 part a node sits in: the ancestor just below the document root. */
  const partOf = (nodeId: string | null) => {
    let n = nodeId ? byId.get(nodeId) : undefined;
    while (n?.parentId && byId.get(n.parentId) && byId.get(n.parentId)!.kind !== 'document') n = byId.get(n.parentId);
    return n && n.kind !== 'document' ? n : undefined;
  };

  const submitted = slots.filter((s) => s.submittedAt && s.workStatus);
  const sections = new Map<string, { ord: number; heading: string; reports: SummaryReport[] }>();
  for (const t of taskRows) {
    const part = partOf(t.nodeId);
    const key = part?.id ?? '';
    for (const s of submitted.filter((x) => x.taskId === t.id)) {
      if (!sections.has(key)) sections.set(key, { ord: part?.ord ?? -1, heading: part?.title ?? '其他任务', reports: [] });
      sections.get(key)!.reports.push({
        unit: s.unitName,
        taskTitle: shortTitle(t.text, 40),
        status: TASK_STATUS_OF_WORK[s.workStatus!] ?? 'in_progress',
        percent: s.percent,
        done: s.done,
        problems: s.problems.trim() === '无' ? '' : s.problems,
        nextSteps: s.nextSteps,
      });
    }
  }
  const lead = slots.filter((s) => s.role === 'lead' || s.role === 'responsible');
  const states: TaskPeriodState[] = taskRows.map((t) => {
    const mine = submitted.find((s) => s.taskId === t.id);
    return { title: t.text, units: [], status: mine?.workStatus ? (TASK_STATUS_OF_WORK[mine.workStatus] ?? null) : null, percent: mine?.percent ?? null, light: null, completedInPeriod: false };
  });
  const slotStates: SlotPeriodState[] = lead.map((s) => ({ unit: s.unitName, dueAt: new Date(`${s.dueDate}T23:59:59+08:00`), submittedAt: s.submittedAt }));
  const label = period.periodLabel;
  const bytes = await buildHalfYearSummary({
    kind: input.kind,
    ...documentHeader(ctx, plan, input, ''),
    planTitle: plan.title,
    period: label,
    figures: periodFigures(states, slotStates),
    sections: [...sections.values()].sort((a, b) => a.ord - b.ord).map(({ heading, reports: r }) => ({ heading, reports: r })),
  });
  return { fileName: `${plan.title}-${label}-${input.kind === 'annual' ? '年度总结' : '半年总结'}.docx`, bytes };
}
