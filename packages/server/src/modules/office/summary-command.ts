import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { DomainError, notFound } from '../../errors.js';
import { units } from '../directory/schema.js';
import { planNodes, tasks } from '../plans/schema.js';
import { reports } from '../reporting/schema.js';
import { chineseDate, type GeneratedFile } from './commands.js';
import { periodFigures, type SlotPeriodState, type TaskPeriodState } from './figures.js';
import { shortTitle } from './outline-table.js';
import { findPlanHead } from './repository.js';
import { buildHalfYearSummary } from './summary.js';
import type { SummaryReport, TaskStatus } from './types.js';

const STATUS: Record<string, TaskStatus> = {
  not_started: 'not_started',
  in_progress: 'in_progress',
  completed: 'completed',
  lagging: 'lagging',
  difficult: 'blocked',
};

export interface SummaryRequest {
  planId: string;
  periodKey: string;
  kind: 'half-year' | 'annual';
  docNumber: string;
  date?: string;
  issuer?: string;
  recipients?: string;
}

/**
 * Assembles the 半年/年度总结 of a plan for a period from the units' submitted reports: each
 * report under the plan's level-1 part its task belongs to, with the problems and next steps the
 * units wrote. Read-only: no audit event.
 */
export async function generatePlanSummary(ctx: Ctx, input: SummaryRequest): Promise<GeneratedFile> {
  const plan = await findPlanHead(ctx.tx, input.planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  const slots = await ctx.tx
    .select({
      taskId: reports.taskId,
      role: reports.role,
      periodLabel: reports.periodLabel,
      dueDate: reports.dueDate,
      submittedAt: reports.submittedAt,
      workStatus: reports.workStatus,
      percent: reports.percent,
      done: reports.done,
      problems: reports.problems,
      nextSteps: reports.nextSteps,
      unitName: units.name,
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(eq(reports.planId, input.planId), eq(reports.periodKey, input.periodKey)));
  if (slots.length === 0) {
    throw new DomainError('validation.failed', `该规划在“${input.periodKey}”没有填报事项，无法生成总结。请选择已开始填报的周期。`);
  }
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
        status: STATUS[s.workStatus!] ?? 'in_progress',
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
    return { title: t.text, units: [], status: mine?.workStatus ? (STATUS[mine.workStatus] ?? null) : null, percent: mine?.percent ?? null, light: null, completedInPeriod: false };
  });
  const slotStates: SlotPeriodState[] = lead.map((s) => ({ unit: s.unitName, dueAt: new Date(`${s.dueDate}T23:59:59+08:00`), submittedAt: s.submittedAt }));
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(ctx.now);
  const label = slots[0]!.periodLabel;
  const bytes = await buildHalfYearSummary({
    kind: input.kind,
    issuer: input.issuer ?? plan.issuerText ?? '领导小组办公室',
    docNumber: input.docNumber,
    date: chineseDate(input.date ?? today),
    recipients: input.recipients ?? '',
    planTitle: plan.title,
    period: label,
    figures: periodFigures(states, slotStates),
    sections: [...sections.values()].sort((a, b) => a.ord - b.ord).map(({ heading, reports: r }) => ({ heading, reports: r })),
  });
  return { fileName: `${plan.title}-${label}-${input.kind === 'annual' ? '年度总结' : '半年总结'}.docx`, bytes };
}
