import { eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { useTestWorkspace } from '../../../testing/workspace.js';
import { refreshAllPlanProgress } from '../repository.js';
import { reports } from '../schema.js';
import { fullContent, publishedFuturePlan, type Report } from './fixtures.js';

const ws = useTestWorkspace();

async function leadSlots(client: { get: (url: string) => Promise<{ body: { items: Report[] } }> }) {
  return (await client.get('/api/reports?open=true')).body.items.filter((r) => r.isLead);
}

test('plan progress follows each lead report: weighted mean of the tasks, kept up to date on submit, return and resubmit', async () => {
  const { coordinator, reporter, planId, tasks } = await publishedFuturePlan(ws);
  const progress = async () => (await coordinator.get(`/api/plans/${planId}/progress`)).body;
  expect(tasks).toHaveLength(2);
  const before = await progress();
  expect(before.progress).toBe(0);
  expect(Object.keys(before.counts)).not.toContain('weightTotal');

  const slots = await leadSlots(reporter);
  const [first, second] = tasks.map((t) => slots.find((s) => s.taskId === t.id)!);
  const submit = async (slot: Report, percent: number) => {
    const saved = await reporter.put(`/api/reports/${slot.id}`, {
      ...fullContent,
      percent,
      version: slot.version,
    });
    expect(saved.status).toBe(200);
    const sent = await reporter.post(`/api/reports/${slot.id}/submit`, { version: saved.body.version });
    expect(sent.status).toBe(200);
    return sent.body as Report;
  };
  // Two tasks of weight 1: 40 and 0 → 20; then 40 and 80 → 60.
  const sent = await submit(first!, 40);
  expect((await progress()).progress).toBe(20);
  // A saved draft does not count until it is submitted.
  const draft = await reporter.put(`/api/reports/${second!.id}`, {
    ...fullContent,
    percent: 80,
    version: second!.version,
  });
  expect(draft.status).toBe(200);
  expect((await progress()).progress).toBe(20);
  await reporter.post(`/api/reports/${second!.id}/submit`, { version: draft.body.version });
  expect((await progress()).progress).toBe(60);

  // Returned, corrected to 60 %, resubmitted: (60 + 80) / 2.
  const returned = await coordinator.post(`/api/reports/${first!.id}/return`, {
    reason: '请补充进度依据。',
    version: sent.version,
  });
  expect(returned.status).toBe(200);
  await submit({ ...first!, version: returned.body.version }, 60);
  const after = await progress();
  expect(after.progress).toBe(70);
  // The same figure as a recomputation from the tasks (the outline roll-up of the whole plan).
  const root = after.nodes.filter((n: { parentId: string | null }) => n.parentId === null);
  const weighted = root.reduce(
    (a: number, n: { percent: number | null; tasks: number }) => a + (n.percent ?? 0) * n.tasks,
    0,
  );
  expect(weighted / root.reduce((a: number, n: { tasks: number }) => a + n.tasks, 0)).toBe(70);

  // A bulk load that writes task states directly recomputes every plan's progress in one pass.
  await ws.db.execute(sql`update plan_states set weighted_percent_sum = 0, weight_total = 0, progress = 0`);
  await refreshAllPlanProgress(ws.db);
  expect((await progress()).progress).toBe(70);
});

test('a body with fields the route does not know is refused in Chinese, naming them, and nothing is saved', async () => {
  const { reporter } = await publishedFuturePlan(ws);
  const [slot] = await leadSlots(reporter);
  const res = await reporter.put(`/api/reports/${slot!.id}`, {
    ...fullContent,
    version: slot!.version,
    status: 'accepted',
    unitId: '00000000-0000-4000-8000-000000000000',
  });
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('validation.failed');
  expect(res.body.message).toBe('未知字段：status、unitId。请只提交表单中的字段。');
  const [row] = await ws.db.select().from(reports).where(eq(reports.id, slot!.id));
  expect(row!.status).toBe('pending');
  expect(row!.done).toBe('');
  // The same body without them is taken; the form's alias for the work status is a known field.
  const ok = await reporter.put(`/api/reports/${slot!.id}`, {
    ...fullContent,
    progressStatus: 'on_track',
    version: slot!.version,
  });
  expect(ok.status).toBe(200);
  const empty = await reporter.post(`/api/reports/${slot!.id}/submit`, {
    version: ok.body.version,
    force: true,
  });
  expect(empty.status).toBe(400);
  expect(empty.body.message).toContain('未知字段：force');
});

test('a retried submit racing the first one (same Idempotency-Key) gets the first answer, not a conflict', async () => {
  const { reporter } = await publishedFuturePlan(ws);
  const [slot] = await leadSlots(reporter);
  const saved = await reporter.put(`/api/reports/${slot!.id}`, { ...fullContent, version: slot!.version });
  const headers = { 'idempotency-key': `race-${slot!.id}` };
  const body = { version: saved.body.version };
  // On PostgreSQL both run at once: the retry must wait for the first to commit, then replay it.
  const answers = await Promise.all([
    reporter.post(`/api/reports/${slot!.id}/submit`, body, headers),
    reporter.post(`/api/reports/${slot!.id}/submit`, body, headers),
    reporter.post(`/api/reports/${slot!.id}/submit`, body, headers),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  expect(answers[1].body).toEqual(answers[0].body);
  expect(answers[2].body).toEqual(answers[0].body);
  expect(answers[0].body.status).toBe('submitted');
  const submits = await ws.db.select().from(reports).where(eq(reports.id, slot!.id));
  expect(submits[0]!.version).toBe(saved.body.version + 1);
});
