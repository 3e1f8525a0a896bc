import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { tasks } from '../plans/schema.js';
import { taskStates } from '../reporting/schema.js';
import { publishedDemoPlan, publishedFuturePlan, runAt } from '../reporting/__tests__/fixtures.js';
import { recomputeAllLights } from './lights.js';

const ws = useTestWorkspace();
const later = (days: number) => new Date(Date.now() + days * 86400_000);

describe('lights dashboard', () => {
  test('pages through the lit tasks in one order (red first, then by path), each page with its reasons', async () => {
    const { coordinator, planId } = await publishedFuturePlan(ws);
    await runAt(ws, later(200), (ctx) => recomputeAllLights(ctx, planId));
    const all = (await coordinator.get(`/api/supervision/lights?planId=${planId}`)).body.tasks as {
      taskId: string;
      light: string;
      reasons: unknown[];
      actions: string[];
    }[];
    expect(all.length).toBe(2);
    const first = (await coordinator.get(`/api/supervision/lights?planId=${planId}&limit=1`)).body.tasks;
    const second = (await coordinator.get(`/api/supervision/lights?planId=${planId}&limit=1&offset=1`)).body
      .tasks;
    const past = (await coordinator.get(`/api/supervision/lights?planId=${planId}&limit=1&offset=2`)).body
      .tasks;
    expect([...first, ...second]).toEqual(all);
    expect(past).toEqual([]);
    expect(all.every((t) => t.reasons.length > 0 && t.actions.includes('notice.issue'))).toBe(true);
    const bad = await coordinator.get(`/api/supervision/lights?planId=${planId}&offset=-1`);
    expect(bad.status).toBe(400);
  });

  test('red then yellow, each by path: pages of every size across the boundary give the same list', async () => {
    const { coordinator, planId } = await publishedDemoPlan(ws);
    const rows = await ws.db
      .select({ id: tasks.id, path: tasks.path })
      .from(tasks)
      .where(eq(tasks.planId, planId));
    expect(rows.length).toBeGreaterThan(6);
    const colours = ['yellow', 'red', 'green'];
    for (const [i, r] of rows.entries())
      await ws.db
        .update(taskStates)
        .set({ light: colours[i % 3]! })
        .where(eq(taskStates.taskId, r.id));
    const byPath = (a: { id: string; path: string }, b: { id: string; path: string }) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    const of = (c: string) =>
      rows
        .filter((_, i) => colours[i % 3] === c)
        .sort(byPath)
        .map((r) => r.id);
    const expected = [...of('red'), ...of('yellow')];
    for (const scope of [`planId=${planId}&`, '']) {
      const all = (await coordinator.get(`/api/supervision/lights?${scope}`)).body.tasks as {
        taskId: string;
      }[];
      expect(all.map((t) => t.taskId)).toEqual(expected);
      for (const size of [1, 2, 3, 4]) {
        const paged: string[] = [];
        for (let offset = 0; offset < expected.length + size; offset += size) {
          const page = (
            await coordinator.get(`/api/supervision/lights?${scope}limit=${size}&offset=${offset}`)
          ).body.tasks as { taskId: string }[];
          expect(page.length).toBeLessThanOrEqual(size);
          paged.push(...page.map((t) => t.taskId));
        }
        expect(paged, `page size ${size}`).toEqual(expected);
      }
      const yellow = (await coordinator.get(`/api/supervision/lights?${scope}light=yellow&offset=1&limit=2`))
        .body.tasks as { taskId: string }[];
      expect(yellow.map((t) => t.taskId)).toEqual(of('yellow').slice(1, 3));
    }
  });
});
