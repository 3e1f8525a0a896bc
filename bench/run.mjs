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
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import autocannon from 'autocannon';
import { ROOT } from './lib/server.mjs';
import { median, pct, rssOf, startServer as startBuiltServer } from './lib/http.mjs';
import { cloneDatabase, dropDatabase, databaseOf } from './lib/pg.mjs';

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
    // PostgreSQL: run on the generated database itself instead of a fresh copy per run.
    'in-place': { type: 'boolean', default: false },
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

const OVERVIEW = `GET /api/plans/:id (whole plan detail, ${Math.round(manifest.counts.tasks / manifest.planIds.length).toLocaleString('en')} tasks)`;

/** The running server's client and keep-alive agent (set per run). */
let api;
let agent;
const request = (method, path, opts = {}) => api.request(method, path, { agent, ...opts });
const login = (username) => api.login(username, manifest.password);

const round = (x, d = 2) =>
  x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d;

/** Sequential latency of one client: p50/p95 over `n` requests (after 10 warm-up requests). */
async function latency(label, n, make) {
  for (let i = 0; i < 10; i++) await make(i);
  const ms = [];
  for (let i = 0; i < n; i++) {
    const r = await make(i + 10);
    if (r.status >= 400) {
      let code = '';
      try {
        code = JSON.parse(r.text).code ?? '';
      } catch {
        /* not JSON */
      }
      throw new Error(`${r.status} ${code || r.text.slice(0, 80)}`);
    }
    ms.push(r.ms);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99) };
}

/**
 * Throughput and latency under `connections` concurrent clients (autocannon). req/s is the
 * number of answers over the wall time of the load (autocannon's own `requests.average` is a mean
 * of per-second buckets, which a short run's last partial second drags down).
 */
async function load({ connections, duration, amount, requests, headers }) {
  const result = await autocannon({
    url: api.base,
    connections,
    ...(amount ? { amount } : { duration }),
    headers,
    requests,
    timeout: 30,
  });
  return {
    rps: result.duration > 0 ? result.requests.total / result.duration : null,
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

/** The server of one run: on a copy of the generated PGlite dir, or on a copy of the PostgreSQL database. */
async function startServer(runIndex) {
  let workDir = null;
  let runUrl = null;
  let copySeconds = 0;
  const t = performance.now();
  if (o.db === 'pglite') {
    // Each run works on a copy: submits consume draft reports.
    workDir = mkdtempSync(join(tmpdir(), 'xietong-bench-'));
    cpSync(join(dataDir, 'pglite'), join(workDir, 'pglite'), { recursive: true });
    copySeconds = (performance.now() - t) / 1000;
  } else if (o['in-place']) {
    runUrl = url;
  } else {
    const copy = await cloneDatabase(url, `${databaseOf(url)}_run${runIndex}`);
    runUrl = copy.url;
    copySeconds = copy.seconds;
  }
  const server = await startBuiltServer({ dataDir: workDir, url: runUrl });
  api = server.api;
  agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    ...server,
    copySeconds,
    stop: async () => {
            await server.stop();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      if (runUrl && runUrl !== url) await dropDatabase(runUrl);
    },
  };
}

async function oneRun(runIndex) {
  const server = await startServer(runIndex);
  const out = { startMs: server.startMs, copySeconds: server.copySeconds };
  try {
    out.rssStart = rssOf(server.child.pid);
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
      [OVERVIEW]: () =>
        request('GET', `/api/plans/${plan}`, { headers: leader.headers }),
      'GET /api/plans/:id/overview (outline with counts, no task list)': () =>
        request('GET', `/api/plans/${plan}/overview`, { headers: leader.headers }),
      'GET /api/plans/:id/tasks?limit=50 (first page)': () =>
        request('GET', `/api/plans/${plan}/tasks?limit=50`, { headers: leader.headers }),
      'GET /api/plans/:id/tasks?offset=500&limit=50': () =>
        request('GET', `/api/plans/${plan}/tasks?offset=500&limit=50`, { headers: leader.headers }),
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
    if (!existsSync(seedPath)) out.import = { error: `seed not found: ${seedPath}` };
    else {
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
    out.rss = rssOf(server.child.pid);
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
  `Command: \`npm run bench -- ${process.argv
    .slice(2)
    .filter((a, i, all) => a !== '--note' && all[i - 1] !== '--note')
    .map((a) => a.replace(/\/\/[^@/]*@/, '//…@'))
    .join(' ')}\`${o.note ? ` — ${o.note}` : ''}`,
);
lines.push(
  `Machine: ${machine.nproc} cores (${machine.cpu}), node ${machine.node}; \`free -g\`: ${machine.free.split('\n')[1]?.replace(/\s+/g, ' ')}`,
);
lines.push(
  `Load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
);
lines.push(
  `Data: ${JSON.stringify(manifest.counts)}; generated in ${manifest.loadSeconds.toFixed(1)} s (seed ${manifest.seed}, fingerprint ${manifest.fingerprint}); server start ${med((r) => r.startMs)} ms (after a copy of the data: ${med((r) => r.copySeconds)} s per run)`,
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
  `Server memory: RSS after start-up and sign-in ${med((r) => r.rssStart.rssMB)} MB; after the run ${med((r) => r.rss.rssMB)} MB, peak ${med((r) => r.rss.peakMB)} MB (goal at national scale, embedded: ≤ 1.2 GB).`,
);
// The spread behind the medians, for the figures that move most between runs.
const perRun = (label, get) =>
  `${label} ${runs.map((r) => round(get(r), 1) ?? '–').join(' / ')}`;
lines.push('');
lines.push(
  `Per run (${RUNS}): ${[
    perRun('plan detail p50', (r) => r.latency[OVERVIEW]?.p50),
    perRun('overview p50', (r) => r.latency['GET /api/plans/:id/overview (outline with counts, no task list)']?.p50),
    perRun('inbox p50', (r) => r.latency['GET /api/inbox (reporter)']?.p50),
    perRun('submit p50', (r) => r.submitLatency?.p50),
    perRun('submit req/s (50 clients)', (r) => r.submitLoad?.rps),
    perRun('peak RSS MB', (r) => r.rss?.peakMB),
  ].join('; ')}.`,
);
lines.push('');
if (!existsSync(o.out))
  writeFileSync(
    o.out,
    '# Benchmarks\n\nWritten by `npm run bench` (bench/run.mjs); newest section last. Figures taken while other work ran on the machine say so in their load average.\n\n',
  );
appendFileSync(o.out, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
