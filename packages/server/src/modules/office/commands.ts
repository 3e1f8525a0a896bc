import type { Ctx } from '../../http/context.js';
import { notFound } from '../../errors.js';
import { taskTableFromOutline } from './outline-table.js';
import { findPlanHead, loadPlanTable, unitName } from './repository.js';
import { buildTaskTable } from './task-table.js';

/** A generated file ready to send. */
export interface GeneratedFile {
  fileName: string;
  bytes: Buffer;
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
