import { and, eq, like } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { auditEvents } from '../audit/schema.js';
import { addDays, localDate } from '../reporting/periods.js';
import { publishedFuturePlan, runAt, fullContent, type Report } from '../reporting/__tests__/fixtures.js';
import { recomputeAllLights } from './lights.js';
import { requestExtension, returnAssignment } from './commands.js';

const ws = useTestWorkspace();
const later = (days: number) => new Date(Date.now() + days * 86400_000);

type LitTask = {
  taskId: string;
  light: string;
  lightReasons: string[];
  reasons: { code: string; level: string; message: string }[];
  deadline: string | null;
};

describe('lights', () => {
  test('a fresh plan is green; overdue reports and a gap to planned progress light red, each reason kept', async () => {
    const { coordinator, reporter, planningReporter, planId, transport, tasks } =
      await publishedFuturePlan(ws);
    expect((await coordinator.get('/api/supervision/lights')).body.tasks).toEqual([]);
    const sweep = await coordinator.post('/api/supervision/recompute', { planId });
    expect(sweep.status).toBe(200);
    expect(sweep.body).toMatchObject({ openedSlots: 0, tasks: 2, changed: 0 });
    // Half a year on, nothing reported: the month's slot is overdue and progress lags the schedule.
    await runAt(ws, later(200), (ctx) => recomputeAllLights(ctx, planId));
    const lit: LitTask[] = (await coordinator.get(`/api/supervision/lights?planId=${planId}`)).body.tasks;
    const first = lit.find((t) => t.taskId === tasks[0]!.id)!;
    expect(first.light).toBe('red');
    const codes = first.reasons.map((r) => r.code);
    expect(codes).toContain('report_overdue');
    expect(codes).toContain('behind_schedule');
    expect(first.lightReasons.join('；')).toMatch(/逾期未报送/);
    expect(first.lightReasons.join('；')).toMatch(/落后序时进度/);
    // Unit lights follow, with their reasons; unit roles only see their own tasks.
    const unitsLit = (await coordinator.get('/api/supervision/units')).body.items;
    const t = unitsLit.find((u: { unitId: string }) => u.unitId === transport);
    expect(t.light).toBe('red');
    expect(t.lightReasons[0]).toMatch(/2 项任务亮红灯/);
    expect(((await reporter.get('/api/supervision/lights')).body.tasks as LitTask[]).length).toBe(2);
    expect(
      ((await planningReporter.get('/api/supervision/lights')).body.tasks as LitTask[]).map((x) => x.taskId),
    ).toEqual([tasks[0]!.id]);
    const stranger = await ws.as(['reporter']);
    expect((await stranger.get('/api/supervision/lights')).body.tasks).toEqual([]);
    // The unit's inbox lists its red tasks (maintained rows, not a scan).
    const inbox = (await reporter.get('/api/inbox')).body;
    expect(
      inbox.items
        .filter((i: { kind: string }) => i.kind === 'red_task')
        .map((i: { taskId: string }) => i.taskId)
        .sort(),
    ).toEqual(tasks.map((x) => x.id).sort());
    expect(inbox.counts.red_task).toBe(2);
  });

  test('rules are configurable: with the red band and overdue rule off, the gap lights yellow', async () => {
    const { coordinator, planId, tasks } = await publishedFuturePlan(ws);
    const set = await coordinator.put('/api/supervision/rules', {
      planId,
      gapRed: 100,
      overdueReportRed: false,
    });
    expect(set.status).toBe(200);
    expect(set.body.gapYellow).toBe(10);
    await runAt(ws, later(200), (ctx) => recomputeAllLights(ctx, planId));
    const lit: LitTask[] = (await coordinator.get(`/api/supervision/lights?planId=${planId}`)).body.tasks;
    const first = lit.find((t) => t.taskId === tasks[0]!.id)!;
    expect(first.light).toBe('yellow');
    expect(first.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['behind_schedule']));
    expect(first.reasons.every((r) => r.level === 'yellow')).toBe(true);
    const bad = await coordinator.put('/api/supervision/rules', { gapYellow: 50, gapRed: 20 });
    expect(bad.status).toBe(400);
  });

  test('a report returned twice lights yellow; a unit reporting 有困难 lights yellow', async () => {
    const { coordinator, reporter, transport, tasks } = await publishedFuturePlan(ws);
    const slot = ((await reporter.get('/api/reports?open=true')).body.items as Report[]).find(
      (r) => r.isLead && r.taskId === tasks[0]!.id && r.unitId === transport,
    )!;
    await reporter.put(`/api/reports/${slot.id}`, fullContent);
    for (let i = 0; i < 2; i += 1) {
      await reporter.post(`/api/reports/${slot.id}/submit`, {});
      expect(
        (
          await coordinator.post(`/api/reports/${slot.id}/return`, {
            reason: `第${i + 1}次退回：请补充数据。`,
          })
        ).status,
      ).toBe(200);
    }
    let lit: LitTask[] = (await coordinator.get('/api/supervision/lights')).body.tasks;
    expect(lit.find((t) => t.taskId === tasks[0]!.id)?.reasons.map((r) => r.code)).toEqual(['returned']);
    await reporter.put(`/api/reports/${slot.id}`, { workStatus: 'difficult' });
    await reporter.post(`/api/reports/${slot.id}/submit`, {});
    lit = (await coordinator.get('/api/supervision/lights')).body.tasks;
    const reasons = lit.find((t) => t.taskId === tasks[0]!.id)!.reasons;
    expect(reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['reported_trouble']));
    expect(reasons.find((r) => r.code === 'reported_trouble')!.message).toMatch(/有困难/);
  });
});

describe('escalation ladder', () => {
  test('提醒 → 催办 → 督办单 (numbered, coloured, reply date) → reply → close; never down the ladder', async () => {
    const { coordinator, reporter, transport, tasks } = await publishedFuturePlan(ws);
    const taskId = tasks[1]!.id;
    expect((await reporter.post('/api/supervision/notices', { taskId, text: '请加快进度。' })).status).toBe(
      403,
    );
    const remind = await coordinator.post('/api/supervision/notices', {
      taskId,
      level: 'remind',
      text: '请加快进度。',
    });
    expect(remind.status).toBe(201);
    expect(remind.body.unitId).toBe(transport);
    expect(remind.body.levelLabel).toBe('提醒');
    const urge = await coordinator.post('/api/supervision/notices', {
      taskId,
      unitId: transport,
      level: 'urge',
      text: '请于本周内报送进展。',
    });
    expect(urge.body.level).toBe('urge');
    const down = await coordinator.post('/api/supervision/notices', {
      taskId,
      unitId: transport,
      level: 'remind',
      text: '再次提醒。',
    });
    expect(down.status).toBe(409);
    expect(down.body.code).toBe('notice.invalid_transition');
    expect(down.body.message).toMatch(/只能升级为督办单、通报/);
    const noColour = await coordinator.post('/api/supervision/notices', {
      taskId,
      unitId: transport,
      level: 'notice',
      text: '督办。',
    });
    expect(noColour.status).toBe(400);
    const replyBy = addDays(localDate(new Date()), 7);
    const notice = await coordinator.post('/api/supervision/notices', {
      taskId,
      unitId: transport,
      level: 'notice',
      color: 'red',
      replyBy,
      text: '进度严重滞后，请报送整改措施。',
    });
    expect(notice.status).toBe(201);
    expect(notice.body.number).toBe(`督办〔${localDate(new Date()).slice(0, 4)}〕1号`);
    expect(notice.body.color).toBe('red');
    expect(notice.body.replyBy).toBe(replyBy);
    const list = (await reporter.get('/api/supervision/notices')).body.notices;
    expect(list.map((n: { level: string; status: string }) => `${n.level}:${n.status}`)).toEqual([
      'notice:open',
      'urge:escalated',
      'remind:escalated',
    ]);
    expect(list[0].actions).toEqual(['notice.reply']);
    let inbox = (await reporter.get('/api/inbox')).body;
    expect(
      inbox.items.filter((i: { kind: string }) => i.kind === 'notice').map((i: { id: string }) => i.id),
    ).toEqual([notice.body.id]);
    expect(inbox.counts.notice).toBe(1);
    const stranger = await ws.as(['reporter']);
    expect(
      (await stranger.post(`/api/supervision/notices/${notice.body.id}/reply`, { text: '已整改' })).status,
    ).toBe(403);
    const replied = await reporter.post(`/api/supervision/notices/${notice.body.id}/reply`, {
      text: '已制定整改方案，12月底前完成。',
    });
    expect(replied.body.status).toBe('replied');
    inbox = (await reporter.get('/api/inbox')).body;
    expect(inbox.counts.notice).toBe(0);
    const circulate = await coordinator.post('/api/supervision/notices', {
      taskId,
      unitId: transport,
      level: 'circulate',
      text: '予以通报。',
    });
    expect(circulate.body.number).toMatch(/^通报〔\d{4}〕1号$/);
    const closed = await coordinator.post(`/api/supervision/notices/${circulate.body.id}/close`, {
      note: '整改到位。',
    });
    expect(closed.body.status).toBe('closed');
    const actions = (
      await ws.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(like(auditEvents.action, 'notice.%'))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'notice.remind',
      'notice.urge',
      'notice.notice',
      'notice.reply',
      'notice.circulate',
      'notice.close',
    ]);
  });
});

describe('extensions and assignments', () => {
  test('延期申请 before the deadline: one pending at a time, approval moves the deadline; too late is refused', async () => {
    const { coordinator, reporter, transport, tasks } = await publishedFuturePlan(ws);
    const task = tasks[1]!;
    const to = addDays(task.deadlineDate!, 60);
    const req = await reporter.post(`/api/tasks/${task.id}/extensions`, {
      requestedDate: to,
      reason: '线路审批周期延长。',
    });
    expect(req.status).toBe(201);
    expect(req.body.currentDeadline).toBe(task.deadlineDate);
    const twice = await reporter.post(`/api/tasks/${task.id}/extensions`, {
      requestedDate: to,
      reason: '再次申请。',
    });
    expect(twice.status).toBe(409);
    const inbox = (await coordinator.get('/api/inbox')).body;
    expect(
      inbox.items.find((i: { kind: string; id: string }) => i.kind === 'extension' && i.id === req.body.id),
    ).toBeDefined();
    const noNote = await coordinator.post(`/api/supervision/extensions/${req.body.id}/decide`, {
      approve: false,
    });
    expect(noNote.status).toBe(400);
    const ok = await coordinator.post(`/api/supervision/extensions/${req.body.id}/decide`, {
      approve: true,
      note: '同意',
    });
    expect(ok.body.status).toBe('approved');
    const mine = (await reporter.get('/api/inbox')).body.tasks.find(
      (t: { taskId: string }) => t.taskId === task.id,
    );
    expect(mine.deadline).toBe(to);
    // After the (extended) deadline no extension can be asked for.
    const afterDeadline = new Date(`${addDays(to, 1)}T04:00:00Z`);
    await expect(
      runAt(ws, afterDeadline, (ctx) =>
        requestExtension(ctx, {
          taskId: task.id,
          unitId: transport,
          requestedDate: addDays(to, 30),
          reason: '再延期',
        }),
      ),
    ).rejects.toMatchObject({
      code: 'extension.too_late',
    });
  });

  test('签收 and 退回 within N working days; a return closes the unit’s empty slots; late returns are refused', async () => {
    const { coordinator, reporter, planningReporter, transport, planning, tasks } =
      await publishedFuturePlan(ws);
    const accepted = await reporter.post(`/api/tasks/${tasks[1]!.id}/assignments/${transport}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.assignment).toBe('accepted');
    const afterAccept = (await reporter.get('/api/inbox')).body.items
      .filter((i: { kind: string }) => i.kind === 'assignment')
      .map((i: { taskId: string }) => i.taskId);
    expect(afterAccept).toEqual([tasks[0]!.id]);
    expect(
      (await reporter.post(`/api/tasks/${tasks[1]!.id}/assignments/${transport}/return`, { reason: '错交' }))
        .status,
    ).toBe(409);
    expect(
      (await reporter.post(`/api/tasks/${tasks[0]!.id}/assignments/${planning}/accept`, {})).status,
    ).toBe(403);
    // Not accepted in time lights yellow with the reason.
    await runAt(ws, later(10), (ctx) => recomputeAllLights(ctx));
    const lit: LitTask[] = (await coordinator.get('/api/supervision/lights')).body.tasks;
    const first = lit.find((t) => t.taskId === tasks[0]!.id)!;
    expect(first.reasons.find((r) => r.code === 'not_accepted')?.message).toMatch(/个工作日内未签收/);
    await expect(
      runAt(ws, later(10), (ctx) =>
        returnAssignment(ctx, tasks[0]!.id, planning, { reason: '不属于本单位职责' }),
      ),
    ).rejects.toMatchObject({ code: 'assignment.window_closed' });
    const before = (await planningReporter.get('/api/reports?open=true')).body.items.length;
    expect(before).toBe(1);
    const returned = await planningReporter.post(
      `/api/tasks/${tasks[0]!.id}/assignments/${planning}/return`,
      { reason: '不属于本单位职责，建议交由市城建局办理。' },
    );
    expect(returned.body.assignment).toBe('returned');
    expect((await planningReporter.get('/api/reports?open=true')).body.items).toEqual([]);
    expect((await planningReporter.get('/api/inbox')).body.counts.report_due).toBe(0);
    const audit = await ws.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'assignment.return'), eq(auditEvents.entityId, tasks[0]!.id)));
    expect((audit[0]!.after as { reason: string }).reason).toMatch(/不属于本单位职责/);
  });
});
