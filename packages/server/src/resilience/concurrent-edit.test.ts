import { expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { useTestWorkspace } from '../testing/workspace.js';
import { CHINESE, publishedPlan, slotsOf } from './fixtures.js';

const ws = useTestWorkspace();

test('two sessions save the same report at once: one 409 with the latest content, no update lost', async () => {
  const { planId, units } = await publishedPlan(ws, { units: 2, tasks: 1 });
  const slot = (await slotsOf(ws, planId)).find((s) => s.unit_id === units[0]!.id)!;
  const alice = await ws.as(['reporter'], { unitId: units[0]!.id });
  const bob = await ws.as(['reporter'], { unitId: units[0]!.id });
  const { version } = (await alice.get(`/api/reports/${slot.id}`)).body as { version: number };

  const [a, b] = await Promise.all([
    alice.put(`/api/reports/${slot.id}`, {
      version,
      workStatus: 'in_progress',
      percent: 30,
      done: '甲：完成可研批复。',
    }),
    bob.put(`/api/reports/${slot.id}`, {
      version,
      workStatus: 'lagging',
      percent: 10,
      done: '乙：征地拆迁滞后。',
    }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const [won, lost, loserClient] = a.status === 200 ? [a, b, bob] : [b, a, alice];
  expect(lost.body.code).toBe('conflict.stale');
  expect(lost.body.message).toMatch(CHINESE);
  // The loser is told what the report holds now, and gets their own text back.
  expect(lost.body.details.current.version).toBe(version + 1);
  expect(lost.body.details.current.done).toBe(won.body.done);
  expect(lost.body.details.mine.done).not.toBe(won.body.done);

  // The winner's save is what the report holds.
  const now = await alice.get(`/api/reports/${slot.id}`);
  expect(now.body.version).toBe(version + 1);
  expect(now.body.done).toBe(won.body.done);

  // The loser merges and saves on the new version: both saves are kept in order, none lost.
  const retry = await loserClient.put(`/api/reports/${slot.id}`, {
    version: version + 1,
    done: `${won.body.done}${lost.body.details.mine.done}`,
  });
  expect(retry.status).toBe(200);
  expect(retry.body.version).toBe(version + 2);
  const saves = await rows<{ n: number }>(
    ws.db,
    sql`select count(*)::int n from audit_events where entity_type = 'report' and entity_id = ${slot.id} and action = 'report.save'`,
  );
  expect(saves[0]!.n).toBe(2);
  const final = await bob.get(`/api/reports/${slot.id}`);
  expect(final.body.done).toContain('甲：完成可研批复。');
  expect(final.body.done).toContain('乙：征地拆迁滞后。');
});

test('a stale submit is refused with 409 and does not submit', async () => {
  const { planId, units } = await publishedPlan(ws, { units: 2, tasks: 1 });
  const slot = (await slotsOf(ws, planId)).find((s) => s.unit_id === units[0]!.id)!;
  const alice = await ws.as(['reporter'], { unitId: units[0]!.id });
  const bob = await ws.as(['reporter'], { unitId: units[0]!.id });
  const saved = await alice.put(`/api/reports/${slot.id}`, {
    version: slot.version,
    workStatus: 'in_progress',
    percent: 30,
    done: '完成可研批复。',
  });
  expect(saved.status).toBe(200);
  // Bob still has the version from before Alice's save.
  const stale = await bob.post(`/api/reports/${slot.id}/submit`, { version: slot.version });
  expect(stale.status).toBe(409);
  expect(stale.body.message).toMatch(CHINESE);
  expect((await bob.get(`/api/reports/${slot.id}`)).body.status).toBe('draft');
});
