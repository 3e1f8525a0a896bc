#!/usr/bin/env node
// Benchmark runner (issue 6): starts the BUILT server on generated data and measures it on loopback.
//
//   npm run bench -- --size region --db pglite [--runs 3] [--data bench/.data/region-pglite]
//   npm run bench -- --size small --db pglite            (generates the data first when missing)
//   DATABASE_URL=postgres://… npm run bench -- --size region --db postgres
//
// Per endpoint: latency of one client (sequential keep-alive requests, p50/p95 from our own
// samples — autocannon reports no p95) and throughput with N concurrent clients (autocannon);
// report submit with 50 concurrent clients; import of seed 004 end to end; server RSS.
// Each figure is the median over --runs repeated runs. Appends a section to bench/BENCHMARKS.md.
import { parseArgs } from 'node:util';
import { spawn, execSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  appendFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { ROOT } from './lib/server.mjs';

const { values: o } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' },
    db: { type: 'string', default: 'pglite' },
    data: { type: 'string' },
    url: { type: 'string' },
    runs: { type: 'string', default: '3' },
    samples: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    out: { type: 'string', default: join(ROOT, 'bench/BENCHMARKS.md') },
    note: { type: 'string', default: '' },
    'submit-max': { type: 'string', default: '1500' },
  },
});
const RUNS = Number(o.runs);
const SAMPLES = Number(o.samples);
const dataDir = o.data ?? join(ROOT, `bench/.data/${o.size}-${o.db}`);
const url = o.url ?? process.env.DATABASE_URL ?? null;

if (!existsSync(join(dataDir, 'manifest.json'))) {
  console.log(`no generated data in ${dataDir}: generating ${o.size} first`);
  execSync(
    `node ${join(ROOT, 'bench/generate.mjs')} --size ${o.size} --db ${o.db} --dir ${dataDir}${url ? ` --url ${url}` : ''}`,
    { stdio: 'inherit' },
  );
}
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));

const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let BASE;
/** One HTTP request on a keep-alive agent; resolves with status, headers, body text and ms. */
function request(method, path, { headers = {}, body } = {}) {
  return new Promise((res, rej) => {
    const payload =
      body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const t = process.hrtime.bigint();
    const req = http.request(
      `${BASE}${path}`,
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
    req.on('error', rej);
    if (payload) req.write(payload);
    req.end();
  });
}

async function login(username) {
  const r = await request('POST', '/api/session', { body: { username, password: manifest.password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  const cookie = []
    .concat(r.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    username,
    cookie,
    csrf: r.headers['x-csrf-token'],
    headers: { cookie, 'x-csrf-token': r.headers['x-csrf-token'] },
  };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 2) =>
  x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d;

/** Sequential latency of one client: p50/p95 over `n` requests (after 10 warm-up requests). */
async function latency(label, n, make) {
  for (let i = 0; i < 10; i++) await make(i);
  const ms = [];
  for (let i = 0; i < n; i++) {
    const r = await make(i + 10);
    if (r.status >= 400) throw new Error(`${label}: ${r.status} ${r.text.slice(0, 300)}`);
    ms.push(r.ms);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99) };
}

/** Throughput and latency under `connections` concurrent clients (autocannon). */
async function load({ connections, duration, amount, requests, headers }) {
  const result = await autocannon({
    url: BASE,
    connections,
    ...(amount ? { amount } : { duration }),
    headers,
    requests,
    timeout: 30,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
    duration: result.duration,
  };
}

function rss(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
}

async function startServer() {
  const port = await freePort();
  let workDir = null;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    XIETONG_DEMO: '0',
    NODE_ENV: 'production',
  };
  if (o.db === 'pglite') {
    // Each run works on a copy: submits consume draft reports.
    workDir = mkdtempSync(join(tmpdir(), 'xietong-bench-'));
    cpSync(join(dataDir, 'pglite'), join(workDir, 'pglite'), { recursive: true });
    env.XIETONG_DATA_DIR = workDir;
    delete env.DATABASE_URL;
  } else {
    env.DATABASE_URL = url;
  }
  const t = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'packages/server/dist/cli/main.js'), 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  BASE = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await request('GET', '/api/health')).status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    startMs: Date.now() - t,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function oneRun(runIndex) {
  const server = await startServer();
  const out = { startMs: server.startMs };
  try {
    const coordinator = await login('bench-coordinator');
    const leader = await login('bench-leader');
    const reporterNames = manifest.accounts
      .filter((a) => a.roles.includes('reporter'))
      .map((a) => a.username);
    const reporters = [];
    for (const name of reporterNames) reporters.push(await login(name));
    const plan = manifest.planIds[runIndex % manifest.planIds.length];

    const gets = {
      'GET /api/inbox (reporter)': (i) =>
        request('GET', '/api/inbox', { headers: reporters[i % reporters.length].headers }),
      'GET /api/inbox (coordinator)': () => request('GET', '/api/inbox', { headers: coordinator.headers }),
      'GET /api/plans (list)': () => request('GET', '/api/plans', { headers: leader.headers }),
      'GET /api/plans/:id (overview, 1,000 tasks)': () =>
        request('GET', `/api/plans/${plan}`, { headers: leader.headers }),
      'GET /api/plans/:id/progress (outline roll-up)': () =>
        request('GET', `/api/plans/${plan}/progress`, { headers: leader.headers }),
      'GET /api/supervision/lights?planId (dashboard)': () =>
        request('GET', `/api/supervision/lights?planId=${plan}`, { headers: leader.headers }),
      'GET /api/supervision/units (map/unit lights)': () =>
        request('GET', '/api/supervision/units', { headers: leader.headers }),
      'GET /api/supervision/on-time (dashboard)': () =>
        request('GET', '/api/supervision/on-time', { headers: leader.headers }),
    };
    out.latency = {};
    for (const [label, make] of Object.entries(gets)) {
      console.log(`  ${label}`);
      try {
        out.latency[label] = await latency(label, SAMPLES, make);
      } catch (err) {
        out.latency[label] = { error: String(err.message).slice(0, 200) };
      }
    }
    out.inboxLoad = await load({
      connections: 10,
      duration: Number(o.duration),
      headers: reporters[0].headers,
      requests: [{ method: 'GET', path: '/api/inbox' }],
    });

    // Submittable reports: current-period drafts with content, in the reporters' own units.
    const queue = [];
    for (const r of reporters) {
      const res = await request('GET', '/api/reports?status=draft&open=true&limit=200', {
        headers: r.headers,
      });
      const items = JSON.parse(res.text).items ?? [];
      for (const it of items)
        if (!it.locked && (it.actions ?? ['report.submit']).includes('report.submit'))
          queue.push({ id: it.id, version: it.version, who: r });
    }
    // Interleave units so concurrent clients hit different units (a real deadline afternoon).
    queue.sort((a, b) => (a.id < b.id ? -1 : 1));
    out.submittable = queue.length;
    const latencyShare = Math.min(200, Math.floor(queue.length / 4));
    const single = queue.splice(0, latencyShare);
    if (single.length >= 20) {
      out.submitLatency = await latency('submit', single.length - 10, (i) => {
        const item = single[i];
        return request('POST', `/api/reports/${item.id}/submit`, {
          headers: { ...item.who.headers, 'idempotency-key': `bench-${item.id}` },
          body: { version: item.version },
        });
      });
    }
    if (queue.length >= 100) {
      const items = queue.slice(0, Number(o['submit-max']));
      const failures = [];
      let next = 0;
      out.submitLoad = await load({
        connections: 50,
        amount: items.length,
        requests: [
          {
            method: 'POST',
            onResponse: (status, body) => {
              if (status >= 300) failures.push(`${status} ${String(body).slice(0, 160)}`);
            },
            setupRequest: (req) => {
              const item = items[next++ % items.length];
              return {
                ...req,
                path: `/api/reports/${item.id}/submit`,
                headers: {
                  ...item.who.headers,
                  'content-type': 'application/json',
                  'idempotency-key': `bench-${item.id}`,
                },
                body: JSON.stringify({ version: item.version }),
              };
            },
          },
        ],
      });
      out.submitLoad.failures = [...new Set(failures)].slice(0, 5);
    }

    // Import of seed 004 end to end (parse, resolve, store the draft).
    const seedPath = join(ROOT, '../shared/seeds/004_8d8c9dcd4c277d93.txt');
    if (existsSync(seedPath)) {
      const text = readFileSync(seedPath, 'utf8');
      const ms = [];
      for (let i = 0; i < 6; i++) {
        const r = await request('POST', '/api/plans/import', {
          headers: coordinator.headers,
          body: { filename: '004.txt', text },
        });
        if (r.status >= 400) {
          out.import = { error: `${r.status} ${r.text.slice(0, 200)}` };
          break;
        }
        if (i > 0) ms.push(r.ms); // the first import warms the parser up
      }
      if (ms.length)
        out.import = { p50: median(ms), min: Math.min(...ms), max: Math.max(...ms), n: ms.length };
    }
    out.rss = rss(server.child.pid);
  } finally {
    await server.stop();
  }
  return out;
}

const machine = {
  nproc: execSync('nproc').toString().trim(),
  free: execSync('free -g').toString().trim(),
  node: process.version,
  cpu: cpus()[0]?.model,
};
const started = new Date();
const loadBefore = loadavg();
const runs = [];
for (let i = 0; i < RUNS; i++) {
  console.log(
    `run ${i + 1}/${RUNS} (load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')})`,
  );
  runs.push(await oneRun(i));
  console.log(JSON.stringify(runs.at(-1)));
}
const loadAfter = loadavg();

const med = (get) => {
  const xs = runs.map(get).filter((x) => typeof x === 'number');
  return xs.length ? round(median(xs)) : null;
};
const lines = [];
lines.push(`## ${o.size} · ${o.db} · ${started.toISOString()}`);
lines.push('');
lines.push(
  `Command: \`npm run bench -- --size ${o.size} --db ${o.db} --runs ${RUNS}\`${o.note ? ` — ${o.note}` : ''}`,
);
lines.push(
  `Machine: ${machine.nproc} cores (${machine.cpu}), node ${machine.node}; \`free -g\`: ${machine.free.split('\n')[1]?.replace(/\s+/g, ' ')}`,
);
lines.push(
  `Load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
);
lines.push(
  `Data: ${JSON.stringify(manifest.counts)}; generated in ${manifest.loadSeconds.toFixed(1)} s (seed ${manifest.seed}, fingerprint ${manifest.fingerprint}); server start ${med((r) => r.startMs)} ms`,
);
lines.push('');
lines.push(`Medians of ${RUNS} runs. One client: ${SAMPLES} sequential keep-alive requests per run.`);
lines.push('');
lines.push('| measurement | p50 ms | p95 ms | p99 ms | goal |');
lines.push('|---|---|---|---|---|');
const goals = {
  'GET /api/inbox (reporter)': '≤ 3 ms p50 (national)',
  'GET /api/inbox (coordinator)': '≤ 3 ms p50 (national)',
};
for (const label of Object.keys(runs[0].latency)) {
  const err = runs.map((r) => r.latency[label]?.error).find(Boolean);
  if (err) lines.push(`| ${label} | error: ${err.replace(/\|/g, '/')} | | | |`);
  else
    lines.push(
      `| ${label} | ${med((r) => r.latency[label].p50)} | ${med((r) => r.latency[label].p95)} | ${med((r) => r.latency[label].p99)} | ${goals[label] ?? '≤ 20 ms p50'} |`,
    );
}
if (runs[0].submitLatency)
  lines.push(
    `| POST /api/reports/:id/submit (one client) | ${med((r) => r.submitLatency?.p50)} | ${med((r) => r.submitLatency?.p95)} | ${med((r) => r.submitLatency?.p99)} | ≤ 5 ms p50 |`,
  );
if (runs[0].import && !runs[0].import.error)
  lines.push(
    `| import seed 004 (POST /api/plans/import, JSON text) | ${med((r) => r.import?.p50)} | max ${med((r) => r.import?.max)} | | ≤ 200 ms |`,
  );
else if (runs[0].import)
  lines.push(`| import seed 004 | error: ${runs[0].import.error.replace(/\|/g, '/')} | | | ≤ 200 ms |`);
lines.push('');
lines.push('| load (autocannon) | req/s | p50 ms | p97.5 ms | p99 ms | non-2xx | errors/timeouts | goal |');
lines.push('|---|---|---|---|---|---|---|---|');
lines.push(
  `| GET /api/inbox, 10 clients, ${o.duration} s | ${med((r) => r.inboxLoad.rps)} | ${med((r) => r.inboxLoad.p50)} | ${med((r) => r.inboxLoad.p97_5)} | ${med((r) => r.inboxLoad.p99)} | ${med((r) => r.inboxLoad.non2xx)} | ${med((r) => r.inboxLoad.errors)}/${med((r) => r.inboxLoad.timeouts)} | |`,
);
if (runs[0].submitLoad)
  lines.push(
    `| submit, 50 clients, ${med((r) => r.submitLoad.total)} reports | ${med((r) => r.submitLoad.rps)} | ${med((r) => r.submitLoad.p50)} | ${med((r) => r.submitLoad.p97_5)} | ${med((r) => r.submitLoad.p99)} | ${med((r) => r.submitLoad.non2xx)} | ${med((r) => r.submitLoad.errors)}/${med((r) => r.submitLoad.timeouts)} | ≥ ${o.db === 'postgres' ? '1,000' : '300'}/s |`,
  );
else
  lines.push(`| submit, 50 clients | not run: only ${runs[0].submittable} submittable drafts | | | | | | |`);
lines.push('');
lines.push(
  `Server memory after the run: RSS ${med((r) => r.rss.rssMB)} MB, peak ${med((r) => r.rss.peakMB)} MB (goal at national scale, embedded: ≤ 1.2 GB).`,
);
lines.push('');
if (!existsSync(o.out))
  writeFileSync(
    o.out,
    '# Benchmarks\n\nWritten by `npm run bench` (bench/run.mjs); newest section last. Figures taken while other work ran on the machine say so in their load average.\n\n',
  );
appendFileSync(o.out, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
agent.destroy();
