import type { Ctx } from '../../http/context.js';
import { notFound } from '../../errors.js';
import { taskTableFromOutline } from './outline-table.js';
import { DomainError } from '../../errors.js';
import {
  findPlanHead,
  loadNotice,
  loadPlanTable,
  periodOfKey,
  periodProgress,
  periodsOfPlan,
  unitName,
} from './repository.js';
import { buildSupervisionNotice } from './supervision-notice.js';
import { buildTaskTable } from './task-table.js';
import type { SupervisionLevel } from './types.js';

/** A generated file ready to send. */
export interface GeneratedFile {
  fileName: string;
  bytes: Buffer;
}

/** "2026-10-30" → "2026年10月30日" (the form GB/T 9704 dates take). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const dateOf = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d);

/**
 * Exports a plan's 任务分工表 (all tasks, or those of one unit) as .xlsx; with `periodKey`, the
 * 进展情况 / 完成比例 / 状态（亮灯） columns of that reporting period. Read-only: no audit event.
 */
export async function exportPlanTaskTable(
  ctx: Ctx,
  input: { planId: string; unitId?: string; periodKey?: string },
): Promise<GeneratedFile> {
  const plan = await findPlanHead(ctx.tx, input.planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  const filterUnit = input.unitId ? await unitName(ctx.tx, input.unitId) : undefined;
  if (input.unitId && !filterUnit) throw notFound('unit.not_found', '单位');
  const period =
    input.periodKey === undefined ? undefined : await progressOfPeriod(ctx, input.planId, input.periodKey);
  const { outline, tasks } = await loadPlanTable(ctx.tx, input.planId, input.unitId);
  const title = /分工/.test(plan.title) ? plan.title : `《${plan.title}》重点任务分工表`;
  const subtitle = [
    plan.docNumber,
    filterUnit ? `${filterUnit}承担的任务` : null,
    period ? `进展情况：${period.label}` : null,
    plan.status === 'draft' ? '草稿（未发布）' : null,
    `导出日期：${dateOf(ctx.now)}`,
  ]
    .filter(Boolean)
    .join('　');
  const rows = period
    ? tasks.map((t) => ({ ...t, progress: period.byTask.get(t.id) ?? NOT_REPORTED }))
    : tasks;
  const bytes = await buildTaskTable(
    taskTableFromOutline(
      { planTitle: title, subtitle, ...(period ? { progressPeriod: period.label } : {}) },
      outline,
      rows,
    ),
  );
  const parts = [plan.title, filterUnit, period?.label].filter(Boolean).join('-');
  return { fileName: `${parts}-任务分工表.xlsx`, bytes };
}

/** A task without a slot in the period (not assigned then): nothing reported. */
const NOT_REPORTED = { text: '', percent: null, status: null, light: null } as const;

/** The plan's progress in a period, or a 400 naming the periods the plan has. */
async function progressOfPeriod(ctx: Ctx, planId: string, periodKey: string) {
  const period = periodOfKey(periodKey);
  const byTask = period ? await periodProgress(ctx.tx, planId, period) : undefined;
  if (period && byTask) return { label: period.label, byTask };
  const known = await periodsOfPlan(ctx.tx, planId);
  const asked = periodKey.slice(0, 20);
  throw new DomainError(
    'validation.failed',
    known.length
      ? `该规划没有“${asked}”这一填报周期。已有的周期：${known.map((k) => `${k.key}（${k.label}）`).join('、')}。请选择其中之一，或不选周期导出不含进展的分工表。`
      : `该规划还没有任何填报周期，无法导出“${asked}”的进展情况。请不选周期导出分工表，或待填报开始后再导出。`,
  );
}

const COLOURS = new Set<SupervisionLevel>(['blue', 'yellow', 'red']);

/**
 * Generates the 督办单 of a supervision notice as a GB/T 9704 .docx: its number and colour, the
 * unit, the task it concerns, the coordinator's requirement and the reply date; issued by the
 * issuing coordinator's unit (else the plan's issuer). Read-only: no audit event.
 */
export async function exportSupervisionNotice(ctx: Ctx, input: { noticeId: string }): Promise<GeneratedFile> {
  const n = await loadNotice(ctx.tx, input.noticeId);
  if (!n) throw notFound('notice.not_found', '督办单');
  if (n.level !== 'notice' || !n.number) {
    throw new DomainError(
      'notice.not_found',
      '这条记录是提醒或催办，不是督办单，没有可下载的督办通知单。请在督办单列表中选择。',
    );
  }
  const level: SupervisionLevel = COLOURS.has(n.color as SupervisionLevel)
    ? (n.color as SupervisionLevel)
    : 'blue';
  const issuer = n.issuerName ?? n.planIssuer ?? '督查办公室';
  const bytes = await buildSupervisionNotice({
    issuer,
    number: n.number,
    level,
    unit: n.unitName,
    matter: `《${n.planTitle}》任务：${n.taskText}`,
    ...(n.deadline ? { background: `该任务完成时限为${n.deadline}。` } : {}),
    requirement: n.text,
    replyBy: n.replyBy ? chineseDate(n.replyBy) : '收到本单后10个工作日',
    date: chineseDate(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(n.createdAt)),
  });
  return { fileName: `督办单-${n.number}-${n.unitName}.docx`, bytes };
}
