import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { taskStates } from '../reporting/schema.js';
import {
  futurePlanText,
  publishedDemoPlan,
  TRANSPORT,
  type Report,
} from '../reporting/__tests__/fixtures.js';
import { csvField } from './present.js';

const ws = useTestWorkspace();

const SECRET_DONE = '内部进展：与某企业洽谈细节（不公开）';
const SECRET_PROBLEM = '内部问题：经费缺口1200万元';

/** The demo plan published, a draft plan beside it, and one report submitted and accepted. */
async function workspace() {
  const { coordinator, reporter, planId, transport } = await publishedDemoPlan(ws);
  const draft = await coordinator.post('/api/plans/import', {
    filename: '草稿方案.txt',
    text: futurePlanText(),
  });
  expect(draft.status).toBe(201);
  const list: Report[] = (await reporter.get('/api/reports?open=true')).body.items;
  const slot = list.find((r) => r.isLead && r.unitId === transport)!;
  const saved = await reporter.put(`/api/reports/${slot.id}`, {
    workStatus: 'in_progress',
    percent: 40,
    done: SECRET_DONE,
    problems: SECRET_PROBLEM,
    nextSteps: '下一步内部安排',
    version: slot.version,
  });
  expect(saved.status).toBe(200);
  const submitted = await reporter.post(`/api/reports/${slot.id}/submit`, { version: saved.body.version });
  expect(submitted.status).toBe(200);
  const accepted = await coordinator.post(`/api/reports/${slot.id}/accept`, {
    version: submitted.body.version,
  });
  expect(accepted.status).toBe(200);
  return {
    planId,
    draftId: draft.body.id as string,
    draftTitle: draft.body.title as string,
    taskId: slot.taskId,
    reporter,
    coordinator,
  };
}

describe('public read (公开, no login)', () => {
  test('lists only published plans, with tasks, units, progress, status and light — paged', async () => {
    const { planId, draftId, taskId } = await workspace();
    const anon = ws.client();
    const plans = await anon.get('/api/public/plans');
    expect(plans.status).toBe(200);
    expect(plans.body.total).toBe(1);
    expect(plans.body.items.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect(plans.body.items[0].title).toContain('武汉城市圈同城化发展2026年重点任务清单');
    expect(plans.body.items[0].taskCount).toBe(9);
    expect(plans.body.items[0].progress).toBeGreaterThan(0);
    expect(plans.body.items.some((p: { id: string }) => p.id === draftId)).toBe(false);

    const first = await anon.get(`/api/public/plans/${planId}/tasks?limit=4`);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(9);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.items[0].text).toContain('推进城市圈环线高速公路建设');
    expect(first.body.items[0].leadUnits).toEqual([TRANSPORT]);
    expect(first.body.items[0].responsibleUnits).toContain('武汉市自然资源和规划局');
    const task = first.body.items.find((t: { id: string }) => t.id === taskId);
    expect(task).toMatchObject({
      percent: 40,
      workStatus: 'in_progress',
      workStatusLabel: '推进中',
      status: 'assigned',
      statusLabel: '已交办',
    });
    expect(['green', 'yellow', 'red']).toContain(task.light);

    const rest = await anon.get(`/api/public/plans/${planId}/tasks?limit=4&offset=4`);
    expect(rest.body.items).toHaveLength(4);
    const last = await anon.get(`/api/public/plans/${planId}/tasks?limit=4&offset=8`);
    expect(last.body.items).toHaveLength(1);
    const ids = [...first.body.items, ...rest.body.items, ...last.body.items].map(
      (t: { id: string }) => t.id,
    );
    expect(new Set(ids).size).toBe(9);
  });

  test('drafts, report text and light reasons never leak', async () => {
    const { planId, draftId, draftTitle } = await workspace();
    const anon = ws.client();
    for (const url of [
      `/api/public/plans/${draftId}`,
      `/api/public/plans/${draftId}/tasks`,
      `/api/public/plans/${draftId}/tasks.csv`,
      `/api/public/plans/${draftId}/tasks.json`,
    ]) {
      const res = await anon.get(url);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe('plan.not_found');
    }
    const bodies = [
      await anon.get('/api/public/plans'),
      await anon.get(`/api/public/plans/${planId}`),
      await anon.get(`/api/public/plans/${planId}/tasks?limit=200`),
      await anon.get(`/api/public/plans/${planId}/tasks.csv`),
      await anon.get(`/api/public/plans/${planId}/tasks.json`),
    ].map((r) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body)));
    for (const body of bodies) {
      expect(body).not.toContain(SECRET_DONE);
      expect(body).not.toContain(SECRET_PROBLEM);
      expect(body).not.toContain('下一步内部安排');
      expect(body).not.toContain(draftTitle);
      expect(body).not.toContain(draftId);
      expect(body).not.toMatch(/lightReasons|逾期未报|returnReason/);
    }
  });

  test('only accepted (审核通过) figures are public: a submitted report shows once it is accepted', async () => {
    const { planId, taskId, reporter, coordinator } = await workspace();
    const anon = ws.client();
    const before = (await anon.get(`/api/public/plans/${planId}`)).body.progress as number;
    expect(before).toBeGreaterThan(0);
    // A second lead slot of the same unit: saved and submitted at 90 %, not yet accepted.
    const open: Report[] = (await reporter.get('/api/reports?open=true')).body.items;
    const slot = open.find((r) => r.isLead && r.taskId !== taskId && r.status === 'pending')!;
    expect(slot).toBeDefined();
    const saved = await reporter.put(`/api/reports/${slot.id}`, {
      workStatus: 'completed',
      percent: 90,
      done: '已完成',
      problems: '无',
      nextSteps: '无',
      version: slot.version,
    });
    expect(saved.status).toBe(200);
    const submitted = await reporter.post(`/api/reports/${slot.id}/submit`, { version: saved.body.version });
    expect(submitted.status).toBe(200);
    const taskOf = async () =>
      ((await anon.get(`/api/public/plans/${planId}/tasks?limit=200`)).body.items as { id: string }[]).find(
        (t) => t.id === slot.taskId,
      );
    // The maintained (reported) state already has 90 %; the public page does not.
    const reported = await ws.db.select().from(taskStates).where(eq(taskStates.taskId, slot.taskId));
    expect(reported[0]?.percent).toBe(90);
    expect(await taskOf()).toMatchObject({ percent: null, workStatus: null, workStatusLabel: null });
    expect((await anon.get(`/api/public/plans/${planId}`)).body.progress).toBe(before);
    expect((await anon.get('/api/public/plans')).body.items[0].progress).toBe(before);
    const csv = String((await anon.get(`/api/public/plans/${planId}/tasks.csv`)).body);
    expect(csv).not.toMatch(/,90,已完成,/);

    const accepted = await coordinator.post(`/api/reports/${slot.id}/accept`, {
      version: submitted.body.version,
    });
    expect(accepted.status).toBe(200);
    expect(await taskOf()).toMatchObject({ percent: 90, workStatus: 'completed', workStatusLabel: '已完成' });
    const after = (await anon.get(`/api/public/plans/${planId}`)).body.progress as number;
    expect(after).toBeGreaterThan(before);
    expect((await anon.get('/api/public/plans')).body.items[0].progress).toBe(after);
  });

  test('CSV (UTF-8 with BOM, one line per task) and JSON downloads', async () => {
    const { planId } = await workspace();
    const anon = ws.client();
    const csv = await anon.get(`/api/public/plans/${planId}/tasks.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv; charset=utf-8/);
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment;.*filename\*=UTF-8''/);
    const text = String(csv.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(
      '编号,任务内容,牵头单位,责任单位,配合单位,完成时限,完成进度（%）,办理情况,亮灯,任务状态',
    );
    expect(lines[1]).toContain('推进城市圈环线高速公路建设');
    expect(lines[1]).toContain(`${TRANSPORT},`);
    expect(lines.filter((l) => /,40,推进中,(绿灯|黄灯|红灯),已交办$/.test(l))).toHaveLength(1);

    const json = await anon.get(`/api/public/plans/${planId}/tasks.json`);
    expect(json.status).toBe(200);
    expect(json.body.plan.id).toBe(planId);
    expect(json.body.tasks).toHaveLength(9);
    expect(json.body.tasks.filter((t: { percent: number | null }) => t.percent === 40)).toHaveLength(1);
  });

  test('unknown plans answer 404 in Chinese; CSV cells never run as formulas', async () => {
    const res = await ws.client().get('/api/public/plans/00000000-0000-4000-8000-000000000001/tasks');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/找不到该已发布的规划/);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(null)).toBe('');
  });
});
