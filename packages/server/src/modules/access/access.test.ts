import { describe, expect, test } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE } from '@xietong/shared';
import { useTestWorkspace } from '../../testing/workspace.js';
import { buildUser, TEST_PASSWORD } from '../../testing/factories.js';
import { TestClient } from '../../testing/client.js';

const ws = useTestWorkspace();

describe('sessions', () => {
  test('login sets an HttpOnly SameSite=Lax session cookie and returns the user, actions and CSRF token', async () => {
    const user = await buildUser(ws.db, { roles: ['coordinator'], name: '张三' });
    const res = await ws.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const body = res.json();
    expect(body.user).toMatchObject({
      username: user.username,
      name: '张三',
      roles: ['coordinator'],
      unitId: user.unitId,
    });
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(res.cookies.find((c) => c.name === CSRF_COOKIE)?.value).toBe(body.csrfToken);
    expect(res.headers['x-csrf-token']).toBe(body.csrfToken);
  });

  test('the cookie is Secure when the request came over https behind a trusted proxy', async () => {
    const user = await buildUser(ws.db);
    // A separate app that trusts the proxy header.
    const { buildApp } = await import('../../http/app.js');
    const app = await buildApp({ db: ws.database, config: { ...ws.config, trustProxy: true } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    await app.close();
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
  });

  test('GET /api/session tells who is signed in; after logout the cookie no longer works', async () => {
    const client = await ws.as(['reporter']);
    const me = await client.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(client.user.username);
    expect(me.body.csrfToken).toBe(client.csrf);

    const out = await client.del('/api/session');
    expect(out.status).toBe(200);
    const after = await client.get('/api/session');
    expect(after.body.user).toBeNull();
    const denied = await client.get('/api/users');
    expect(denied.status).toBe(401);
    expect(denied.body.code).toBe('auth.required');
  });

  test('a wrong password is refused with a Chinese message and no cookie', async () => {
    const user = await buildUser(ws.db);
    const res = await ws
      .client()
      .post('/api/session', { username: user.username, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid_credentials');
    expect(res.body.message).toMatch(/用户名或密码不正确/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('an unknown user is refused the same way as a wrong password', async () => {
    const res = await ws.client().post('/api/session', { username: 'nobody', password: 'whatever' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid_credentials');
  });

  test('a disabled account cannot sign in', async () => {
    const user = await buildUser(ws.db, { active: false });
    const res = await ws.client().post('/api/session', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.account_disabled');
  });

  test('after five failed logins even the right password is refused for a while', async () => {
    const user = await buildUser(ws.db);
    const client = ws.client();
    for (let i = 0; i < 5; i++) {
      expect(
        (await client.post('/api/session', { username: user.username, password: `wrong${i}` })).status,
      ).toBe(401);
    }
    const blocked = await client.post('/api/session', { username: user.username, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.rate_limited');
    expect(blocked.body.message).toMatch(/分钟后再试/);
    // Another account from the same address is not locked out by these failures.
    const other = await buildUser(ws.db);
    expect(
      (await client.post('/api/session', { username: other.username, password: TEST_PASSWORD })).status,
    ).toBe(200);
  });

  test('malformed login bodies get a validation error naming the field', async () => {
    const res = await ws.client().post('/api/session', { username: '' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.message).toMatch(/password|username/);
  });
});

describe('CSRF', () => {
  test('a state-changing request without the CSRF header is refused; with it, it goes through', async () => {
    const admin = await ws.as(['admin']);
    const body = {
      username: 'newbie',
      name: '新人',
      password: 'long-enough-1',
      roles: ['reporter'],
      unitId: null,
    };
    const noHeader = await admin.post('/api/users', body, { 'x-csrf-token': '' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('csrf.invalid');
    const wrong = await admin.post('/api/users', body, { 'x-csrf-token': 'forged' });
    expect(wrong.body.code).toBe('csrf.invalid');
    const ok = await admin.post('/api/users', body);
    expect(ok.status).toBe(201);
    expect(ok.body.username).toBe('newbie');
  });

  test("another session's CSRF token does not work", async () => {
    const a = await ws.as(['admin']);
    const b = await ws.as(['admin']);
    const res = await a.del('/api/session', { 'x-csrf-token': b.csrf! });
    expect(res.body.code).toBe('csrf.invalid');
  });

  test('logging out needs the CSRF token too', async () => {
    const client = await ws.as(['reporter']);
    const bare = new TestClient(ws.app);
    bare.cookie = client.cookie;
    const res = await bare.del('/api/session');
    expect(res.status).toBe(403);
    expect((await client.get('/api/session')).body.user).not.toBeNull();
  });
});

describe('accounts', () => {
  test('an administrator creates an account that can then sign in; the event is audited', async () => {
    const admin = await ws.as(['admin']);
    const created = await admin.post('/api/users', {
      username: 'li.si',
      name: '李四',
      password: 'a-good-password',
      roles: ['coordinator'],
      unitId: admin.user.unitId,
    });
    expect(created.status).toBe(201);
    const li = await new TestClient(ws.app).login('li.si', 'a-good-password');
    expect((await li.get('/api/session')).body.user.roles).toEqual(['coordinator']);
    const audit = await admin.get(`/api/audit?entity=user:${created.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('user.create');
    expect(JSON.stringify(audit.body)).not.toContain('password');
  });

  test('a duplicate username is refused with 409', async () => {
    const admin = await ws.as(['admin']);
    const res = await admin.post('/api/users', {
      username: admin.user.username,
      name: 'x',
      password: 'a-good-password',
      roles: ['reporter'],
      unitId: null,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('user.username_taken');
  });

  test('session actions reflect the role', async () => {
    const admin = await ws.as(['admin']);
    const reporter = await ws.as(['reporter']);
    expect((await admin.get('/api/session')).body.actions).toContain('user.create');
    expect((await reporter.get('/api/session')).body.actions).not.toContain('user.create');
    expect((await ws.client().get('/api/session')).body.actions).toContain('session.create');
  });
});

describe('account changes', () => {
  test('deactivating an account ends its session; a new password replaces the old one', async () => {
    const admin = await ws.as(['admin']);
    const victim = await ws.as(['reporter']);
    const off = await admin.patch(`/api/users/${victim.user.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await victim.get('/api/session')).body.user).toBeNull();

    await admin.patch(`/api/users/${victim.user.id}`, {
      active: true,
      password: 'brand-new-pass',
      roles: ['reporter', 'unit_leader'],
    });
    expect(
      (await ws.client().post('/api/session', { username: victim.user.username, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    const again = await new TestClient(ws.app).login(victim.user.username, 'brand-new-pass');
    expect((await again.get('/api/session')).body.user.roles).toEqual(['reporter', 'unit_leader']);
    const audit = await admin.get(`/api/audit?entity=user:${victim.user.id}`);
    const update = audit.body.items.find((e: { action: string }) => e.action === 'user.update');
    expect(update.after.passwordChanged).toBe(true);
    expect(JSON.stringify(audit.body)).not.toMatch(/brand-new-pass|argon2/);
  });
});

describe('session lifetime', () => {
  test('using a session extends it; an expired one no longer signs in', async () => {
    const { sql } = await import('drizzle-orm');
    const client = await ws.as(['reporter']);
    await ws.db.execute(sql`update sessions set expires_at = now() + interval '1 hour'`);
    const res = await client.get('/api/session');
    expect(res.body.user).not.toBeNull();
    expect(String(res.headers['set-cookie'])).toMatch(/xt_session=.*Max-Age=43200/);
    const { rows } = await import('../../db/client.js');
    const [row] = await rows<{ secs: number }>(
      ws.db,
      sql`select extract(epoch from expires_at - now())::int as secs from sessions`,
    );
    expect(row!.secs).toBeGreaterThan(11 * 3600);

    await ws.db.execute(sql`update sessions set expires_at = now() - interval '1 minute'`);
    expect((await client.get('/api/session')).body.user).toBeNull();
  });
});
