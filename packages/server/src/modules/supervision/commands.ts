import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { DomainError, notFound } from '../../errors.js';
import { tasks, taskUnits } from '../plans/schema.js';
import { bumpCounts, counted, markUnitLights } from '../reporting/counters.js';
import { addWorkingDays, localDate } from '../reporting/periods.js';
import { reports, taskStates, unitStates } from '../reporting/schema.js';
import { loadRules, recomputeTaskLights } from './lights.js';
import { lightRulesSchema, type LightRules } from './rules.js';
import { extensionRequests, noticeCounters, notices, supervisionSettings } from './schema.js';

export const LEVELS = ['remind', 'urge', 'notice', 'circulate'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
  remind: '提醒',
  urge: '催办',
  notice: '督办单',
  circulate: '通报',
};
export const COLORS = ['blue', 'yellow', 'red'] as const;
export type NoticeRow = typeof notices.$inferSelect;

async function bumpOpenNotices(ctx: Ctx, unitId: string, delta: number) {
  if (!delta) return;
  await ctx.tx.insert(unitStates).values({ unitId }).onConflictDoNothing();
  await ctx.tx
    .update(unitStates)
    .set({ openNotices: sql`greatest(0, ${unitStates.openNotices} + ${delta})` })
    .where(eq(unitStates.unitId, unitId));
}

async function publishedAssignment(ctx: Ctx, taskId: string, unitId: string) {
  const [row] = await ctx.tx
    .select({ task: tasks, tu: taskUnits })
    .from(taskUnits)
    .innerJoin(tasks, eq(tasks.id, taskUnits.taskId))
    .where(
      and(eq(taskUnits.taskId, taskId), eq(taskUnits.unitId, unitId), eq(taskUnits.planStatus, 'published')),
    );
  return row;
}

/**
 * Issues the next step of the escalation ladder for a task and unit (提醒 → 催办 → 督办单 → 通报).
 * A step may skip levels but never goes down or repeats; the step it supersedes is marked
 * `escalated`. 督办单 are numbered per year and carry a colour and a reply date.
 */
export async function issueNotice(
  ctx: Ctx,
  input: {
    taskId: string;
    unitId: string;
    level: Level;
    text: string;
    color?: (typeof COLORS)[number];
    replyBy?: string;
  },
): Promise<NoticeRow> {
  const a = await publishedAssignment(ctx, input.taskId, input.unitId);
  if (!a) throw notFound('assignment.not_found', '交办事项（该单位不承担这项已发布任务）');
  const [current] = await ctx.tx
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.taskId, input.taskId),
        eq(notices.unitId, input.unitId),
        inArray(notices.status, ['open', 'replied']),
      ),
    )
    .orderBy(desc(notices.createdAt))
    .limit(1)
    .for('update');
  if (current && LEVELS.indexOf(input.level) <= LEVELS.indexOf(current.level as Level)) {
    const higher = LEVELS.slice(LEVELS.indexOf(current.level as Level) + 1).map((l) => LEVEL_LABELS[l]);
    throw new DomainError(
      'notice.invalid_transition',
      higher.length
        ? `该事项已处于「${LEVEL_LABELS[current.level as Level]}」，只能升级为${higher.join('、')}，或先办结当前督办。`
        : '该事项已通报，不能再升级。请在单位回复后办结。',
      { current: { id: current.id, level: current.level, status: current.status } },
    );
  }
  if (input.level === 'notice' && !input.color)
    throw new DomainError('validation.failed', '督办单须选择等级：蓝色、黄色或红色。');
  const today = localDate(ctx.now);
  const replyBy = input.replyBy ?? addWorkingDays(today, input.level === 'remind' ? 3 : 5);
  if (replyBy < today) throw new DomainError('validation.failed', '回复期限不能早于今天，请重新选择。');
  let number: string | null = null;
  if (input.level === 'notice' || input.level === 'circulate') {
    const year = Number(today.slice(0, 4));
    const [c] = await ctx.tx
      .insert(noticeCounters)
      .values({ year, kind: input.level, n: 1 })
      .onConflictDoUpdate({
        target: [noticeCounters.year, noticeCounters.kind],
        set: { n: sql`${noticeCounters.n} + 1` },
      })
      .returning();
    number = `${input.level === 'notice' ? '督办' : '通报'}〔${year}〕${c!.n}号`;
  }
  if (current) {
    await ctx.tx
      .update(notices)
      .set({ status: 'escalated', version: current.version + 1 })
      .where(eq(notices.id, current.id));
    if (current.status === 'open') await bumpOpenNotices(ctx, current.unitId, -1);
  }
  const [n] = await ctx.tx
    .insert(notices)
    .values({
      planId: a.task.planId,
      taskId: input.taskId,
      unitId: input.unitId,
      level: input.level,
      color: input.level === 'notice' ? input.color! : (input.color ?? null),
      number,
      text: input.text,
      replyBy,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now,
    })
    .returning();
  await bumpOpenNotices(ctx, input.unitId, 1);
  await ctx.audit({
    action: `notice.${input.level}`,
    entityType: 'notice',
    entityId: n!.id,
    unitId: input.unitId,
    before: current ? { id: current.id, level: current.level, status: current.status } : null,
    after: { level: n!.level, number, color: n!.color, replyBy, text: n!.text, taskId: n!.taskId },
  });
  return n!;
}

async function lockNotice(ctx: Ctx, id: string): Promise<NoticeRow> {
  const [n] = await ctx.tx.select().from(notices).where(eq(notices.id, id)).for('update');
  if (!n) throw notFound('notice.not_found', '督办事项');
  return n;
}

/** The unit replies to a notice (what it did, when it will be done). */
export async function replyNotice(ctx: Ctx, id: string, input: { text: string }): Promise<NoticeRow> {
  const before = await lockNotice(ctx, id);
  if (before.status !== 'open') {
    throw new DomainError(
      'notice.invalid_transition',
      before.status === 'replied'
        ? '该督办事项已回复，等待统筹部门办结。'
        : '该督办事项已升级或办结，请回复最新的督办事项。',
    );
  }
  const [after] = await ctx.tx
    .update(notices)
    .set({
      status: 'replied',
      reply: input.text,
      repliedAt: ctx.now,
      repliedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      version: before.version + 1,
    })
    .where(eq(notices.id, id))
    .returning();
  await bumpOpenNotices(ctx, before.unitId, -1);
  await ctx.audit({
    action: 'notice.reply',
    entityType: 'notice',
    entityId: id,
    unitId: before.unitId,
    before: { status: before.status },
    after: { status: 'replied', reply: input.text },
  });
  return after!;
}

/** The coordinator closes a notice (after the reply, or withdrawing it). */
export async function closeNotice(ctx: Ctx, id: string, input: { note?: string }): Promise<NoticeRow> {
  const before = await lockNotice(ctx, id);
  if (before.status !== 'open' && before.status !== 'replied') {
    throw new DomainError('notice.invalid_transition', '该督办事项已升级或办结，无需再次办结。');
  }
  const [after] = await ctx.tx
    .update(notices)
    .set({
      status: 'closed',
      closedAt: ctx.now,
      closedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      closeNote: input.note ?? null,
      version: before.version + 1,
    })
    .where(eq(notices.id, id))
    .returning();
  if (before.status === 'open') await bumpOpenNotices(ctx, before.unitId, -1);
  await ctx.audit({
    action: 'notice.close',
    entityType: 'notice',
    entityId: id,
    unitId: before.unitId,
    before: { status: before.status },
    after: { status: 'closed', note: input.note ?? null },
  });
  return after!;
}

/** 延期申请: only before the (possibly already extended) deadline, one pending request at a time. */
export async function requestExtension(
  ctx: Ctx,
  input: { taskId: string; unitId: string; requestedDate: string; reason: string },
) {
  const a = await publishedAssignment(ctx, input.taskId, input.unitId);
  if (!a) throw notFound('assignment.not_found', '交办事项');
  const [state] = await ctx.tx.select().from(taskStates).where(eq(taskStates.taskId, input.taskId));
  const deadline = state?.extendedDeadline ?? a.task.deadlineDate;
  if (!deadline) throw new DomainError('extension.no_deadline', '该任务没有完成时限，无需申请延期。');
  const today = localDate(ctx.now);
  if (today > deadline)
    throw new DomainError(
      'extension.too_late',
      `完成时限（${deadline}）已过，不能再申请延期。请说明情况并向统筹部门报告。`,
    );
  if (input.requestedDate <= deadline)
    throw new DomainError('validation.failed', `申请延期的日期须晚于当前完成时限（${deadline}）。`);
  const [pending] = await ctx.tx
    .select({ id: extensionRequests.id })
    .from(extensionRequests)
    .where(and(eq(extensionRequests.taskId, input.taskId), eq(extensionRequests.status, 'pending')));
  if (pending)
    throw new DomainError(
      'extension.invalid_transition',
      '该任务已有待审批的延期申请，请等待统筹部门审批。',
      { pendingId: pending.id },
    );
  const [r] = await ctx.tx
    .insert(extensionRequests)
    .values({
      planId: a.task.planId,
      taskId: input.taskId,
      unitId: input.unitId,
      currentDeadline: deadline,
      requestedDate: input.requestedDate,
      reason: input.reason,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now,
    })
    .returning();
  await ctx.audit({
    action: 'extension.request',
    entityType: 'extension',
    entityId: r!.id,
    unitId: input.unitId,
    after: { taskId: input.taskId, from: deadline, to: input.requestedDate, reason: input.reason },
  });
  return r!;
}

/** The coordinator approves (the deadline moves) or refuses an extension request. */
export async function decideExtension(ctx: Ctx, id: string, input: { approve: boolean; note?: string }) {
  return counted(ctx.tx, async () => {
    const [before] = await ctx.tx
      .select()
      .from(extensionRequests)
      .where(eq(extensionRequests.id, id))
      .for('update');
    if (!before) throw notFound('extension.not_found', '延期申请');
    if (before.status !== 'pending')
      throw new DomainError('extension.invalid_transition', '该延期申请已审批，无需重复处理。');
    if (!input.approve && !input.note?.trim())
      throw new DomainError('validation.failed', '不同意延期时请写明理由。');
    const status = input.approve ? 'approved' : 'refused';
    const [after] = await ctx.tx
      .update(extensionRequests)
      .set({
        status,
        decisionNote: input.note ?? null,
        decidedAt: ctx.now,
        decidedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .where(eq(extensionRequests.id, id))
      .returning();
    if (input.approve) {
      await ctx.tx
        .insert(taskStates)
        .values({
          taskId: before.taskId,
          planId: before.planId,
          extendedDeadline: before.requestedDate,
          updatedAt: ctx.now,
        })
        .onConflictDoUpdate({
          target: taskStates.taskId,
          set: { extendedDeadline: before.requestedDate, updatedAt: ctx.now },
        });
      await recomputeTaskLights(ctx, [before.taskId]);
    }
    await ctx.audit({
      action: `extension.${input.approve ? 'approve' : 'refuse'}`,
      entityType: 'extension',
      entityId: id,
      unitId: before.unitId,
      before: { status: 'pending' },
      after: {
        status,
        note: input.note ?? null,
        deadline: input.approve ? before.requestedDate : before.currentDeadline,
      },
    });
    return after!;
  });
}

/** 签收: the unit accepts its assignment. */
export async function acceptAssignment(ctx: Ctx, taskId: string, unitId: string) {
  return counted(ctx.tx, async () => {
    const a = await publishedAssignment(ctx, taskId, unitId);
    if (!a) throw notFound('assignment.not_found', '交办事项');
    if (a.tu.assignment !== 'assigned') {
      throw new DomainError(
        'assignment.invalid_transition',
        a.tu.assignment === 'accepted' ? '该任务已签收。' : '该任务已退回，等待统筹部门重新交办。',
      );
    }
    await ctx.tx
      .update(taskUnits)
      .set({ assignment: 'accepted' })
      .where(and(eq(taskUnits.taskId, taskId), eq(taskUnits.unitId, unitId)));
    await ctx.tx.execute(
      sql`delete from unit_work where unit_id = ${unitId} and task_id = ${taskId} and kind = 'accept'`,
    );
    await recomputeTaskLights(ctx, [taskId]);
    await ctx.audit({
      action: 'assignment.accept',
      entityType: 'task',
      entityId: taskId,
      unitId,
      before: { assignment: 'assigned' },
      after: { assignment: 'accepted' },
    });
    return { taskId, unitId, assignment: 'accepted' };
  });
}

/**
 * 退回: the unit returns a misrouted assignment with a reason, within N working days of 交办.
 * Its empty report slots close; the coordinator reassigns in the plan.
 */
export async function returnAssignment(ctx: Ctx, taskId: string, unitId: string, input: { reason: string }) {
  return counted(ctx.tx, async () => {
    const a = await publishedAssignment(ctx, taskId, unitId);
    if (!a) throw notFound('assignment.not_found', '交办事项');
    if (a.tu.assignment !== 'assigned') {
      throw new DomainError(
        'assignment.invalid_transition',
        a.tu.assignment === 'accepted'
          ? '该任务已签收，不能再退回。如确有问题，请联系统筹部门调整。'
          : '该任务已退回。',
      );
    }
    const rules: LightRules = await loadRules(ctx.tx, a.task.planId);
    const since = localDate(a.tu.assignedAt ?? ctx.now);
    const lastDay = addWorkingDays(since, rules.assignmentWorkingDays);
    if (localDate(ctx.now) > lastDay) {
      throw new DomainError(
        'assignment.window_closed',
        `退回须在交办后 ${rules.assignmentWorkingDays} 个工作日内（${lastDay} 前）提出，现已超期。请联系统筹部门协调。`,
      );
    }
    await ctx.tx
      .update(taskUnits)
      .set({ assignment: 'returned' })
      .where(and(eq(taskUnits.taskId, taskId), eq(taskUnits.unitId, unitId)));
    // The task leaves the unit's inbox, and its light leaves the unit's counts.
    await ctx.tx.execute(sql`delete from unit_work where unit_id = ${unitId} and task_id = ${taskId}`);
    const [lit] = await ctx.tx
      .select({ light: taskStates.light })
      .from(taskStates)
      .where(eq(taskStates.taskId, taskId));
    if (lit && lit.light !== 'green') {
      await bumpCounts(ctx.tx, { unitId }, lit.light === 'red' ? { redTasks: -1 } : { yellowTasks: -1 });
      await markUnitLights(ctx.tx, [unitId]);
    }
    await ctx.tx.execute(sql`update units set open_tasks = greatest(0, open_tasks - 1) where id = ${unitId}`);
    const closed = await ctx.tx
      .delete(reports)
      .where(and(eq(reports.taskId, taskId), eq(reports.unitId, unitId), eq(reports.status, 'pending')))
      .returning({ planId: reports.planId });
    if (closed.length)
      await bumpCounts(ctx.tx, { unitId, planId: closed[0]!.planId }, { openReports: -closed.length });
    await recomputeTaskLights(ctx, [taskId]);
    await ctx.audit({
      action: 'assignment.return',
      entityType: 'task',
      entityId: taskId,
      unitId,
      before: { assignment: 'assigned' },
      after: { assignment: 'returned', reason: input.reason },
    });
    return { taskId, unitId, assignment: 'returned' };
  });
}

/** Sets the light rules globally or for one plan, then recomputes the affected lights. */
export async function setLightRules(ctx: Ctx, scope: string, input: Partial<LightRules>) {
  const merged = lightRulesSchema.parse({
    ...(await loadRules(ctx.tx, scope === 'global' ? null : scope)),
    ...input,
  });
  if (merged.gapYellow > merged.gapRed)
    throw new DomainError('validation.failed', '黄灯差距不能大于红灯差距，请调整后再保存。');
  const [before] = await ctx.tx
    .select()
    .from(supervisionSettings)
    .where(eq(supervisionSettings.scope, scope));
  await ctx.tx
    .insert(supervisionSettings)
    .values({ scope, rules: merged, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: supervisionSettings.scope,
      set: { rules: merged, version: sql`${supervisionSettings.version} + 1`, updatedAt: ctx.now },
    });
  await ctx.audit({
    action: 'light.rules',
    entityType: 'supervision_settings',
    entityId: scope,
    before: before?.rules ?? null,
    after: merged,
  });
  return merged;
}
