#!/usr/bin/env node
// PostgreSQL restart under load (issue 6): the server reconnects and in-flight requests fail cleanly.
//
//   node bench/pg-restart.mjs --url postgres://postgres@127.0.0.1:PORT/DB --pgdata /path/to/cluster/data \
//        [--pgbin /usr/lib/postgresql/15/bin] [--pguser postgres] [--clients 20]
//
// DB must be empty or made by `bench/generate.mjs --size small --db postgres` (generated when empty).
// The cluster is restarted with `pg_ctl restart -m fast` (as --pguser when run as root) after 60
// acknowledged submits. Checks: the server process stays up; every answer during the restart is
// either 200 or a JSON error with a Chinese message (no hang, no dropped connection); submits
// succeed again after the restart (time to the first 200 reported); every acknowledged submit is
// present; maintained counts equal a recount; `xietong audit verify` passes.
import { parseArgs } from 'node:util';
import { spawnSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
    url: { type: 'string', default: process.env.DATABASE_URL },
    pgdata: { type: 'string' },
    pgbin: { type: 'string', default: '/usr/lib/postgresql/15/bin' },
    pguser: { type: 'string', default: 'postgres' },
    pglog: { type: 'string' },
    clients: { type: 'string', default: '20' },
  },
});
if (!o.url || !o.pgdata) {
  console.error('用法：node bench/pg-restart.mjs --url postgres://… --pgdata 数据目录');
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'xietong-pgrestart-'));
const probe = await client.openPostgres(o.url, 1);
const [{ n }] = await client.rows(
  probe.db,
  sql`select count(*)::int n from information_schema.tables where table_name = 'reports'`,
);
await probe.close();
if (!n)
  execSync(
    `node ${join(ROOT, 'bench/generate.mjs')} --size small --db postgres --url ${o.url} --dir ${dataDir}`,
    { stdio: 'inherit' },
  );
const manifestPath = existsSync(join(dataDir, 'manifest.json')) ? join(dataDir, 'manifest.json') : null;
const password = manifestPath ? JSON.parse(readFileSync(manifestPath, 'utf8')).password : 'bench-password-1';

const port = await freePort();
const BASE = `http://127.0.0.1:${port}`;
const env = serverEnv(port, { dataDir, url: o.url });

const api = httpClient(BASE, { timeoutMs: 30_000 });
const request = api.request;

const findings = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) findings.push(what);
};

console.log(
  `PostgreSQL restart test (load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')})`,
);
const server = spawnServer(env);
await api.waitHealthy(server, 60_000, 100);

const users = await client.openPostgres(o.url, 1);
const names = (
  await client.rows(
    users.db,
    sql`select username from users where username like 'bench-reporter-%' order by username`,
  )
).map((r) => r.username);
await users.close();
const queue = [];
for (const username of names) {
  const { headers } = await api.login(username, password);
  const list = await request('GET', '/api/reports?status=draft,pending&open=true&limit=200', { headers });
  for (const it of JSON.parse(list.text).items ?? [])
    if (!it.locked) queue.push({ id: it.id, headers, pending: it.status === 'pending', version: it.version });
}
queue.sort((a, b) => (a.id < b.id ? -1 : 1));
console.log(`${queue.length} open slots`);

const acknowledged = new Set();
const failures = [];
let next = 0;
let restartDoneAt = null;
let firstOkAfterRestart = null;
let restartStartedAt = null;
const submitOne = async (item, agent) => {
  if (item.pending) {
    const saved = await request('PUT', `/api/reports/${item.id}`, {
      headers: item.headers,
      body: { version: item.version, workStatus: 'in_progress', percent: 60, done: '完成本期工作。' },
      agent,
    });
    if (saved.status !== 200) return saved;
    item.pending = false;
    item.version = JSON.parse(saved.text).version;
  }
  return request('POST', `/api/reports/${item.id}/submit`, {
    headers: { ...item.headers, 'idempotency-key': `pgr-${item.id}` },
    body: {},
    agent,
  });
};
const restarter = (async () => {
  while (acknowledged.size < 60 && next < queue.length) await new Promise((r) => setTimeout(r, 5));
  restartStartedAt = Date.now();
  // -l: the new postmaster must not inherit our stdout (spawnSync would wait for it forever).
  const cmd = [
    join(o.pgbin, 'pg_ctl'),
    '-D',
    o.pgdata,
    '-l',
    o.pglog ?? join(o.pgdata, '..', 'log'),
    '-m',
    'fast',
    '-w',
    'restart',
  ];
  const asUser =
    process.getuid?.() === 0 ? ['runuser', ['-u', o.pguser, '--', ...cmd]] : [cmd[0], cmd.slice(1)];
  const r = spawnSync(asUser[0], asUser[1], { stdio: 'ignore' });
  restartDoneAt = Date.now();
  console.log(`pg_ctl restart: exit ${r.status} in ${restartDoneAt - restartStartedAt} ms`);
})();
const ticker = setInterval(
  () =>
    console.log(
      `  … ${acknowledged.size} acknowledged, ${failures.length} failed, ${next}/${queue.length} sent`,
    ),
  2000,
);
await Promise.all(
  Array.from({ length: Number(o.clients) }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (next < queue.length && (!restartDoneAt || acknowledged.size < 60 + 100)) {
      const item = queue[next++];
      try {
        const r = await submitOne(item, agent);
        if (r.status === 200) {
          acknowledged.add(item.id);
          if (restartDoneAt && !firstOkAfterRestart) firstOkAfterRestart = Date.now();
        } else {
          let body = {};
          try {
            body = JSON.parse(r.text);
          } catch {
            /* not JSON */
          }
          failures.push({
            status: r.status,
            code: body.code,
            message: body.message,
            during: !!restartStartedAt,
          });
          if (r.status >= 500 && failures.length < 5000) queue.push(item); // retried later with the same key
        }
      } catch (err) {
        failures.push({ status: 0, code: String(err.message), message: null, during: !!restartStartedAt });
        if (failures.length < 5000) queue.push(item);
      }
    }
    agent.destroy();
  }),
);
await restarter;
clearInterval(ticker);

check(
  server.exitCode === null,
  `the server process stayed up through the database restart${server.exitCode !== null ? ` — it exited (${server.exitCode}): ${server.log.trim().split('\n').slice(-14).join(' / ')}` : ''}`,
);
const unclean = failures.filter((f) => f.status === 0 || !f.code || !/[\u4e00-\u9fff]/.test(f.message ?? ''));
check(
  unclean.length === 0,
  `every failed request got a JSON error with a Chinese message (${failures.length} failed, ${unclean.length} unclean${unclean.length ? `: ${JSON.stringify(unclean.slice(0, 3))}` : ''})`,
);
console.log(
  `failures by status: ${JSON.stringify(failures.reduce((m, f) => ((m[`${f.status} ${f.code}`] = (m[`${f.status} ${f.code}`] ?? 0) + 1), m), {}))}`,
);
check(
  !!firstOkAfterRestart,
  `submits succeed again after the restart${firstOkAfterRestart ? ` (first 200 ${firstOkAfterRestart - restartDoneAt} ms after pg_ctl returned)` : ''}`,
);
server.kill('SIGTERM');
await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));

const database = await client.openPostgres(o.url, 2);
const ids = [...acknowledged];
const present = await client.rows(
  database.db,
  sql`select id from reports where submitted_at is not null and id in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`,
);
check(present.length === ids.length, `every acknowledged submit present (${present.length}/${ids.length})`);
const mismatches = await recount(database.db);
check(
  mismatches.length === 0,
  `maintained counts equal a recount${mismatches.length ? `: ${JSON.stringify(mismatches.slice(0, 3))}` : ''}`,
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
console.log(findings.length ? `pg restart test: ${findings.length} finding(s)` : 'pg restart test: passed');
process.exit(findings.length ? 1 : 0);
