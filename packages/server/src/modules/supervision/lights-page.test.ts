import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { publishedFuturePlan, runAt } from '../reporting/__tests__/fixtures.js';
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
});
