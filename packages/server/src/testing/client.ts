/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are read field by field in assertions */
import type { FastifyInstance } from 'fastify';
import type { InjectOptions } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '@xietong/shared';
import { TEST_PASSWORD } from './factories.js';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** An HTTP client over `app.inject` that keeps the session cookie and sends the CSRF header. */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly app: FastifyInstance) {}

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.csrf && !(CSRF_HEADER in h)) h[CSRF_HEADER] = this.csrf;
    const opts: InjectOptions = { method, url, headers: h };
    if (payload !== undefined) opts.payload = payload as InjectOptions['payload'];
    const res = await this.app.inject(opts);
    let body: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  get<T = any>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = any>(url: string, payload: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', url, payload, headers);
  }
  put<T = any>(url: string, payload: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('PUT', url, payload, headers);
  }
  patch<T = any>(url: string, payload: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, payload, headers);
  }
  del<T = any>(url: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', url, undefined, headers);
  }

  /** Signs in through POST /api/session and keeps the cookie and CSRF token. Throws on failure. */
  async login(username: string, password = TEST_PASSWORD): Promise<this> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
    if (!c) throw new Error('login set no session cookie');
    this.cookie = c.value;
    this.csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
    return this;
  }
}
