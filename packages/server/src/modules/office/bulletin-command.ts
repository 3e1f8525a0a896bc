import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { units } from '../directory/schema.js';
import { taskUnits, tasks } from '../plans/schema.js';
import { taskStates } from '../reporting/schema.js';
import { notices } from '../supervision/schema.js';
import { buildBulletin } from './bulletin.js';
import { chineseDate, type GeneratedFile } from './commands.js';
import { completedItems, laggingItems, periodFigures, unitPerformance, type SlotPeriodState, type TaskPeriodState } from './figures.js';
import { shortTitle } from './outline-table.js';
import { documentHeader, loadPlanPeriod, TASK_STATUS_OF_WORK, type OfficialDocRequest } from './official-doc.js';
import { indicatorsOfPlan, valuesOfPlans } from '../indicators/repository.js';
import type { Comparator, IndicatorItem, Light, NoticeItem, SupervisionLevel } from './types.js';

const LIGHTS = new Set(['green', 'yellow', 'red']);
const COMPARATORS = new Set(['>=', '<=', '~', '=']);
const NOTICE_STATE: Record<string, string> = { open: '未反馈', replied: '已反馈', escalated: '已升级', closed: '已办结' };

export interface BulletinRequest extends OfficialDocRequest {
  kind: 'quarterly' | 'briefing';
}

/**
 * Generates the 季通报 / 工作简报 of a plan for a period from the data: tasks' maintained states and
 * lights, the period's report slots (on time or not, the units' stated problems), the 督办单
 * issued in the period and each indicator's latest value against its target. Writes nothing but
 * the indicator values units reported since the last read (taken in, audited, by the indicators module).
 */
export async function generatePlanBulletin(ctx: Ctx, input: BulletinRequest): Promise<GeneratedFile> {
  const { plan, slots, period } = await loadPlanPeriod(ctx, input, '通报');
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
    const status = t.workStatus ? (TASK_STATUS_OF_WORK[t.workStatus] ?? null) : null;
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

  // Indicators against their targets: the latest value of each up to the period's end, from the
  // one store of indicator values (the units' reports and the coordinator's sheet).
  const indicatorRows = await indicatorsOfPlan(ctx.tx, input.planId);
  const values = new Map<string, number>();
  for (const v of await valuesOfPlans(ctx.tx, [input.planId])) if (v.periodEnd <= period.periodEnd) values.set(v.indicatorId, v.value);
  const periodYear = yearFraction(period.periodEnd);
  const indicatorItems: IndicatorItem[] = indicatorRows.map((i) => {
    const comparator = (COMPARATORS.has(i.comparator) ? i.comparator : '>=') as Comparator;
    const current = values.get(i.id) ?? null;
    return { name: i.name, measure: i.unit, target: i.target, comparator, targetYear: i.year, current, outlook: outlookOf(i, comparator, current, periodYear) };
  });

  const bytes = await buildBulletin({
    kind: input.kind,
    ...documentHeader(ctx, plan, input, '各有关单位'),
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

/** "2026-09-30" → 2026.75: the fraction of the calendar reached at a date (year ends are whole years). */
function yearFraction(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return y - 1 + (m - 1 + d / 31) / 12;
}

/**
 * Early warning for an indicator not yet at its target: where the straight path from the baseline
 * (year end of the baseline year) to the target (end of the target year) should stand at the
 * period's end. At or past it: on track; short by up to a tenth of the whole distance: at risk;
 * further: off track. Null without a baseline year and target year to draw the path.
 */
function outlookOf(
  i: { baseline: number | null; baselineYear: number | null; target: number; year: number | null },
  comparator: Comparator,
  current: number | null,
  at: number,
): IndicatorItem['outlook'] {
  if (current === null || i.baseline === null || i.baselineYear === null || i.year === null || i.year <= i.baselineYear) return null;
  if (comparator !== '>=' && comparator !== '<=') return null;
  const share = Math.min(1, Math.max(0, (at - i.baselineYear) / (i.year - i.baselineYear)));
  const expected = i.baseline + (i.target - i.baseline) * share;
  const distance = Math.abs(i.target - i.baseline) || 1;
  const shortfall = comparator === '>=' ? expected - current : current - expected;
  if (shortfall <= 0) return 'on_track';
  return shortfall <= distance * 0.1 ? 'at_risk' : 'off_track';
}
