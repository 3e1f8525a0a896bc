#!/usr/bin/env node
// Crash test (issue 6, full form; run by `npm run test:resilience`).
//
//   node bench/crash.mjs [--data DIR_WITH_GENERATED_SMALL_DATA] [--clients 20] [--kill-after 150]
//
// 1. Copies generated data (bench/.data/small-pglite, generated if missing) to a temp data dir.
// 2. Starts the BUILT server on it (embedded PGlite), signs reporters in, submits current-period
//    drafts from --clients concurrent clients, and records every submit the server acknowledged (200).
// 3. After --kill-after acknowledgements: `kill -9` the server in the middle of the surge.
// 4. Restarts it on the same data dir and measures the time until GET /api/health answers 200
//    (goal: within 5 s).
// 5. Checks: every acknowledged submit is present (status submitted/consolidated, submitted_at set,
//    exactly one report.submit audit event); nothing half-written (maintained counts equal a
//    recount from scratch); `xietong audit verify` passes.
// Exit code 0 only when every check passes. Findings are printed, never hidden.
import { parseArgs } from 'node:util';
import { spawnSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { ROOT, DIST, client } from './lib/server.mjs';
import { recount } from './lib/recount.mjs';
import { freePort, serverEnv } from './lib/spawn-env.mjs';
import { httpClient, spawnServer } from './lib/http.mjs';

const { values: o } = parseArgs({
  options: {
    data: { type: 'string', default: join(ROOT, 'bench/.data/small-pglite') },
    clients: { type: 'string', default: '20' },
    'kill-after': { type: 'string', default: '150' },
    keep: { type: 'boolean', default: false },
  },
});
if (!existsSync(join(o.data, 'manifest.json'))) {
  execSync(`node ${join(ROOT, 'bench/generate.mjs')} --size small --db pglite --dir ${o.data}`, {
    stdio: 'inherit',
  });
}
const manifest = JSON.parse(readFileSync(join(o.data, 'manifest.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'xietong-crash-'));
cpSync(join(o.data, 'pglite'), join(work, 'pglite'), { recursive: true });

const port = await freePort();
const env = serverEnv(port, { dataDir: work });
const api = httpClient(`http://127.0.0.1:${port}`);
const request = api.request;
const start = () => spawnServer(env);
const waitHealthy = (child, limitMs) => api.waitHealthy(child, limitMs);
const login = async (username) => (await api.login(username, manifest.password)).headers;

const findings = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) findings.push(what);
};

console.log(
  `crash test on ${work} (load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')})`,
);
let server = start();
const firstStart = await waitHealthy(server);
console.log(`server up in ${firstStart} ms`);
const reporters = manifest.accounts.filter((a) => a.roles.includes('reporter'));
const queue = [];
for (const a of reporters) {
  const headers = await login(a.username);
  const res = await request('GET', '/api/reports?status=draft,pending&open=true&limit=200', { headers });
  for (const it of JSON.parse(res.text).items ?? [])
    if (!it.locked) queue.push({ id: it.id, headers, pending: it.status === 'pending', version: it.version });
}
console.log(`${queue.length} open slots (drafts and empty slots) of the reporters' units`);
queue.sort((a, b) => (a.id < b.id ? -1 : 1));

// The surge: concurrent clients, each on its own connection; acknowledged = 200 received.
const acknowledged = new Set();
let sent = 0;
let killedAt = null;
const killAfter = Number(o['kill-after']);
const clients = Number(o.clients);
let next = 0;
const killed = new Promise((resolve) => {
  const timer = setInterval(() => {
    if (acknowledged.size >= killAfter || next >= queue.length) {
      clearInterval(timer);
      killedAt = { acknowledged: acknowledged.size, sent };
      server.kill('SIGKILL');
      resolve();
    }
  }, 5);
});
await Promise.all(
  Array.from({ length: clients }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (next < queue.length && !killedAt) {
      const item = queue[next++];
      sent += 1;
      try {
        if (item.pending) {
          // An empty slot: the unit fills it in, then submits (two writes in flight).
          const saved = await request('PUT', `/api/reports/${item.id}`, {
            headers: item.headers,
            body: { version: item.version, workStatus: 'in_progress', percent: 60, done: '完成本期工作。' },
            agent,
          });
          if (saved.status !== 200) continue;
        }
        const r = await request('POST', `/api/reports/${item.id}/submit`, {
          headers: { ...item.headers, 'idempotency-key': `crash-${item.id}` },
          body: {},
          agent,
        });
        if (r.status === 200) acknowledged.add(item.id); // any answer that arrived is an acknowledgement
      } catch {
        /* connection died with the server: not acknowledged */
      }
    }
    agent.destroy();
  }),
);
await killed;
await new Promise((r) => (server.exitCode !== null || server.signalCode ? r() : server.once('exit', r)));
console.log(
  `killed with -9 after ${killedAt.acknowledged} acknowledged of ${killedAt.sent} sent (${acknowledged.size} acknowledged in total)`,
);

server = start();
const restart = await waitHealthy(server, 120_000);
check(restart <= 5000, `restart after kill -9: healthy in ${restart} ms (goal ≤ 5,000 ms)`);
server.kill('SIGTERM');
await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));

// Inspect the data dir directly (the server is stopped: PGlite is single-process).
const database = await client.openPglite(join(work, 'pglite'));
const ids = [...acknowledged];
const present = ids.length
  ? await client.rows(
      database.db,
      sql`select r.id, r.status, r.submitted_at is not null as submitted,
            (select count(*)::int from audit_events a where a.action = 'report.submit' and a.entity_id = r.id::text) as events
          from reports r where r.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    )
  : [];
const lost = ids.filter(
  (id) =>
    !present.some((p) => p.id === id && p.submitted && ['submitted', 'consolidated'].includes(p.status)),
);
check(
  lost.length === 0,
  `every acknowledged submit present after kill -9 (${ids.length - lost.length}/${ids.length}${lost.length ? `; LOST: ${lost.slice(0, 5).join(', ')}` : ''})`,
);
const badEvents = present.filter((p) => p.events !== 1);
check(
  badEvents.length === 0,
  `each acknowledged submit has exactly one audit event (${badEvents.length} differ)`,
);
const mismatches = await recount(database.db);
check(
  mismatches.length === 0,
  `maintained counts equal a recount from scratch (nothing half-written)${mismatches.length ? `: ${JSON.stringify(mismatches.slice(0, 3))}` : ''}`,
);
await database.close();
const verify = spawnSync(process.execPath, [join(DIST, 'cli/main.js'), 'audit', 'verify'], {
  env,
  encoding: 'utf8',
});
check(
  verify.status === 0,
  `xietong audit verify: ${(verify.stdout + verify.stderr).trim().split('\n').at(-1)}`,
);

if (!o.keep) rmSync(work, { recursive: true, force: true });
else console.log(`data dir kept: ${work}`);
console.log(findings.length ? `crash test: ${findings.length} finding(s)` : 'crash test: passed');
process.exit(findings.length ? 1 : 0);
