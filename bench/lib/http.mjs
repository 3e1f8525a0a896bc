// The one HTTP client of the bench scripts: requests on loopback with keep-alive agents, signing in,
// waiting for the built server to answer, and starting/stopping it. (Each script had its own copy.)
import http from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, serverEnv } from './spawn-env.mjs';

/**
 * One HTTP request. Resolves with status, headers, body text and the milliseconds it took; rejects
 * on a connection error, or with `err.code === 'ETIMEDOUT'` after `timeoutMs` without an answer.
 * @param {string} base e.g. http://127.0.0.1:1234
 */
export function request(base, method, path, { headers = {}, body, agent, timeoutMs } = {}) {
  return new Promise((res, rej) => {
    const payload =
      body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const t = process.hrtime.bigint();
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...headers,
        },
      },
      (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('error', rej);
        r.on('end', () =>
          res({
            status: r.statusCode,
            headers: r.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - t) / 1e6,
          }),
        );
      },
    );
    if (timeoutMs)
      req.setTimeout(timeoutMs, () =>
        req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      );
    req.on('error', rej);
    if (payload) req.write(payload);
    req.end();
  });
}

/** A client bound to one server: `api.request(method, path, opts)`, `api.login(username, password)`. */
export function httpClient(base, defaults = {}) {
  const api = {
    base,
    request: (method, path, opts = {}) => request(base, method, path, { ...defaults, ...opts }),
    /** Signs in; resolves with the headers of the session (cookie and CSRF token). */
    async login(username, password) {
      const r = await api.request('POST', '/api/session', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text.slice(0, 300)}`);
      const cookie = []
        .concat(r.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .join('; ');
      return { username, headers: { cookie, 'x-csrf-token': r.headers['x-csrf-token'] } };
    },
    /** Milliseconds until GET /api/health answers 200; throws when the child exits or after limitMs. */
    async waitHealthy(child, limitMs = 60_000, pollMs = 50) {
      const t = Date.now();
      while (Date.now() - t < limitMs) {
        if (child.exitCode !== null || child.signalCode)
          throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${child.log}`);
        try {
          if ((await api.request('GET', '/api/health', { timeoutMs: 5000 })).status === 200)
            return Date.now() - t;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
      throw new Error(`server not healthy after ${limitMs} ms:\n${child.log}`);
    },
  };
  return api;
}

const DIST = fileURLToPath(new URL('../../packages/server/dist/', import.meta.url));

/** Spawns `xietong serve` of the built server with `env`; its output collects in `child.log`. */
export function spawnServer(env) {
  const child = spawn(process.execPath, [join(DIST, 'cli/main.js'), 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.log = '';
  child.stdout.on('data', (c) => (child.log += c));
  child.stderr.on('data', (c) => (child.log += c));
  return child;
}

/**
 * Starts the built server on a free loopback port — on the embedded database in `dataDir`, or on
 * PostgreSQL at `url` — and waits until it is healthy. `extraEnv` is added to its environment.
 */
export async function startServer({ dataDir, url, extraEnv = {}, limitMs = 300_000 }) {
  const port = await freePort();
  const env = { ...serverEnv(port, { dataDir, url }), NODE_ENV: 'production', ...extraEnv };
  const t = Date.now();
  const child = spawnServer(env);
  const api = httpClient(`http://127.0.0.1:${port}`);
  await api.waitHealthy(child, limitMs, 100);
  return {
    child,
    api,
    env,
    base: api.base,
    startMs: Date.now() - t,
    stop: () => stopServer(child),
  };
}

/** SIGTERM, and SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopServer(child, graceMs = 30_000) {
  if (child.exitCode !== null || child.signalCode) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process now and at its peak, in MB (from /proc). */
export function rssOf(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
}

/** p in [0, 1] of an ascending array (nearest rank). */
export const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
