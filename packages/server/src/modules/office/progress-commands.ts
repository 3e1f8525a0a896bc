import type { Ctx } from '../../http/context.js';
import { DomainError } from '../../errors.js';
import { isLocked } from '../reporting/repository.js';
import { saveReport, type ReportContent } from '../reporting/commands.js';
import { counted } from '../reporting/counters.js';
import type { GeneratedFile } from './commands.js';
import { buildProgressSheet, readProgressSheet } from './progress-sheet.js';
import { editableSlotsOfUnit, unitName } from './repository.js';
import { readUploadedSheet } from './sheet-upload.js';
import type { TaskStatus } from './types.js';

/** The reporting module's work status for ours (有困难 is `difficult` there). */
const TO_WORK_STATUS: Record<TaskStatus, NonNullable<ReportContent['workStatus']>> = {
  not_started: 'not_started',
  in_progress: 'in_progress',
  completed: 'completed',
  lagging: 'lagging',
  blocked: 'difficult',
};
const FROM_WORK_STATUS = Object.fromEntries(Object.entries(TO_WORK_STATUS).map(([k, v]) => [v, k])) as Record<string, TaskStatus>;

async function unitSlots(ctx: Ctx, unitId: string, periodKey?: string) {
  const rows = await editableSlotsOfUnit(ctx.tx, unitId, periodKey);
  return rows.filter((r) => !isLocked(r, ctx.now));
}

function requireUnit(ctx: Ctx): string {
  if (ctx.actor.kind !== 'user' || !ctx.actor.unitId) {
    throw new DomainError('forbidden', '您的账号未关联单位，不能下载或上传本单位的进度填报表。请联系管理员为账号设置所属单位。');
  }
  return ctx.actor.unitId;
}

/** The caller's unit's bulk progress sheet: every slot it can still edit (of one period, if given). */
export async function downloadProgressSheet(ctx: Ctx, input: { periodKey?: string }): Promise<GeneratedFile> {
  const unitId = requireUnit(ctx);
  const slots = await unitSlots(ctx, unitId, input.periodKey);
  const name = (await unitName(ctx.tx, unitId)) ?? '本单位';
  const periods = [...new Set(slots.map((s) => s.periodLabel))];
  const title = `${name} ${periods.join('、') || ''} 进度填报表`.replace(/\s+/g, ' ');
  const bytes = await buildProgressSheet(
    slots.map((s) => ({
      slotId: s.id,
      version: s.version,
      taskNumber: s.taskPath,
      taskTitle: `《${s.planTitle}》${s.taskText}`,
      unit: `${name}（${s.role === 'lead' ? '牵头' : s.role === 'responsible' ? '责任' : '配合'}）`,
      period: s.periodLabel,
      dueDate: s.dueDate,
      deadline: s.deadline,
      draft: {
        ...(s.workStatus && FROM_WORK_STATUS[s.workStatus] ? { status: FROM_WORK_STATUS[s.workStatus] } : {}),
        ...(s.percent !== null ? { percent: s.percent } : {}),
        ...(s.done ? { done: s.done } : {}),
        ...(s.problems ? { problems: s.problems } : {}),
        ...(s.nextSteps ? { nextSteps: s.nextSteps } : {}),
      },
    })),
    title,
  );
  return { fileName: `${name}-进度填报表.xlsx`, bytes };
}

/** What an accepted upload did. */
export interface ProgressUploadResult {
  saved: number;
  untouched: number;
}

/**
 * Applies an uploaded progress sheet to the caller's unit's slots: every filled row is saved as
 * the slot's draft (version-checked, audited) in the request's transaction, or nothing is: file
 * problems, row errors and conflicts are answered with all their details and no row saved.
 */
export async function uploadProgressSheet(ctx: Ctx, input: { bytes: Uint8Array }): Promise<ProgressUploadResult> {
  const unitId = requireUnit(ctx);
  const slots = await unitSlots(ctx, unitId);
  const result = await readUploadedSheet('填报表', () => readProgressSheet(input.bytes, new Map(slots.map((s) => [s.id, s.version]))));
  // One count update per plan and unit at the end, not one per row (the rows are one command).
  await counted(ctx.tx, async () => {
    for (const row of result.rows) {
      await saveReport(ctx, row.slotId, {
        version: row.version,
        workStatus: TO_WORK_STATUS[row.status],
        percent: row.percent,
        done: row.done,
        problems: row.problems,
        nextSteps: row.nextSteps,
      });
    }
  });
  return { saved: result.rows.length, untouched: result.untouchedSlotIds.length };
}
