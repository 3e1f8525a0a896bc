import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { DomainError, notFound } from '../../errors.js';
import { refreshPlanCounts } from '../plans/repository.js';
import { indicators, tasks } from '../plans/schema.js';
import { isUuid } from '../../http/route.js';
import { recomputeTaskLights } from '../supervision/lights.js';
import { takeInReportedIndicatorValues } from '../indicators/commands.js';
import { rows } from '../../db/client.js';
import { bumpCounts, bumpPlanProgress, counted, deferCounts, transitionDeltas } from './counters.js';
import { localDate } from './periods.js';
import {
  finishingUnitsOfTask,
  forgetCycles,
  isLocked,
  isOpenStatus,
  leaderSignoffOfCycle,
  lockReport,
  refreshPlanProgress,
  taskOf,
  taskStateOf,
  type ReportRow,
} from './repository.js';
import { reportAttachments, reportCycles, reports, taskStates } from './schema.js';

export const WORK_STATUSES = ['not_started', 'in_progress', 'completed', 'lagging', 'difficult'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];
export const WORK_STATUS_LABELS: Record<WorkStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  completed: '已完成',
  lagging: '滞后',
  difficult: '有困难',
};

export interface ReportContent {
  workStatus?: WorkStatus | null;
  percent?: number | null;
  done?: string;
  problems?: string;
  nextSteps?: string;
  indicators?: { indicatorId: string; value: number | null }[];
}
const CONTENT_FIELDS = ['workStatus', 'percent', 'done', 'problems', 'nextSteps', 'indicators'] as const;

const contentOf = (r: ReportRow) => ({
  workStatus: r.workStatus,
  percent: r.percent,
  done: r.done,
  problems: r.problems,
  nextSteps: r.nextSteps,
  indicators: r.indicatorValues as { indicatorId: string; value: number | null }[],
});

export const STATUS_LABELS: Record<string, string> = {
  pending: '待填报',
  draft: '草稿',
  submitted: '已报送',
  signed: '已签发',
  accepted: '已采纳',
  returned: '已退回',
  consolidated: '已汇总',
};

async function load(ctx: Ctx, id: string): Promise<ReportRow> {
  const r = await lockReport(ctx.tx, id);
  if (!r) throw notFound('report.not_found', '填报');
  return r;
}

const leaderSignoffOf = (ctx: Ctx, r: ReportRow): Promise<boolean> => leaderSignoffOfCycle(ctx.tx, r.cycleId);

/** 409 with what changed since the caller's version; the caller's text is not lost (it stays with the caller and is echoed back). */
function checkVersion(r: ReportRow, version: number | undefined, mine?: ReportContent): void {
  if (version === undefined || version === r.version) return;
  const current = contentOf(r);
  const changed = mine
    ? CONTENT_FIELDS.filter(
        (f) => f in mine && JSON.stringify(mine[f] ?? null) !== JSON.stringify(current[f] ?? null),
      )
    : [];
  throw new DomainError(
    'conflict.stale',
    `这份报告已被他人修改（您编辑的是第 ${version} 版，当前为第 ${r.version} 版）。您填写的内容仍保留在页面上，请对照最新内容合并后再保存。`,
    {
      current: { id: r.id, version: r.version, status: r.status, ...current, updatedAt: r.updatedAt },
      mine: mine ?? null,
      changedFields: changed,
    },
  );
}

function checkEditable(r: ReportRow, now: Date, what: string): void {
  if (!['pending', 'draft', 'returned'].includes(r.status)) {
    throw new DomainError(
      'report.invalid_transition',
      `这份报告${STATUS_LABELS[r.status] ?? r.status}，不能再${what}。如需修改，请联系统筹部门退回后再办理。`,
    );
  }
  if (isLocked(r, now)) {
    throw new DomainError(
      'report.locked',
      `本期填报已于 ${r.lockDate} 截止，不能再${what}。如需补报，请联系统筹部门开通补报。`,
      { lockDate: r.lockDate },
    );
  }
}

/** Moves a report to a new status, keeping the unit's and plan's counts and the task state in step. */
async function transition(
  ctx: Ctx,
  before: ReportRow,
  set: Partial<typeof reports.$inferInsert> & { status: string },
): Promise<ReportRow> {
  const signoff = await leaderSignoffOf(ctx, before);
  const open = isOpenStatus(set.status, signoff);
  const [after] = await ctx.tx
    .update(reports)
    .set({
      ...set,
      open,
      version: before.version + 1,
      updatedAt: ctx.now,
      updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    })
    .where(eq(reports.id, before.id))
    .returning();
  const deltas = transitionDeltas(before, after!);
  await bumpCounts(ctx.tx, { unitId: after!.unitId, planId: after!.planId }, deltas);
  if (after!.isLead) await syncTaskState(ctx, after!);
  return after!;
}

/**
 * The task's maintained state follows its latest lead report (an older period's report does not
 * overwrite a newer one), in one statement that also reads what the plan's progress needs: the
 * task's weight and status and its percent before. The plan's progress then moves by
 * weight × (new − old percent) instead of being re-aggregated over the plan (FINDINGS 6).
 */
async function syncTaskState(ctx: Ctx, r: ReportRow): Promise<void> {
  const reported = !['pending', 'draft'].includes(r.status);
  const workStatus = reported ? r.workStatus : null;
  const percent = reported ? r.percent : null;
  const [state] = await rows<{
    old_percent: number | null;
    weight: number;
    status: string;
    applied: boolean;
  }>(
    ctx.tx,
    sql`with old as (select percent from task_states where task_id = ${r.taskId}),
      up as (
        insert into task_states as s (task_id, plan_id, latest_report_id, latest_status, latest_period_key, work_status, percent, updated_at)
        values (${r.taskId}, ${r.planId}, ${r.id}, ${r.status}, ${r.periodKey}, ${workStatus}, ${percent}, ${ctx.now})
        on conflict (task_id) do update set latest_report_id = excluded.latest_report_id,
          latest_status = excluded.latest_status, latest_period_key = excluded.latest_period_key,
          ${reported ? sql`work_status = excluded.work_status, percent = excluded.percent,` : sql``}
          updated_at = excluded.updated_at
        where s.latest_period_key is null or s.latest_period_key <= excluded.latest_period_key
        returning 1)
      select (select percent from old) as old_percent, coalesce(t.weight, 1) as weight, t.status,
        exists (select 1 from up) as applied
      from tasks t where t.id = ${r.taskId}`,
  );
  if (!state?.applied) return;
  if (reported && !['signed_off', 'draft', 'cancelled'].includes(state.status)) {
    const delta = Number(state.weight) * ((r.percent ?? 0) - (state.old_percent ?? 0));
    await bumpPlanProgress(ctx.tx, r.planId, delta);
  }
  await recomputeTaskLights(ctx, [r.taskId]);
}

/** Saves the unit's draft (version-checked; a stale save gets 409 with the current content). */
export async function saveReport(
  ctx: Ctx,
  id: string,
  input: ReportContent & { version?: number },
): Promise<ReportRow> {
  deferCounts(ctx.tx);
  return counted(ctx.tx, async () => {
    const before = await load(ctx, id);
    const { version, ...content } = input;
    checkVersion(before, version, content);
    checkEditable(before, ctx.now, '修改');
    const set: Partial<typeof reports.$inferInsert> = {};
    if (content.workStatus !== undefined) set.workStatus = content.workStatus;
    if (content.percent !== undefined) set.percent = content.percent;
    if (content.done !== undefined) set.done = content.done;
    if (content.problems !== undefined) set.problems = content.problems;
    if (content.nextSteps !== undefined) set.nextSteps = content.nextSteps;
    if (content.indicators !== undefined) {
      const ids = [...new Set(content.indicators.map((i) => i.indicatorId))];
      const known = ids.length
        ? await ctx.tx
            .select({ id: indicators.id })
            .from(indicators)
            .where(and(eq(indicators.planId, before.planId), inArray(indicators.id, ids.filter(isUuid))))
        : [];
      if (known.length !== ids.length) {
        throw new DomainError(
          'validation.failed',
          '填报的指标不属于本规划。请刷新页面，按表单列出的指标填写。',
          { unknown: ids.filter((id) => !known.some((k) => k.id === id)) },
        );
      }
      set.indicatorValues = content.indicators;
    }
    const status = before.status === 'pending' ? 'draft' : before.status;
    const after = await transition(ctx, before, { ...set, status });
    await ctx.audit({
      action: 'report.save',
      entityType: 'report',
      entityId: id,
      unitId: after.unitId,
      before: contentOf(before),
      after: { ...contentOf(after), version: after.version },
    });
    return after;
  });
}

/** One workflow step on a report: how it is checked, what it sets, what else it does and records. */
interface Step {
  /** The audit action, from the report before the step. */
  action: (before: ReportRow) => string;
  /** Refuses the step for this report (typed DomainError), after the caller's version is checked. */
  check: (before: ReportRow) => void | Promise<void>;
  set: (before: ReportRow) => Partial<typeof reports.$inferInsert> & { status: string };
  /** Follow-up writes in the same command. */
  then?: (before: ReportRow, after: ReportRow) => Promise<void>;
  /** Extra fields of the audit event's `after`. */
  audited?: (after: ReportRow) => Record<string, unknown>;
}

/**
 * Runs a workflow step (submit, sign, accept, return): lock the report, check the caller's version
 * and the step's rule, move it (counts, task state and lights follow), audit it. Retries with the
 * same Idempotency-Key get the first answer (route level).
 */
async function runStep(ctx: Ctx, id: string, version: number | undefined, step: Step): Promise<ReportRow> {
  deferCounts(ctx.tx);
  return counted(ctx.tx, async () => {
    const before = await load(ctx, id);
    checkVersion(before, version);
    await step.check(before);
    const after = await transition(ctx, before, step.set(before));
    await step.then?.(before, after);
    await ctx.audit({
      action: step.action(before),
      entityType: 'report',
      entityId: id,
      unitId: after.unitId,
      before: { status: before.status },
      after: { status: after.status, ...step.audited?.(after) },
    });
    return after;
  });
}

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/**
 * Submits (报送) the unit's report. A co-unit's input goes to the lead unit; the lead unit's
 * report goes to the coordinator and consolidates the inputs already submitted. A second submit
 * is refused.
 */
export function submitReport(ctx: Ctx, id: string, input: { version?: number } = {}): Promise<ReportRow> {
  let onTime: boolean | null = null;
  return runStep(ctx, id, input.version, {
    action: (before) => (before.status === 'returned' ? 'report.resubmit' : 'report.submit'),
    check: (before) => {
      checkEditable(before, ctx.now, '报送');
      const missing = [
        !before.workStatus && '工作状态',
        !before.done.trim() && '工作进展（已做了什么）',
        before.percent === null && '完成百分比',
      ].filter(Boolean);
      if (missing.length)
        throw new DomainError('report.incomplete', `请先填写${missing.join('、')}，保存后再报送。`, {
          missing,
        });
    },
    set: (before) => {
      onTime = before.submittedAt ? before.onTime : localDate(ctx.now) <= before.dueDate;
      return {
        status: 'submitted',
        submittedAt: ctx.now,
        submittedBy: userId(ctx),
        onTime,
        returnReason: null,
      };
    },
    then: async (before, after) => {
      // The values the unit stated are the plan's indicator values from now on (latest statement wins).
      await takeInReportedIndicatorValues(ctx, after, ctx.now);
      if (!before.submittedAt)
        await bumpCounts(
          ctx.tx,
          { unitId: after.unitId, planId: after.planId },
          onTime ? { onTimeReports: 1 } : { lateReports: 1 },
        );
      if (after.isLead) await consolidateInputs(ctx, after);
    },
    audited: (after) => ({ onTime, version: after.version }),
  });
}

/**
 * The co-units' inputs submitted so far are consolidated into the lead report, in one statement
 * (they are not lead reports: no task state follows them; only their counts move).
 */
async function consolidateInputs(ctx: Ctx, lead: ReportRow): Promise<void> {
  const signoff = await leaderSignoffOf(ctx, lead);
  const moved = await ctx.tx
    .update(reports)
    .set({
      status: 'consolidated',
      open: isOpenStatus('consolidated', signoff),
      version: sql`${reports.version} + 1`,
      updatedAt: ctx.now,
      updatedBy: userId(ctx),
    })
    .where(and(eq(reports.leadReportId, lead.id), eq(reports.status, 'submitted'), eq(reports.isLead, false)))
    .returning({
      unitId: reports.unitId,
      planId: reports.planId,
      status: reports.status,
      open: reports.open,
    });
  const wasOpen = isOpenStatus('submitted', signoff);
  for (const m of moved)
    await bumpCounts(
      ctx.tx,
      { unitId: m.unitId, planId: m.planId },
      transitionDeltas({ status: 'submitted', open: wasOpen }, m),
    );
}

/** The unit leader signs the submitted report off (签发). */
export function signReport(ctx: Ctx, id: string, input: { version?: number } = {}): Promise<ReportRow> {
  return runStep(ctx, id, input.version, {
    action: () => 'report.sign',
    check: (before) => {
      if (before.status !== 'submitted' || !before.isLead) {
        throw new DomainError(
          'report.invalid_transition',
          `只有已报送的牵头单位报告才能签发（当前：${STATUS_LABELS[before.status] ?? before.status}）。请刷新页面查看最新状态。`,
        );
      }
    },
    set: () => ({ status: 'signed', signedAt: ctx.now, signedBy: userId(ctx) }),
  });
}

async function reviewable(ctx: Ctx, r: ReportRow, what: string): Promise<void> {
  if (!r.isLead)
    throw new DomainError(
      'report.invalid_transition',
      `这是配合单位报送给牵头单位的材料，由牵头单位汇总，不能直接${what}。请审核牵头单位的报告。`,
    );
  const signoff = await leaderSignoffOf(ctx, r);
  const ok = signoff ? r.status === 'signed' : r.status === 'submitted' || r.status === 'signed';
  if (!ok) {
    const hint =
      signoff && r.status === 'submitted'
        ? '本周期要求单位负责人签发后再审核，请等待签发。'
        : '请刷新页面查看最新状态。';
    throw new DomainError(
      'report.invalid_transition',
      `这份报告当前为「${STATUS_LABELS[r.status] ?? r.status}」，不能${what}。${hint}`,
    );
  }
}

/** The coordinator accepts (采纳) a submitted report. */
export function acceptReport(ctx: Ctx, id: string, input: { version?: number } = {}): Promise<ReportRow> {
  return runStep(ctx, id, input.version, {
    action: () => 'report.accept',
    check: (before) => reviewable(ctx, before, '采纳'),
    set: () => ({ status: 'accepted', reviewedAt: ctx.now, reviewedBy: userId(ctx) }),
  });
}

/** The coordinator returns (退回) a report with a reason; the unit revises and resubmits. */
export function returnReport(
  ctx: Ctx,
  id: string,
  input: { reason: string; version?: number },
): Promise<ReportRow> {
  return runStep(ctx, id, input.version, {
    action: () => 'report.return',
    check: (before) => reviewable(ctx, before, '退回'),
    set: (before) => ({
      status: 'returned',
      returnReason: input.reason,
      returnCount: before.returnCount + 1,
      reviewedAt: ctx.now,
      reviewedBy: userId(ctx),
    }),
    // The return count is a light rule of its own.
    then: async (_, after) => {
      await recomputeTaskLights(ctx, [after.taskId]);
    },
    audited: (after) => ({ reason: input.reason, returnCount: after.returnCount }),
  });
}

/** The coordinator opens late entry (补报) for a locked report until a date. */
export async function grantException(
  ctx: Ctx,
  id: string,
  input: { until: string; reason?: string },
): Promise<ReportRow> {
  const before = await load(ctx, id);
  if (input.until < localDate(ctx.now))
    throw new DomainError('validation.failed', '补报截止日期不能早于今天，请重新选择日期。');
  const [after] = await ctx.tx
    .update(reports)
    .set({ exceptionUntil: input.until, version: before.version + 1, updatedAt: ctx.now })
    .where(eq(reports.id, id))
    .returning();
  await ctx.audit({
    action: 'report.grant_exception',
    entityType: 'report',
    entityId: id,
    unitId: before.unitId,
    before: { exceptionUntil: before.exceptionUntil },
    after: { exceptionUntil: input.until, reason: input.reason ?? null },
  });
  return after!;
}

/** Changes a cycle's due-date rule, window or sign-off requirement; open slots follow. */
export async function updateCycle(
  ctx: Ctx,
  id: string,
  input: { version?: number; dueDaysAfter?: number; windowDays?: number; leaderSignoff?: boolean },
) {
  return counted(ctx.tx, async () => {
    const [before] = await ctx.tx.select().from(reportCycles).where(eq(reportCycles.id, id)).for('update');
    if (!before) throw notFound('cycle.not_found', '填报周期');
    if (input.version !== undefined && input.version !== before.version) {
      throw new DomainError('conflict.stale', '填报周期已被他人修改。请刷新页面后重新设置。', {
        current: before,
      });
    }
    forgetCycles(ctx.tx);
    const [after] = await ctx.tx
      .update(reportCycles)
      .set({
        dueDaysAfter: input.dueDaysAfter ?? before.dueDaysAfter,
        windowDays: input.windowDays ?? before.windowDays,
        leaderSignoff: input.leaderSignoff ?? before.leaderSignoff,
        version: before.version + 1,
      })
      .where(eq(reportCycles.id, id))
      .returning();
    await ctx.tx
      .execute(sql`update reports set due_date = period_end + ${after!.dueDaysAfter}::int, lock_date = period_end + ${after!.dueDaysAfter + after!.windowDays}::int
        where cycle_id = ${id} and status in ('pending', 'draft')`);
    if (after!.leaderSignoff !== before.leaderSignoff) {
      // Submitted reports now wait on (or no longer wait on) the unit leader: they move between the counts.
      const moved = await ctx.tx
        .update(reports)
        .set({ open: after!.leaderSignoff })
        .where(and(eq(reports.cycleId, id), eq(reports.status, 'submitted')))
        .returning({ unitId: reports.unitId, planId: reports.planId });
      const d = after!.leaderSignoff
        ? { openReports: 1, submittedReports: -1 }
        : { openReports: -1, submittedReports: 1 };
      for (const m of moved) await bumpCounts(ctx.tx, { unitId: m.unitId, planId: m.planId }, d);
    }
    await ctx.audit({ action: 'cycle.update', entityType: 'report_cycle', entityId: id, before, after });
    return after!;
  });
}

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Stores a file attached to the unit's report. */
export async function addAttachment(
  ctx: Ctx,
  reportId: string,
  file: { filename: string; mime: string; bytes: Buffer },
) {
  const r = await load(ctx, reportId);
  checkEditable(r, ctx.now, '添加附件');
  if (file.bytes.length > ATTACHMENT_MAX_BYTES)
    throw new DomainError('attachment.too_large', '附件不能超过 20 MB。请压缩或拆分后再上传。');
  const [a] = await ctx.tx
    .insert(reportAttachments)
    .values({
      reportId,
      taskId: r.taskId,
      unitId: r.unitId,
      filename: file.filename,
      mime: file.mime,
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    })
    .returning({
      id: reportAttachments.id,
      filename: reportAttachments.filename,
      mime: reportAttachments.mime,
      size: reportAttachments.size,
      sha256: reportAttachments.sha256,
      createdAt: reportAttachments.createdAt,
    });
  await ctx.audit({
    action: 'report.attach',
    entityType: 'report',
    entityId: reportId,
    unitId: r.unitId,
    after: { attachmentId: a!.id, filename: a!.filename, size: a!.size, sha256: a!.sha256 },
  });
  return a!;
}

/**
 * Removes a file the unit attached by mistake, while its report can still be edited. Once the task
 * has a 办结 request its files may be the evidence, so they stay.
 */
export async function removeAttachment(ctx: Ctx, reportId: string, attachmentId: string): Promise<void> {
  const r = await load(ctx, reportId);
  checkEditable(r, ctx.now, '删除附件');
  const [a] = await ctx.tx
    .select({
      id: reportAttachments.id,
      filename: reportAttachments.filename,
      size: reportAttachments.size,
      sha256: reportAttachments.sha256,
    })
    .from(reportAttachments)
    .where(and(eq(reportAttachments.id, attachmentId), eq(reportAttachments.reportId, reportId)));
  if (!a) throw notFound('attachment.not_found', '附件');
  const task = await taskOf(ctx.tx, r.taskId);
  if (task && task.status !== 'assigned') {
    throw new DomainError(
      'finish.invalid_transition',
      '该任务已申请办结，本报告的附件可能是佐证材料，不能删除。如需更换，请联系统筹部门。',
    );
  }
  await ctx.tx.delete(reportAttachments).where(eq(reportAttachments.id, attachmentId));
  await ctx.audit({
    action: 'report.detach',
    entityType: 'report',
    entityId: reportId,
    unitId: r.unitId,
    before: { attachmentId: a.id, filename: a.filename, size: a.size, sha256: a.sha256 },
  });
}

/** The lead unit declares the task finished (办结) with evidence; the coordinator then signs it off. */
export async function requestFinish(
  ctx: Ctx,
  taskId: string,
  input: { evidence: string; attachmentIds?: string[] },
) {
  return counted(ctx.tx, async () => {
    const task = await taskOf(ctx.tx, taskId);
    if (!task) throw notFound('task.not_found', '任务');
    if (task.status !== 'assigned') {
      throw new DomainError(
        'finish.invalid_transition',
        `该任务当前状态为「${task.status === 'finished' ? '已办结，待销号' : task.status === 'signed_off' ? '已销号' : '未交办'}」，不能申请办结。`,
      );
    }
    const ids = input.attachmentIds ?? [];
    const files = ids.length
      ? await ctx.tx
          .select({ id: reportAttachments.id })
          .from(reportAttachments)
          .where(and(inArray(reportAttachments.id, ids), eq(reportAttachments.taskId, taskId)))
      : [];
    if (files.length !== ids.length)
      throw new DomainError('validation.failed', '所附佐证材料不属于该任务。请重新选择本任务报告中的附件。');
    if (!input.evidence.trim() || !files.length) {
      throw new DomainError(
        'finish.evidence_required',
        '申请办结须写明完成情况并附上佐证材料（文件、照片或验收证明）。请在本任务的报告中上传附件后再申请。',
      );
    }
    await ctx.tx
      .update(tasks)
      .set({ status: 'finished', version: task.version + 1 })
      .where(eq(tasks.id, taskId));
    await ctx.tx
      .insert(taskStates)
      .values({
        taskId,
        planId: task.planId,
        finish: 'requested',
        finishEvidence: input.evidence,
        finishRequestedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoUpdate({
        target: taskStates.taskId,
        set: {
          finish: 'requested',
          finishEvidence: input.evidence,
          finishRequestedAt: ctx.now,
          updatedAt: ctx.now,
        },
      });
    await refreshPlanCounts(ctx.tx, task.planId);
    await recomputeTaskLights(ctx, [taskId]);
    const unitId = ctx.actor.kind === 'user' ? ctx.actor.unitId : null;
    await ctx.audit({
      action: 'task.finish',
      entityType: 'task',
      entityId: taskId,
      unitId,
      before: { status: task.status },
      after: { status: 'finished', evidence: input.evidence, attachmentIds: ids },
    });
    return (await taskStateOf(ctx.tx, taskId))!;
  });
}

/** The coordinator signs a finished task off (销号), or sends it back to work with a reason. */
export async function signOffTask(ctx: Ctx, taskId: string, input: { approve: boolean; reason?: string }) {
  return counted(ctx.tx, async () => {
    const task = await taskOf(ctx.tx, taskId);
    if (!task) throw notFound('task.not_found', '任务');
    if (task.status !== 'finished') {
      throw new DomainError(
        'finish.invalid_transition',
        '只有申请办结的任务才能销号。请等待牵头单位提交办结申请及佐证材料。',
      );
    }
    if (!input.approve && !input.reason?.trim())
      throw new DomainError('validation.failed', '不同意销号时请写明理由，以便牵头单位补充办理。');
    const status = input.approve ? 'signed_off' : 'assigned';
    await ctx.tx
      .update(tasks)
      .set({ status, version: task.version + 1 })
      .where(eq(tasks.id, taskId));
    await ctx.tx
      .update(taskStates)
      .set(
        input.approve
          ? { finish: 'signed_off', signedOffAt: ctx.now, percent: 100, updatedAt: ctx.now }
          : { finish: 'none', updatedAt: ctx.now },
      )
      .where(eq(taskStates.taskId, taskId));
    if (input.approve) {
      // The task leaves every unit's open work; its empty slots close.
      await ctx.tx.execute(
        sql`update units u set open_tasks = greatest(0, u.open_tasks - 1) from task_units tu where tu.task_id = ${taskId} and tu.unit_id = u.id and tu.assignment <> 'returned'`,
      );
      await ctx.tx.execute(sql`delete from unit_work where task_id = ${taskId} and kind = 'accept'`);
      const pending = await ctx.tx
        .delete(reports)
        .where(and(eq(reports.taskId, taskId), eq(reports.status, 'pending')))
        .returning({ unitId: reports.unitId, planId: reports.planId });
      for (const p of pending)
        await bumpCounts(ctx.tx, { unitId: p.unitId, planId: p.planId }, { openReports: -1 });
    }
    await refreshPlanCounts(ctx.tx, task.planId);
    await refreshPlanProgress(ctx.tx, task.planId);
    await recomputeTaskLights(ctx, [taskId]);
    await ctx.audit({
      action: input.approve ? 'task.sign_off' : 'task.finish_rejected',
      entityType: 'task',
      entityId: taskId,
      before: { status: task.status },
      after: { status, reason: input.reason ?? null },
    });
    return (await taskStateOf(ctx.tx, taskId))!;
  });
}

export { finishingUnitsOfTask };
