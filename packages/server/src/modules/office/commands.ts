import type { Ctx } from '../../http/context.js';
import { notFound } from '../../errors.js';
import { taskTableFromOutline } from './outline-table.js';
import { DomainError } from '../../errors.js';
import { findPlanHead, loadNotice, loadPlanTable, unitName } from './repository.js';
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

const dateOf = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(d);

/** Exports a plan's 任务分工表 (all tasks, or those of one unit) as .xlsx. Read-only: no audit event. */
export async function exportPlanTaskTable(ctx: Ctx, input: { planId: string; unitId?: string }): Promise<GeneratedFile> {
  const plan = await findPlanHead(ctx.tx, input.planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  const filterUnit = input.unitId ? await unitName(ctx.tx, input.unitId) : undefined;
  if (input.unitId && !filterUnit) throw notFound('unit.not_found', '单位');
  const { outline, tasks } = await loadPlanTable(ctx.tx, input.planId, input.unitId);
  const title = /分工/.test(plan.title) ? plan.title : `《${plan.title}》重点任务分工表`;
  const subtitle = [
    plan.docNumber,
    filterUnit ? `${filterUnit}承担的任务` : null,
    plan.status === 'draft' ? '草稿（未发布）' : null,
    `导出日期：${dateOf(ctx.now)}`,
  ]
    .filter(Boolean)
    .join('　');
  const bytes = await buildTaskTable(taskTableFromOutline({ planTitle: title, subtitle }, outline, tasks));
  return { fileName: `${plan.title}${filterUnit ? `-${filterUnit}` : ''}-任务分工表.xlsx`, bytes };
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
    throw new DomainError('notice.not_found', '这条记录是提醒或催办，不是督办单，没有可下载的督办通知单。请在督办单列表中选择。');
  }
  const level: SupervisionLevel = COLOURS.has(n.color as SupervisionLevel) ? (n.color as SupervisionLevel) : 'blue';
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
