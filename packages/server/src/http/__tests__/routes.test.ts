import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { authorizationMatrix, concreteUrl } from '../../testing/matrix.js';
import type { TestClient } from '../../testing/client.js';
import type { UserRow } from '../../testing/factories.js';

const ws = useTestWorkspace({ unsafeTestResourceUnits: true });

describe('route table', () => {
  test('every /api route is registered through the route helper and declares a policy', () => {
    const routes = ws.app.registeredRoutes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
    expect(routes.length).toBe(ws.app.routeTable.length);
    const withoutPolicy = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`);
    expect(withoutPolicy).toEqual([]);
    for (const spec of ws.app.routeTable) {
      expect(spec.policy.action, `${spec.method} ${spec.url}`).toMatch(/^[a-z_]+\.[a-z_.]+$/);
      expect(spec.policy.rule, `${spec.method} ${spec.url}`).toBeTypeOf('object');
    }
  });

  test('GET /api/openapi.json describes every route in OpenAPI 3', async () => {
    const res = await ws.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const spec of ws.app.routeTable) {
      const path = spec.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(res.body.paths[path]?.[spec.method.toLowerCase()], `${spec.method} ${spec.url}`).toBeDefined();
    }
  });

  test('GET /api/health answers 200', async () => {
    const res = await ws.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  test('an unknown API path gets a JSON 404 in Chinese; other paths get the status page', async () => {
    const res = await ws.client().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route.not_found');
    const page = await ws.client().get('/plans/123');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('服务已启动');
  });
});

describe('authorization matrix (every route × every role × own/other unit)', () => {
  test('the HTTP layer allows exactly what each route declares', async () => {
    const cases = authorizationMatrix(ws.app.routeTable);
    const clients = new Map<string, Awaited<ReturnType<typeof ws.as>>>();
    const mismatches: string[] = [];
    for (const c of cases) {
      let client: TestClient & { user?: UserRow };
      if (c.caller === 'public') client = ws.client();
      else {
        if (!clients.has(c.caller)) clients.set(c.caller, await ws.as([c.caller]));
        client = clients.get(c.caller)!;
      }
      const headers: Record<string, string> = {};
      if (c.route.resourceUnits) {
        const own = client.user?.unitId ?? '';
        headers['x-test-resource-units'] =
          c.ownership === 'own' ? own : '00000000-0000-4000-8000-00000000ffff';
      }
      // Never actually sign out the shared clients.
      if (c.key === 'DELETE /api/session' && c.caller !== 'public') continue;
      const payload = c.route.method === 'GET' ? undefined : {};
      const res = await client.request(c.route.method, concreteUrl(c.route.url), payload, headers);
      const denied = res.status === 401 || res.status === 403;
      const deniedRight =
        c.caller === 'public'
          ? res.status === 401 && res.body.code === 'auth.required'
          : res.status === 403 && res.body.code === 'forbidden';
      if (c.allowed && denied)
        mismatches.push(
          `${c.key} ${c.caller}/${c.ownership}: expected allowed, got ${res.status} ${res.body.code}`,
        );
      if (!c.allowed && !deniedRight)
        mismatches.push(
          `${c.key} ${c.caller}/${c.ownership}: expected denied, got ${res.status} ${res.body?.code}`,
        );
    }
    expect(mismatches).toEqual([]);
    expect(cases.length).toBeGreaterThan(ws.app.routeTable.length);
  });
});

describe('hostile input', () => {
  test('a NUL character in any text is refused with a message, not a 500', async () => {
    const admin = await ws.as(['admin']);
    const res = await admin.post('/api/users', {
      username: 'nul',
      name: 'a\u0000b',
      password: 'long-enough-1',
      roles: ['reporter'],
      unitId: null,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.message).toMatch(/空字符/);
  });
});
