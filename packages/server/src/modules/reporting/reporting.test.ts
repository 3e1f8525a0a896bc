import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { auditEvents } from '../audit/schema.js';
import { reportCycles, reports } from './schema.js';
import { openPeriod } from './slots.js';
import { periodOf } from './periods.js';
import { rollUpProgress } from './progress.js';
import { indicators } from '../plans/schema.js';
import {
  fullContent,
  futurePlanText,
  publishedDemoPlan,
  publishedFuturePlan,
  runAt,
  type Report,
} from './__tests__/fixtures.js';
import { recomputeAllLights } from '../supervision/lights.js';

const ws = useTestWorkspace();

async function leadSlotOf(
  client: { get: (url: string) => Promise<{ body: { items: Report[] } }> },
  unitId: string,
) {
  const list = (await client.get(`/api/reports?open=true`)).body.items;
  return list.find((r) => r.isLead && r.unitId === unitId)!;
}

describe('reporting loop', () => {
  test('publishing the demo plan opens cycles from its cadences and a slot per task and unit, the lead consolidating', async () => {
    const { coordinator, reporter, planId, transport, planning } = await publishedDemoPlan(ws);
    const cycles = (await coordinator.get(`/api/plans/${planId}/cycles`)).body.items;
    expect(cycles.map((c: { period: string }) => c.period).sort()).toEqual(['monthly', 'quarterly']);
    expect(cycles.find((c: { period: string }) => c.period === 'monthly').unitReports).toBe(true);
    const mine: Report[] = (await reporter.get('/api/reports')).body.items;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((r) => r.unitId === transport)).toBe(true);
    const all: Report[] = (await coordinator.get(`/api/reports?planId=${planId}&limit=200`)).body.items;
    // Task 1: 交通局 leads, 规划局 is a co-unit whose slot points at the lead's.
    const co = all.find(
      (r) =>
        r.unitId === planning && !r.isLead && all.find((l) => l.id === r.leadReportId)?.unitId === transport,
    )!;
    expect(co).toBeDefined();
    const lead = all.find((r) => r.id === co.leadReportId)!;
    expect(lead.isLead).toBe(true);
    expect(lead.taskId).toBe(co.taskId);
    // Publishing twice (a revision) opens nothing new.
    const again = await ws.run(async (ctx) => (await import('./slots.js')).openPlanReporting(ctx, planId));
    expect(again.slots).toBe(0);
  });

  test('save draft → submit → accept, with counts, task state and audit events', async () => {
    const { coordinator, reporter, transport, planId } = await publishedDemoPlan(ws);
    const slot = await leadSlotOf(reporter, transport);
    expect(slot.status).toBe('pending');
    expect(slot.actions).toEqual(expect.arrayContaining(['report.edit', 'report.submit']));
    const saved = await reporter.put(`/api/reports/${slot.id}`, { ...fullContent, version: slot.version });
    expect(saved.status).toBe(200);
    expect(saved.body.status).toBe('draft');
    expect(saved.body.version).toBe(slot.version + 1);
    const submitted = await reporter.post(`/api/reports/${slot.id}/submit`, { version: saved.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.onTime).toBe(true);
    expect(submitted.body.actions).not.toContain('report.edit');
    const review = (await coordinator.get(`/api/reports/${slot.id}`)).body;
    expect(review.actions).toEqual(expect.arrayContaining(['report.accept', 'report.return']));
    const accepted = await coordinator.post(`/api/reports/${slot.id}/accept`, { version: review.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const progress = (await coordinator.get(`/api/plans/${planId}/progress`)).body;
    expect(progress.counts.acceptedReports).toBe(1);
    expect(progress.counts.onTimeReports).toBe(1);
    expect(progress.progress).toBeGreaterThan(0);
    const node = progress.nodes.find(
      (n: { tasks: number; percent: number | null }) => n.tasks > 0 && n.percent && n.percent > 0,
    );
    expect(node).toBeDefined();
    const events = await ws.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, slot.id));
    expect(events.map((e) => e.action)).toEqual(['report.save', 'report.submit', 'report.accept']);
  });

  test('returned with a reason → resubmitted → accepted', async () => {
    const { coordinator, reporter, transport } = await publishedDemoPlan(ws);
    const slot = await leadSlotOf(reporter, transport);
    await reporter.put(`/api/reports/${slot.id}`, fullContent);
    await reporter.post(`/api/reports/${slot.id}/submit`, {});
    const noReason = await coordinator.post(`/api/reports/${slot.id}/return`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    const returned = await coordinator.post(`/api/reports/${slot.id}/return`, { reason: '请补充时间节点。' });
    expect(returned.body.status).toBe('returned');
    expect(returned.body.returnReason).toBe('请补充时间节点。');
    const inbox = (await reporter.get('/api/inbox')).body;
    expect(inbox.items.find((i: { id: string }) => i.id === slot.id)?.subtitle).toMatch(/已退回/);
    await reporter.put(`/api/reports/${slot.id}`, { done: '完成线路方案对接，12月完成招标。' });
    const again = await reporter.post(`/api/reports/${slot.id}/submit`, {});
    expect(again.body.status).toBe('submitted');
    const accepted = await coordinator.post(`/api/reports/${slot.id}/accept`, {});
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.returnCount).toBe(1);
    const actions = (
      await ws.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, slot.id))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'report.save',
      'report.submit',
      'report.return',
      'report.save',
      'report.resubmit',
      'report.accept',
    ]);
  });

  test('a stale save gets 409 with the current content and what differs; nothing is overwritten', async () => {
    const { reporter, transport } = await publishedDemoPlan(ws);
    const colleague = await ws.as(['reporter'], { unitId: transport });
    const slot = await leadSlotOf(reporter, transport);
    const first = await colleague.put(`/api/reports/${slot.id}`, {
      ...fullContent,
      done: '同事写的进展。',
      version: slot.version,
    });
    expect(first.status).toBe(200);
    const stale = await reporter.put(`/api/reports/${slot.id}`, {
      ...fullContent,
      done: '我写的进展。',
      version: slot.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict.stale');
    expect(stale.body.message).toMatch(/已被他人修改/);
    expect(stale.body.details.current.done).toBe('同事写的进展。');
    expect(stale.body.details.current.version).toBe(first.body.version);
    expect(stale.body.details.mine.done).toBe('我写的进展。');
    expect(stale.body.details.changedFields).toEqual(['done']);
    expect((await reporter.get(`/api/reports/${slot.id}`)).body.done).toBe('同事写的进展。');
  });

  test('a submit retried with the same Idempotency-Key answers once; a plain second submit is refused', async () => {
    const { reporter, transport, planId } = await publishedDemoPlan(ws);
    const slot = await leadSlotOf(reporter, transport);
    await reporter.put(`/api/reports/${slot.id}`, fullContent);
    const key = { 'idempotency-key': 'submit-once-1' };
    const a = await reporter.post(`/api/reports/${slot.id}/submit`, {}, key);
    const b = await reporter.post(`/api/reports/${slot.id}/submit`, {}, key);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const submits = await ws.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, slot.id), eq(auditEvents.action, 'report.submit')));
    expect(submits).toHaveLength(1);
    const rows = await ws.db
      .select()
      .from(reports)
      .where(and(eq(reports.taskId, slot.taskId), eq(reports.unitId, transport)));
    expect(rows).toHaveLength(1);
    const progress = (await (await ws.as(['coordinator'])).get(`/api/plans/${planId}/progress`)).body;
    expect(progress.counts.submittedReports).toBe(1);
    const third = await reporter.post(`/api/reports/${slot.id}/submit`, {});
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('report.invalid_transition');
  });

  test('an incomplete report cannot be submitted', async () => {
    const { reporter, transport } = await publishedDemoPlan(ws);
    const slot = await leadSlotOf(reporter, transport);
    const res = await reporter.post(`/api/reports/${slot.id}/submit`, {});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('report.incomplete');
    expect(res.body.message).toMatch(/工作状态/);
  });

  test('after the window entry locks; a coordinator exception reopens it and the late report counts as late', async () => {
    const { coordinator, reporter, transport, planId } = await publishedDemoPlan(ws);
    const [cycle] = await ws.db
      .select()
      .from(reportCycles)
      .where(and(eq(reportCycles.planId, planId), eq(reportCycles.unitReports, true)));
    await runAt(ws, new Date(), (ctx) => openPeriod(ctx, cycle!, periodOf('monthly', '2026-01-15')));
    const [old] = await ws.db
      .select()
      .from(reports)
      .where(and(eq(reports.periodKey, '2026-01'), eq(reports.unitId, transport), eq(reports.isLead, true)));
    expect(old!.dueDate).toBe('2026-02-20');
    expect(old!.lockDate).toBe('2026-03-02');
    const locked = await reporter.put(`/api/reports/${old!.id}`, fullContent);
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('report.locked');
    expect(locked.body.message).toMatch(/补报/);
    const view = (await coordinator.get(`/api/reports/${old!.id}`)).body;
    expect(view.locked).toBe(true);
    expect(view.actions).toContain('report.grant_exception');
    const until = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    const granted = await coordinator.post(`/api/reports/${old!.id}/exception`, {
      until,
      reason: '系统故障补报',
    });
    expect(granted.status).toBe(200);
    expect(granted.body.locked).toBe(false);
    expect((await reporter.put(`/api/reports/${old!.id}`, fullContent)).status).toBe(200);
    const late = await reporter.post(`/api/reports/${old!.id}/submit`, {});
    expect(late.body.status).toBe('submitted');
    expect(late.body.onTime).toBe(false);
    const onTime = (await coordinator.get('/api/supervision/on-time')).body.items.find(
      (u: { unitId: string }) => u.unitId === transport,
    );
    expect(onTime.late).toBe(1);
  });

  test('the lead unit sees co-units’ inputs and its submission consolidates them', async () => {
    const { reporter, planning } = await publishedDemoPlan(ws);
    const coReporter = await ws.as(['reporter'], { unitId: planning });
    const mine = (await reporter.get('/api/reports')).body.items as Report[];
    const co = ((await coReporter.get('/api/reports')).body.items as Report[]).find(
      (r) => !r.isLead && mine.some((l) => l.id === r.leadReportId),
    )!;
    expect(co).toBeDefined();
    const lead = mine.find((l) => l.id === co.leadReportId)!;
    // The co-unit cannot open the lead's report; the lead can read the co-unit's input.
    expect((await coReporter.get(`/api/reports/${lead.id}`)).status).toBe(403);
    await coReporter.put(`/api/reports/${co.id}`, { ...fullContent, done: '配合完成用地预审。' });
    expect((await coReporter.post(`/api/reports/${co.id}/submit`, {})).body.status).toBe('submitted');
    expect((await reporter.get(`/api/reports/${co.id}`)).status).toBe(200);
    const view = (await reporter.get(`/api/reports/${lead.id}`)).body;
    expect(view.coUnitInputs.find((c: Report) => c.id === co.id).done).toBe('配合完成用地预审。');
    await reporter.put(`/api/reports/${lead.id}`, fullContent);
    await reporter.post(`/api/reports/${lead.id}/submit`, {});
    const after = (await coReporter.get(`/api/reports/${co.id}`)).body;
    expect(after.status).toBe('consolidated');
    // A co-unit input is never reviewed by the coordinator directly.
    const coordinator = await ws.as(['coordinator']);
    const direct = await coordinator.post(`/api/reports/${co.id}/accept`, {});
    expect(direct.status).toBe(409);
  });

  test('leader sign-off when the cycle requires it; attachments only for those allowed', async () => {
    const { coordinator, reporter, transport, planId } = await publishedDemoPlan(ws);
    const cycle = (await coordinator.get(`/api/plans/${planId}/cycles`)).body.items.find(
      (c: { unitReports: boolean }) => c.unitReports,
    );
    const patched = await coordinator.patch(`/api/cycles/${cycle.id}`, {
      leaderSignoff: true,
      version: cycle.version,
    });
    expect(patched.body.leaderSignoff).toBe(true);
    const leader = await ws.as(['unit_leader'], { unitId: transport });
    const slot = await leadSlotOf(reporter, transport);
    const mineBefore = (await leader.get('/api/inbox')).body.counts.report_due as number;
    await reporter.put(`/api/reports/${slot.id}`, fullContent);
    await reporter.post(`/api/reports/${slot.id}/submit`, {});
    const early = await coordinator.post(`/api/reports/${slot.id}/accept`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/签发/);
    expect(
      (await leader.get('/api/inbox')).body.items.find((i: { id: string }) => i.id === slot.id)?.kind,
    ).toBe('review');
    // Waiting for the leader's signature keeps it on the unit's desk (counts follow).
    expect((await leader.get('/api/inbox')).body.counts.report_due).toBe(mineBefore);
    const signed = await leader.post(`/api/reports/${slot.id}/sign`, {});
    expect(signed.body.status).toBe('signed');
    expect((await coordinator.post(`/api/reports/${slot.id}/accept`, {})).body.status).toBe('accepted');

    const other = (await reporter.get('/api/reports?open=true')).body.items.find(
      (r: Report) => r.id !== slot.id,
    )!;
    const boundary = '----xt';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="验收证明.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from('验收合格'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await reporter.post(`/api/reports/${other.id}/attachments`, payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(up.status).toBe(201);
    const down = await reporter.get(`/api/attachments/${up.body.id}`);
    expect(down.status).toBe(200);
    expect(String(down.body)).toBe('验收合格');
    const stranger = await ws.as(['reporter']);
    expect((await stranger.get(`/api/attachments/${up.body.id}`)).status).toBe(403);
    expect((await coordinator.get(`/api/attachments/${up.body.id}`)).status).toBe(200);
  });

  test('办结 needs evidence; the coordinator signs it off (销号) and the task leaves the open work', async () => {
    const { coordinator, reporter, transport, planId } = await publishedDemoPlan(ws);
    const slot = await leadSlotOf(reporter, transport);
    const bare = await reporter.post(`/api/tasks/${slot.taskId}/finish`, { evidence: '已完成' });
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('finish.evidence_required');
    const boundary = '----xt';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="验收.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4 demo'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await reporter.post(`/api/reports/${slot.id}/attachments`, payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    const finished = await reporter.post(`/api/tasks/${slot.taskId}/finish`, {
      evidence: '两条线路已开通运营。',
      attachmentIds: [up.body.id],
    });
    expect(finished.status).toBe(200);
    expect(finished.body.finish).toBe('requested');
    const signed = await coordinator.post(`/api/tasks/${slot.taskId}/sign-off`, { approve: true });
    expect(signed.body.finish).toBe('signed_off');
    const task = (await coordinator.get(`/api/tasks/${slot.taskId}`)).body;
    expect(task.status).toBe('signed_off');
    const plan = (await coordinator.get(`/api/plans/${planId}`)).body;
    expect(plan.finishedTaskCount).toBe(1);
    const inbox = (await reporter.get('/api/inbox')).body;
    expect(inbox.tasks.map((t: { taskId: string }) => t.taskId)).not.toContain(slot.taskId);
  });
});

describe('indicator values and progress roll-up', () => {
  test('a report carries values only for the plan’s indicators; the form lists the task’s indicators', async () => {
    const { reporter, transport, planId } = await publishedDemoPlan(ws);
    const slot = await leadSlotOf(reporter, transport);
    const [ind] = await ws.db
      .insert(indicators)
      .values({
        planId,
        taskId: slot.taskId,
        name: '新开通城际公交线路',
        target: 2,
        unit: '条',
        comparator: '>=',
        year: 2026,
      })
      .returning();
    const view = (await reporter.get(`/api/reports/${slot.id}`)).body;
    expect(view.taskIndicators).toEqual([
      { id: ind!.id, name: '新开通城际公交线路', unit: '条', target: 2, year: 2026 },
    ]);
    const ok = await reporter.put(`/api/reports/${slot.id}`, {
      indicators: [{ indicatorId: ind!.id, value: 1 }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.indicators).toEqual([{ indicatorId: ind!.id, value: 1 }]);
    const bad = await reporter.put(`/api/reports/${slot.id}`, {
      indicators: [{ indicatorId: '00000000-0000-4000-8000-000000000abc', value: 3 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/不属于本规划/);
  });

  test('progress rolls up the outline, weighted by task weight when set', () => {
    const nodes = [
      { id: 'ch1', parentId: null, path: '一', title: '第一章' },
      { id: 's1', parentId: 'ch1', path: '一.1', title: '第一节' },
      { id: 's2', parentId: 'ch1', path: '一.2', title: '第二节' },
    ];
    const out = rollUpProgress(nodes, [
      { nodeId: 's1', weight: 3, status: 'assigned', percent: 100 },
      { nodeId: 's2', weight: 1, status: 'assigned', percent: 0 },
      { nodeId: 's2', weight: null, status: 'signed_off', percent: 40 },
      { nodeId: 's2', weight: 5, status: 'cancelled', percent: 0 },
    ]);
    expect(out.map((n) => [n.id, n.percent, n.tasks])).toEqual([
      ['ch1', 80, 3],
      ['s1', 100, 1],
      ['s2', 50, 2],
    ]);
  });
});

describe('revisions of a published plan', () => {
  test('a cancelled task and a removed unit leave the open work, the counts and the lights', async () => {
    const { coordinator, reporter, planningReporter, planId, tasks } = await publishedFuturePlan(ws);
    await runAt(ws, new Date(Date.now() + 200 * 86400_000), (ctx) => recomputeAllLights(ctx, planId));
    expect((await reporter.get('/api/inbox')).body.counts).toMatchObject({ report_due: 2, red_task: 2 });
    expect((await planningReporter.get('/api/inbox')).body.counts).toMatchObject({
      report_due: 1,
      red_task: 1,
    });
    const revised = futurePlanText()
      .split('\n')
      .filter((l) => !l.startsWith('2.'))
      .map((l) => l.replace('；责任单位：市自然资源规划局', ''))
      .join('\n');
    const re = await coordinator.post('/api/plans/import', { filename: '督办测试-修订.txt', text: revised });
    expect(re.status).toBe(201);
    const applied = await coordinator.post(`/api/plans/${re.body.id}/apply-revision`, {});
    expect(applied.status).toBe(200);
    // The publish hook recomputes lights as of today: the remaining task is no longer behind; the
    // cancelled task's red light left the unit's count with it (the hook), nothing stays counted.
    const t = (await reporter.get('/api/inbox')).body;
    expect(t.counts).toMatchObject({ report_due: 1, red_task: 0 });
    expect(t.items.filter((i: { kind: string }) => i.kind === 'red_task')).toEqual([]);
    expect(t.tasks.map((x: { taskId: string }) => x.taskId)).toEqual([tasks[0]!.id]);
    const p = (await planningReporter.get('/api/inbox')).body;
    expect(p.counts).toMatchObject({ report_due: 0, report_overdue: 0, red_task: 0 });
    expect(p.items).toEqual([]);
    const progress = (await coordinator.get(`/api/plans/${planId}/progress`)).body;
    expect(progress.counts).toMatchObject({ openReports: 1, redTasks: 0 });
  });
});
