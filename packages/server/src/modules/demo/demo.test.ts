import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { TestClient } from '../../testing/client.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo, removeDemo } from './demo.js';

const ws = useTestWorkspace();

describe('demo workspace', () => {
  test('loads a published demo plan whose every task reaches its units, and one account per role', async () => {
    const demo = await ws.run((ctx) => loadDemo(ctx));
    const roles = new Set(DEMO_ACCOUNTS.flatMap((a) => a.roles));
    expect([...roles].sort()).toEqual([
      'admin',
      'coordinator',
      'evaluator',
      'leader',
      'reporter',
      'unit_leader',
    ]);

    const coordinator = await new TestClient(ws.app).login('coordinator', DEMO_PASSWORD);
    const plan = await coordinator.get(`/api/plans/${demo.planId}`);
    expect(plan.body.status).toBe('published');
    expect(plan.body.tasks.length).toBeGreaterThanOrEqual(8);
    expect(plan.body.proposedUnits).toEqual([]);
    for (const t of plan.body.tasks) {
      expect(t.units.length).toBeGreaterThan(0);
      expect(t.units.every((u: { assignment: string }) => u.assignment === 'assigned')).toBe(true);
    }
    expect(plan.body.cadences.map((c: { period: string }) => c.period)).toContain('monthly');

    for (const a of DEMO_ACCOUNTS) {
      const s = await (await new TestClient(ws.app).login(a.username, DEMO_PASSWORD)).get('/api/session');
      expect(s.body.user.roles).toEqual(a.roles);
      expect(s.body.user.unitName).toBe(a.unit);
    }
  });

  test('demo --remove takes the demo plan and accounts away and keeps the directory', async () => {
    await ws.run((ctx) => loadDemo(ctx));
    const removed = await ws.run((ctx) => removeDemo(ctx));
    expect(removed).toEqual({ plans: 1, accounts: DEMO_ACCOUNTS.length });
    const admin = await ws.as(['admin']);
    expect((await admin.get('/api/plans')).body.items).toEqual([]);
    expect(
      (await ws.client().post('/api/session', { username: 'coordinator', password: DEMO_PASSWORD })).status,
    ).toBe(401);
    expect((await admin.get('/api/units?q=武汉市交通运输局')).body.items).toHaveLength(1);
    expect((await admin.get('/api/audit/verify')).body.ok).toBe(true);
  });
});
