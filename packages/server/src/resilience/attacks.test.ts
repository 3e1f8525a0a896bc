import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { CSRF_COOKIE, LIMITS, ROLES, SESSION_COOKIE } from '@xietong/shared';
import { rows } from '../db/client.js';
import { buildUser, TEST_PASSWORD } from '../testing/factories.js';
import { concreteUrl } from '../testing/matrix.js';
import { useTestWorkspace } from '../testing/workspace.js';
import { CHINESE, multipart, publishedPlan, slotsOf } from './fixtures.js';

// Issue 6, authorization attacks beyond the route matrix (http/__tests__/routes.test.ts) and the
// CSRF cases of modules/access/access.test.ts: session fixation, CSRF on every state-changing
// route of the route table, another unit's draft, attachment ids guessed or borrowed, login brute
// force across accounts.

const ws = useTestWorkspace();

const login = (payload: object, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  ws.app.inject({ method: 'POST', url: '/api/session', payload, headers, remoteAddress });

const whoIs = async (token: string) =>
  (await ws.app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION_COOKIE]: token } })).json<{
    user: { username: string } | null;
  }>().user?.username ?? null;

describe('session fixation', () => {
  test('a session id planted before login is not honoured after it; the cookie and CSRF token rotate', async () => {
    const victim = await buildUser(ws.db, { roles: ['coordinator'] });
    const planted = 'attacker-chosen-session-id-0123456789abcdef';
    const res = await login(
      { username: victim.username, password: TEST_PASSWORD },
      { cookie: `${SESSION_COOKIE}=${planted}; ${CSRF_COOKIE}=attacker-csrf` },
    );
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(issued).not.toBe(planted);
    expect(res.cookies.find((c) => c.name === CSRF_COOKIE)!.value).not.toBe('attacker-csrf');
    expect(await whoIs(planted)).toBeNull();
    expect(await whoIs(issued)).toBe(victim.username);
  });

  test("an attacker's own live session handed to the victim does not become the victim's", async () => {
    const attacker = await ws.as(['reporter']);
    const victim = await buildUser(ws.db, { roles: ['coordinator'] });
    const fixed = attacker.cookie!;
    const res = await login(
      { username: victim.username, password: TEST_PASSWORD },
      { cookie: `${SESSION_COOKIE}=${fixed}` },
    );
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(issued).not.toBe(fixed);
    // The attacker's cookie still names the attacker: it never gains the coordinator's rights.
    expect(await whoIs(fixed)).toBe(attacker.user.username);
    expect((await attacker.get('/api/users')).status).toBe(403);
    expect(await whoIs(issued)).toBe(victim.username);
  });
});

describe('CSRF on every state-changing route', () => {
  test('each POST, PUT, PATCH and DELETE in the route table refuses a signed-in request without the token or with another session’s', async () => {
    const caller = await ws.as([...ROLES]);
    const other = await ws.as(['reporter']);
    const routes = ws.app.routeTable.filter((r) => r.method !== 'GET' && !r.csrfExempt);
    expect(routes.length).toBeGreaterThan(30);
    const accepted: string[] = [];
    for (const route of routes) {
      const url = concreteUrl(route.url);
      for (const token of ['', other.csrf!]) {
        const res = await caller.request(route.method, url, {}, { 'x-csrf-token': token });
        if (res.status !== 403 || res.body.code !== 'csrf.invalid')
          accepted.push(`${route.method} ${route.url} (${token ? 'other session' : 'none'}): ${res.status}`);
      }
    }
    expect(accepted).toEqual([]);
    // The caller's session is intact (the refused DELETE /api/session did not sign it out).
    expect((await caller.get('/api/session')).body.user.username).toBe(caller.user.username);
  });
});

/** A plan with one task: lead unit 0, responsible unit 1; unit 2 has nothing to do with it. */
async function threeUnits() {
  const { planId, units } = await publishedPlan(ws, { units: 3, tasks: 1 });
  const slots = await slotsOf(ws, planId);
  const draft = slots.find((s) => s.unit_id === units[1]!.id)!;
  const owner = await ws.as(['reporter'], { unitId: units[1]!.id });
  const outsider = await ws.as(['reporter'], { unitId: units[2]!.id });
  const outsiderLeader = await ws.as(['unit_leader'], { unitId: units[2]!.id });
  return { planId, units, draft, owner, outsider, outsiderLeader };
}

const SECRET = '内部草稿：本单位尚未核实的数据 7f3a9c';

describe("another unit's draft report", () => {
  test('is neither readable, editable, submittable nor signable by another unit, and leaks through no list', async () => {
    const s = await threeUnits();
    const saved = await s.owner.put(`/api/reports/${s.draft.id}`, { done: SECRET, percent: 30 });
    expect(saved.status).toBe(200);
    const version = saved.body.version as number;
    const attempts = [
      await s.outsider.get(`/api/reports/${s.draft.id}`),
      await s.outsider.put(`/api/reports/${s.draft.id}`, { version, done: '篡改' }),
      await s.outsider.post(`/api/reports/${s.draft.id}/submit`, { version }),
      await s.outsiderLeader.post(`/api/reports/${s.draft.id}/sign`, { version }),
      await s.outsider.post(`/api/reports/${s.draft.id}/attachments`, ...multipart('篡改.txt', '篡改')),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
      expect(res.body.message).toMatch(CHINESE);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    const [row] = await rows<{ done: string; version: number; submitted: boolean; n: number }>(
      ws.db,
      sql`select done, version, submitted_at is not null submitted,
                 (select count(*)::int from report_attachments where report_id = r.id) n
          from reports r where id = ${s.draft.id}`,
    );
    expect(row).toEqual({ done: SECRET, version, submitted: false, n: 0 });

    // Every GET route the outsider can call, with every id of the plan in every path parameter.
    const [task] = await rows<{ id: string }>(ws.db, sql`select id from tasks where plan_id = ${s.planId}`);
    const ids = [s.planId, task!.id, s.draft.id, ...s.units.map((u) => u.id)];
    const leaks: string[] = [];
    for (const route of ws.app.routeTable.filter((r) => r.method === 'GET')) {
      const params = route.url.match(/:[A-Za-z_]+/g) ?? [];
      const urls = params.length ? ids.map((id) => route.url.replace(/:[A-Za-z_]+/g, id)) : [route.url];
      for (const url of urls) {
        for (const query of ['', `?planId=${s.planId}`, `?unitId=${s.units[1]!.id}`, '?open=true']) {
          const res = await s.outsider.get(url + query);
          expect(res.status, `${url}${query}`).toBeLessThan(500);
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          if (text.includes(SECRET) || text.includes('本单位尚未核实')) leaks.push(`${url}${query}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The owner does see it (the check above can fail).
    expect((await s.owner.get(`/api/reports/${s.draft.id}`)).body.done).toBe(SECRET);
  });
});

describe('attachment download', () => {
  test('guessed ids find nothing; a valid id of another unit is refused; ids are not sequential', async () => {
    const s = await threeUnits();
    const first = await s.owner.post(
      `/api/reports/${s.draft.id}/attachments`,
      ...multipart('证明.txt', SECRET),
    );
    const second = await s.owner.post(
      `/api/reports/${s.draft.id}/attachments`,
      ...multipart('证明2.txt', '2'),
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const id = first.body.id as string;
    expect((await s.owner.get(`/api/attachments/${id}`)).body).toBe(SECRET);

    // A valid id of another unit's attachment: refused, without the content.
    for (const client of [s.outsider, s.outsiderLeader]) {
      const res = await client.get(`/api/attachments/${id}`);
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(CHINESE);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    const anonymous = await ws.client().get(`/api/attachments/${id}`);
    expect(anonymous.status).toBe(401);
    expect(String(anonymous.body)).not.toContain(SECRET);

    // Ids are random UUIDs: neighbours of a valid id and random guesses find nothing.
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const hex = (n: bigint) => n.toString(16).padStart(32, '0');
    const asUuid = (h: string) =>
      `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    const n = BigInt(`0x${id.replaceAll('-', '')}`);
    const guesses = [
      ...[-2n, -1n, 1n, 2n].map((d) => asUuid(hex(n + d))),
      ...Array.from({ length: 50 }, () => randomUUID()),
      '00000000-0000-0000-0000-000000000001',
      '1',
      '../reports',
      `${id}'--`,
    ];
    expect(guesses).not.toContain(second.body.id);
    for (const guess of guesses) {
      const res = await s.outsider.get(`/api/attachments/${encodeURIComponent(guess)}`);
      expect([400, 404]).toContain(res.status);
      expect(res.body.message).toMatch(CHINESE);
    }
  });
});

describe('login brute force', () => {
  test('guessing passwords across many accounts from one address is stopped, spoofed forwarding headers do not help', async () => {
    const target = await buildUser(ws.db);
    const perAddress = LIMITS.loginFailures * 10;
    // Password spraying: one wrong guess per (mostly unknown) account, never five on one account.
    for (let i = 0; i < perAddress; i++) {
      const res = await login({ username: `guess-${i}`, password: `spray-${i}` });
      expect(res.statusCode).toBe(401);
      expect(res.json<{ code: string }>().code).toBe('auth.invalid_credentials');
    }
    const blocked = await login({ username: target.username, password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<{ message: string }>().message).toMatch(/分钟后再试/);
    expect(blocked.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    // The server does not trust X-Forwarded-For unless configured to: a forged one changes nothing.
    const forged = await login(
      { username: target.username, password: TEST_PASSWORD },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    expect(forged.statusCode).toBe(429);
    // Another address is not locked out.
    const elsewhere = await login({ username: target.username, password: TEST_PASSWORD }, {}, '198.51.100.7');
    expect(elsewhere.statusCode).toBe(200);
  });

  test('the lock on one account from one address holds for the right password and for every later guess', async () => {
    const target = await buildUser(ws.db);
    for (let i = 0; i < LIMITS.loginFailures; i++)
      expect((await login({ username: target.username, password: `wrong-${i}` })).statusCode).toBe(401);
    for (const password of [TEST_PASSWORD, 'wrong-again', TEST_PASSWORD]) {
      const res = await login({ username: target.username, password });
      expect(res.statusCode).toBe(429);
      expect(res.json<{ code: string }>().code).toBe('auth.rate_limited');
    }
    // Case and surrounding spaces do not open a second counter for the same account.
    for (const variant of [target.username.toUpperCase(), ` ${target.username} `]) {
      const res = await login({ username: variant, password: TEST_PASSWORD });
      expect(res.statusCode).not.toBe(200);
    }
    // The refused tries opened no session.
    const [sessions] = await rows<{ n: number }>(
      ws.db,
      sql`select count(*)::int n from sessions s join users u on u.id = s.user_id where u.username = ${target.username}`,
    );
    expect(sessions!.n).toBe(0);
    // Still usable by its owner from their own address.
    expect(
      (await login({ username: target.username, password: TEST_PASSWORD }, {}, '198.51.100.8')).statusCode,
    ).toBe(200);
  });
});
