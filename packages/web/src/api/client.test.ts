// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { api, ApiError, onUnauthorized, setCsrfToken } from './client';

type Handler = (req: Request) => Response | Promise<Response>;
const realFetch = globalThis.fetch;

/** A stand-in server: requests reach it through fetch, as they would reach the platform. */
function serve(handler: Handler) {
  const fake = async (input: string | URL | Request, init?: RequestInit) => handler(new Request(new URL(typeof input === 'string' || input instanceof URL ? input : input.url, 'http://localhost'), init));
  globalThis.fetch = fake;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfToken(null);
});

describe('api client', () => {
  it('sends the CSRF token on state-changing requests, so a server that requires it accepts them', async () => {
    serve((req) => (req.headers.get('x-csrf-token') === 'tok-1' ? json(200, { ok: true }) : json(403, { code: 'csrf.invalid', message: 'CSRF 校验失败，请刷新页面' })));
    setCsrfToken('tok-1');
    await expect(api.post('/api/plans/1/publish')).resolves.toEqual({ ok: true });
    setCsrfToken(null);
    await expect(api.post('/api/plans/1/publish')).rejects.toMatchObject({ status: 403, code: 'csrf.invalid' });
  });

  it("shows the server's Chinese message and keeps its code", async () => {
    serve(() => json(409, { code: 'report.stale', message: '报告已被他人修改，请核对后再保存。', details: { version: 3 } }));
    const err = await api.put('/api/reports/1', { done: '我写的内容' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('报告已被他人修改，请核对后再保存。');
    expect((err as ApiError).isConflict).toBe(true);
    expect((err as ApiError).details).toEqual({ version: 3 });
  });

  it('falls back to a Chinese message that says what to do when the server sends none', async () => {
    serve(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const err = (await api.get('/api/inbox').catch((e: unknown) => e)) as ApiError;
    expect(err.message).toMatch(/稍后重试/);
    serve(() => json(400, { code: 'validation', message: 'Invalid input', details: [{ path: ['percent'], message: '进度应在 0 到 100 之间' }] }));
    const v = (await api.post('/api/reports', {}).catch((e: unknown) => e)) as ApiError;
    expect(v.message).toMatch(/按提示修改/);
    expect(v.fieldErrors).toEqual({ percent: '进度应在 0 到 100 之间' });
  });

  it('reports a network failure in Chinese and tells listeners about an expired session', async () => {
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(api.get('/api/inbox')).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/没有丢失/) as unknown as string });
    let expired = 0;
    const off = onUnauthorized(() => expired++);
    serve(() => json(401, { code: 'auth.required', message: '请先登录。' }));
    await expect(api.get('/api/inbox')).rejects.toMatchObject({ status: 401 });
    off();
    expect(expired).toBe(1);
  });

  it('encodes query parameters and skips empty ones', async () => {
    serve((req) => json(200, { url: new URL(req.url).search }));
    await expect(api.get('/api/tasks', { query: { unit: '市发改委', light: '', page: 2 } })).resolves.toEqual({
      url: `?unit=${encodeURIComponent('市发改委')}&page=2`,
    });
  });
});
