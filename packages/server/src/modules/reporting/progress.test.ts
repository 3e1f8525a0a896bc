import { asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { planNodes, tasks } from '../plans/schema.js';
import { fullContent, publishedDemoPlan, type Report } from './__tests__/fixtures.js';
import { planProgressNodes, rollUpProgress } from './progress.js';
import { taskStates } from './schema.js';

const ws = useTestWorkspace();

/** The roll-up computed from scratch, for comparison. */
async function fromScratch(planId: string) {
  const nodes = await ws.db
    .select({ id: planNodes.id, parentId: planNodes.parentId, path: planNodes.path, title: planNodes.title })
    .from(planNodes)
    .where(eq(planNodes.planId, planId))
    .orderBy(asc(planNodes.ord));
  const taskRows = await ws.db
    .select({ nodeId: tasks.nodeId, weight: tasks.weight, status: tasks.status, percent: taskStates.percent })
    .from(tasks)
    .leftJoin(taskStates, eq(taskStates.taskId, tasks.id))
    .where(eq(tasks.planId, planId));
  return rollUpProgress(nodes, taskRows);
}

describe('memoised progress roll-up', () => {
  test('answers what a recomputation gives, before and after a report and a weight change', async () => {
    const { coordinator, reporter, planId, transport } = await publishedDemoPlan(ws);
    const before = await ws.run((ctx) => planProgressNodes(ctx.tx, planId));
    expect(before).toEqual(await fromScratch(planId));
    expect(before.every((n) => n.percent === null || n.percent === 0)).toBe(true);

    // A submitted and accepted lead report moves its task's percent: the next read sees it.
    const slot = (await reporter.get('/api/reports?open=true')).body.items.find(
      (r: Report) => r.isLead && r.unitId === transport,
    ) as Report;
    const saved = await reporter.put(`/api/reports/${slot.id}`, { ...fullContent, version: slot.version });
    const submitted = await reporter.post(`/api/reports/${slot.id}/submit`, { version: saved.body.version });
    expect(submitted.status).toBe(200);
    const review = (await coordinator.get(`/api/reports/${slot.id}`)).body;
    expect(
      (await coordinator.post(`/api/reports/${slot.id}/accept`, { version: review.version })).status,
    ).toBe(200);
    const after = await ws.run((ctx) => planProgressNodes(ctx.tx, planId));
    expect(after).toEqual(await fromScratch(planId));
    expect(after.some((n) => (n.percent ?? 0) > 0)).toBe(true);

    // A change of weight alone (same percent everywhere) changes the weighted roll-up too.
    const [task] = await ws.db.select().from(tasks).where(eq(tasks.id, slot.taskId));
    await ws.db.update(tasks).set({ weight: 50 }).where(eq(tasks.id, task!.id));
    const weighted = await ws.run((ctx) => planProgressNodes(ctx.tx, planId));
    expect(weighted).toEqual(await fromScratch(planId));
    expect(weighted).not.toEqual(after);
  });
});
