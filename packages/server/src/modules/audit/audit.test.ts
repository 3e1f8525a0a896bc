import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestWorkspace } from '../../testing/workspace.js';
import { verifyAuditChain } from './verify.js';
import { insertUnsealedAuditEvents } from './append.js';
import { sealAuditEvents } from './seal.js';
import { rows } from '../../db/client.js';
import type { Actor } from '../../policy.js';

const SYSTEM: Actor = { kind: 'system', name: '测试' };

const ws = useTestWorkspace();

/** Three accounts created through the API: three user.create events (plus logins). */
async function someHistory() {
  const admin = await ws.as(['admin']);
  for (const name of ['a1', 'a2', 'a3']) {
    const res = await admin.post('/api/users', {
      username: name,
      name,
      password: 'password-123',
      roles: ['reporter'],
      unitId: null,
    });
    expect(res.status).toBe(201);
  }
  return admin;
}

describe('audit chain', () => {
  test('an intact chain verifies, through the API and the function the CLI uses', async () => {
    const admin = await someHistory();
    const res = await admin.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.ok).toBe(true);
    expect(res.body.events).toBeGreaterThanOrEqual(4);
    expect((await verifyAuditChain(ws.db)).ok).toBe(true);
  });

  test('an altered event is caught', async () => {
    const admin = await someHistory();
    await ws.db.execute(
      sql`update audit_events set after = jsonb_set(after, '{name}', '"篡改"') where action = 'user.create' and after->>'username' = 'a2'`,
    );
    const res = await admin.get('/api/audit/verify');
    expect(res.body.ok).toBe(false);
    expect(res.body.problems.map((p: { problem: string }) => p.problem)).toContain('altered');
  });

  test('a removed event in the middle is caught', async () => {
    await someHistory();
    await ws.db.execute(sql`delete from audit_events where seq = 2`);
    const result = await verifyAuditChain(ws.db);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['missing', 'broken-link']));
  });

  test('a removed last event is caught', async () => {
    await someHistory();
    await ws.db.execute(sql`delete from audit_events where seq = (select max(seq) from audit_events)`);
    const result = await verifyAuditChain(ws.db);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem)).toContain('truncated');
  });

  test('an event rewritten with a recomputed own hash still breaks the link to the next one', async () => {
    await someHistory();
    await ws.db.execute(
      sql`update audit_events set action = 'user.delete', hash = md5('x') || md5('y') where seq = 2`,
    );
    const result = await verifyAuditChain(ws.db);
    expect(result.problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['altered', 'broken-link']));
  });

  test('units read only the events about their own unit; coordinators read all', async () => {
    const admin = await someHistory();
    const reporter = await ws.as(['reporter']);
    const coordinator = await ws.as(['coordinator']);
    const all = await coordinator.get('/api/audit?entityType=user');
    expect(all.body.items.length).toBeGreaterThanOrEqual(4);
    const own = await reporter.get('/api/audit?entityType=user');
    expect(own.status).toBe(200);
    expect(own.body.items.every((e: { unitId: string }) => e.unitId === reporter.user.unitId)).toBe(true);
    expect(own.body.items.length).toBeGreaterThan(0); // its own login
    expect(admin.user.unitId).not.toBe(reporter.user.unitId);
  });
});

describe('sealing (docs/adr/0006)', () => {
  const unsealed = async () =>
    (await rows<{ n: number }>(ws.db, sql`select count(*)::int as n from audit_events where seq is null`))[0]!
      .n;

  test('every answered write is in the chain: nothing is left unsealed, and the events are in write order', async () => {
    const admin = await someHistory();
    expect(await unsealed()).toBe(0);
    const list = await admin.get('/api/audit?entityType=user&limit=50');
    const creates = list.body.items.filter((e: { action: string }) => e.action === 'user.create');
    expect(creates.map((e: { after: { username: string } }) => e.after.username)).toEqual(['a3', 'a2', 'a1']);
  });

  test('events a seal did not reach (a crash right after commit) are sealed by verify, after the sealed ones, in write order', async () => {
    await someHistory();
    const [head] = await rows<{ seq: number }>(ws.db, sql`select seq::int as seq from audit_head`);
    const headBefore = head!.seq;
    await ws.db.transaction((tx) =>
      insertUnsealedAuditEvents(tx, SYSTEM, new Date(), [
        { action: 'test.first', entityType: 'test', entityId: '1' },
        { action: 'test.second', entityType: 'test', entityId: '2' },
      ]),
    );
    expect(await unsealed()).toBe(2);
    const result = await verifyAuditChain(ws.db);
    expect(result.problems).toEqual([]);
    expect(await unsealed()).toBe(0);
    const sealed = await rows<{ seq: number; action: string }>(
      ws.db,
      sql`select seq::int as seq, action from audit_events where entity_type = 'test' order by seq`,
    );
    expect(sealed).toEqual([
      { seq: headBefore + 1, action: 'test.first' },
      { seq: headBefore + 2, action: 'test.second' },
    ]);
    expect(await sealAuditEvents(ws.db)).toBe(0);
  });

  test('a sealed event taken out of the chain (its seal removed) is caught', async () => {
    await someHistory();
    await ws.db.execute(sql`update audit_events set seq = null, prev_hash = null, hash = null where seq = 2`);
    const result = await verifyAuditChain(ws.db);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem)).toContain('missing');
  });
});

describe('audit chain under concurrent writes', () => {
  test('twenty writes at once all land, in one unbroken chain', async () => {
    const admin = await ws.as(['admin']);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.post('/api/units', { name: `并发测试单位${i}`, level: 'other', kind: 'other' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const check = await admin.get('/api/audit/verify');
    expect(check.body.problems).toEqual([]);
    const creates = await admin.get('/api/audit?entityType=unit&limit=50');
    expect(creates.body.items.filter((e: { action: string }) => e.action === 'unit.create')).toHaveLength(20);
  });
});
