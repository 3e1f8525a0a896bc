import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { DomainError, notFound } from '../../errors.js';
import { units } from '../directory/schema.js';
import { indicators, taskUnits, tasks } from '../plans/schema.js';
import { reports, taskStates } from '../reporting/schema.js';
import { notices } from '../supervision/schema.js';
import { buildBulletin } from './bulletin.js';
import { chineseDate, type GeneratedFile } from './commands.js';
import { completedItems, laggingItems, periodFigures, unitPerformance, type SlotPeriodState, type TaskPeriodState } from './figures.js';
import { shortTitle } from './outline-table.js';
import { findPlanHead } from './repository.js';
import type { Comparator, IndicatorItem, Light, NoticeItem, SupervisionLevel, TaskStatus } from './types.js';

const STATUS: Record<string, TaskStatus> = {
  not_started: 'not_started',
  in_progress: 'in_progress',
  completed: 'completed',
  lagging: 'lagging',
  difficult: 'blocked',
};
const LIGHTS = new Set(['green', 'yellow', 'red']);
const COMPARATORS = new Set(['>=', '<=', '~', '=']);
const NOTICE_STATE: Record<string, string> = { open: '未反馈', replied: '已反馈', escalated: '已升级', closed: '已办结' };

export interface BulletinRequest {
  planId: string;
  /** Period key of the reporting cycle ("2026-Q3"). */
  periodKey: string;
  kind: 'quarterly' | 'briefing';
  docNumber: string;
  /** ISO date of the document; defaults to today (Asia/Shanghai). */
  date?: string;
  issuer?: string;
  recipients?: string;
}

/**
 * Generates the 季通报 / 工作简报 of a plan for a period from the data: tasks' maintained states and
 * lights, the period's report slots (on time or not, the units' stated problems), the 督办单
 * issued in the period and the indicator values reported. Read-only: no audit event.
 */
export async function generatePlanBulletin(ctx: Ctx, input: BulletinRequest): Promise<GeneratedFile> {
  const plan = await findPlanHead(ctx.tx, input.planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  const slots = await ctx.tx
    .select({
      taskId: reports.taskId,
      unitId: reports.unitId,
      isLead: reports.isLead,
      periodLabel: reports.periodLabel,
      periodStart: reports.periodStart,
      periodEnd: reports.periodEnd,
      dueDate: reports.dueDate,
      submittedAt: reports.submittedAt,
      problems: reports.problems,
      indicatorValues: reports.indicatorValues,
      unitName: units.name,
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(eq(reports.planId, input.planId), eq(reports.periodKey, input.periodKey)));
  if (slots.length === 0) {
    throw new DomainError('validation.failed', `该规划在“${input.periodKey}”没有填报事项，无法生成通报。请选择已开始填报的周期。`);
  }
  const period = slots[0]!;
  const taskRows = await ctx.tx
    .select({ id: tasks.id, text: tasks.text, workStatus: taskStates.workStatus, percent: taskStates.percent, light: taskStates.light, reasons: taskStates.lightReasons, latest: taskStates.latestPeriodKey, finish: taskStates.finish })
    .from(tasks)
    .leftJoin(taskStates, eq(taskStates.taskId, tasks.id))
    .where(eq(tasks.planId, input.planId))
    .orderBy(asc(tasks.ord));
  const parts = taskRows.length
    ? await ctx.tx
        .select({ taskId: taskUnits.taskId, role: taskUnits.role, name: units.name })
        .from(taskUnits)
        .innerJoin(units, eq(units.id, taskUnits.unitId))
        .where(inArray(taskUnits.taskId, taskRows.map((t) => t.id)))
        .orderBy(asc(taskUnits.ord))
    : [];
  const problemsByTask = new Map<string, { unit: string; text: string }[]>();
  for (const s of slots) {
    // Only what a unit has reported (submitted) speaks for it, not a draft.
    const text = s.problems.trim();
    if (s.submittedAt && text && text !== '无') problemsByTask.set(s.taskId, [...(problemsByTask.get(s.taskId) ?? []), { unit: s.unitName, text }]);
  }
  const states: TaskPeriodState[] = taskRows.map((t) => {
    const status = t.workStatus ? (STATUS[t.workStatus] ?? null) : null;
    const reasons = Array.isArray(t.reasons) ? (t.reasons as { message?: string }[]).map((r) => r.message).filter(Boolean) : [];
    return {
      title: shortTitle(t.text, 40),
      units: parts.filter((p) => p.taskId === t.id).map((p) => ({ unit: p.name, role: p.role as 'lead' | 'responsible' | 'cooperating' })),
      status,
      percent: t.percent,
      light: t.light && LIGHTS.has(t.light) ? (t.light as Light) : null,
      completedInPeriod: status === 'completed' && t.latest === input.periodKey,
      ...(reasons.length ? { lagReason: reasons.join('；') } : {}),
      explanations: problemsByTask.get(t.id) ?? [],
    };
  });
  const slotStates: SlotPeriodState[] = slots.map((s) => ({
    unit: s.unitName,
    dueAt: new Date(`${s.dueDate}T23:59:59+08:00`),
    submittedAt: s.submittedAt,
  }));

  const noticeRows = await ctx.tx
    .select({ number: notices.number, color: notices.color, text: notices.text, replyBy: notices.replyBy, status: notices.status, createdAt: notices.createdAt, unit: units.name })
    .from(notices)
    .innerJoin(units, eq(units.id, notices.unitId))
    .where(and(eq(notices.planId, input.planId), eq(notices.level, 'notice')))
    .orderBy(asc(notices.createdAt));
  const from = new Date(`${period.periodStart}T00:00:00+08:00`).getTime();
  const noticeItems: NoticeItem[] = noticeRows
    .filter((n) => n.createdAt.getTime() >= from)
    .map((n) => ({
      number: n.number ?? '',
      unit: n.unit,
      level: (LIGHTS.has(n.color ?? '') ? n.color : 'blue') as SupervisionLevel,
      matter: shortTitle(n.text, 40),
      replyBy: n.replyBy ? chineseDate(n.replyBy) : '—',
      state: NOTICE_STATE[n.status] ?? n.status,
    }));

  const values = new Map<string, number>();
  for (const s of slots) {
    for (const v of Array.isArray(s.indicatorValues) ? (s.indicatorValues as { indicatorId?: string; value?: unknown }[]) : []) {
      if (v.indicatorId && typeof v.value === 'number') values.set(v.indicatorId, v.value);
    }
  }
  const indicatorRows = await ctx.tx.select().from(indicators).where(eq(indicators.planId, input.planId)).orderBy(asc(indicators.ord));
  const indicatorItems: IndicatorItem[] = indicatorRows.map((i) => ({
    name: i.name,
    measure: i.unit,
    target: i.target,
    comparator: (COMPARATORS.has(i.comparator) ? i.comparator : '>=') as Comparator,
    targetYear: i.year,
    current: values.get(i.id) ?? null,
  }));

  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(ctx.now);
  const bytes = await buildBulletin({
    kind: input.kind,
    issuer: input.issuer ?? plan.issuerText ?? '领导小组办公室',
    docNumber: input.docNumber,
    date: chineseDate(input.date ?? today),
    recipients: input.recipients ?? '各有关单位',
    planTitle: plan.title,
    period: period.periodLabel,
    figures: periodFigures(states, slotStates),
    units: unitPerformance(states, slotStates),
    completed: completedItems(states),
    lagging: laggingItems(states),
    notices: noticeItems,
    indicators: indicatorItems,
  });
  return { fileName: `${plan.title}-${period.periodLabel}-${input.kind === 'quarterly' ? '通报' : '工作简报'}.docx`, bytes };
}
