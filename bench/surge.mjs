#!/usr/bin/env node
// Deadline surge at full size (issue 6), against the BUILT server on generated data:
//
//   node bench/surge.mjs [--data bench/.data/region-pglite] [--clients 500] [--reports 20000]
//   node bench/surge.mjs --db postgres --url postgres://…/region --data bench/.data/region-postgres
//
// 1. Works on a copy: the PGlite dir is copied to a temp dir; a PostgreSQL database is copied with
//    `create database … template …` (the generated data are never consumed).
// 2. Takes --reports current-period drafts (open, not locked) and, on the copy, gives every unit
//    that has one a reporter account (createUser, like the generator); brings lights up to today
//    (recomputeAllLights, so the check at the end compares like with like).
// 3. Starts the server, signs the reporters in, and lets --clients concurrent clients (each on its
//    own keep-alive connection) submit the reports, interleaved across units. A request that gets
//    no answer within --timeout ms, a broken connection or a 5xx is retried with the SAME
//    Idempotency-Key (up to --retries times), as a browser retrying after a timeout would.
// 4. Stops the server and checks on the database: every report was submitted exactly once
//    (status submitted/consolidated, submitted_at set, exactly one `report.submit` audit event),
//    the maintained counts equal a recount from scratch (bench/lib/recount.mjs), lights equal a
//    fresh recomputation (recomputeAllLights changes nothing), `xietong audit verify` passes.
// Prints p50/p95/p99 of every answered attempt and of each report end to end (with its retries),
// the throughput, the statuses; `--record` appends a section to bench/BENCHMARKS.md.
// Exit code 0 only when every check passes.
import { parseArgs } from 'node:util';
import { spawnSync, execSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { ROOT, DIST, client, context, config as configModule, accessCommands, lights, SYSTEM } from './lib/server.mjs';
import { recount } from './lib/recount.mjs';
import { pct, rssOf, startServer, stopServer } from './lib/http.mjs';
import { cloneDatabase, dropDatabase, databaseOf } from './lib/pg.mjs';

const { values: o } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    data: { type: 'string' },
    url: { type: 'string' },
    clients: { type: 'string', default: '500' },
    reports: { type: 'string', default: '20000' },
    timeout: { type: 'string', default: '30000' },
    retries: { type: 'string', default: '5' },
    record: { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
    keep: { type: 'boolean', default: false },
  },
});
const dataDir = o.data ?? join(ROOT, `bench/.data/region-${o.db}`);
const url = o.url ?? process.env.DATABASE_URL ?? null;
if (o.db === 'postgres' && !url) throw new Error('--db postgres 需要 --url（或 DATABASE_URL）。');
if (!existsSync(join(dataDir, 'manifest.json'))) {
  // Region size on PGlite takes ~10 minutes to generate (faster: generate on PostgreSQL and load
  // it with bench/restore-load.mjs).
  console.log(`no generated data in ${dataDir}: generating region first`);
  execSync(
    `node ${join(ROOT, 'bench/generate.mjs')} --size region --db ${o.db} --dir ${dataDir}${url ? ` --url ${url}` : ''}`,
    { stdio: 'inherit' },
  );
}
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));
const CLIENTS = Number(o.clients);
const WANT = Number(o.reports);
const TIMEOUT = Number(o.timeout);
const RETRIES = Number(o.retries);
const PASSWORD = manifest.password;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const step = (label, since) => console.log(`  ${label}: ${((performance.now() - since) / 1000).toFixed(1)} s`);

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// ---- 1. the copy ---------------------------------------------------------------------------
console.log(`surge on ${manifest.size} ${o.db} (${JSON.stringify(manifest.counts)}), load average ${load()}`);
const loadBefore = loadavg();
let t = performance.now();
let work = null;
let runUrl = null;
if (o.db === 'pglite') {
  work = mkdtempSync(join(tmpdir(), 'xietong-surge-'));
  cpSync(join(dataDir, 'pglite'), join(work, 'pglite'), { recursive: true });
} else {
  runUrl = (await cloneDatabase(url, `${databaseOf(url)}_surge`)).url;
}
step('copy of the generated data', t);
const open = () => (o.db === 'pglite' ? client.openPglite(join(work, 'pglite')) : client.openPostgres(runUrl, 4));
const runOn = (database, fn) =>
  context.withContext(
    { database, config: configModule.loadConfig({ ...process.env, XIETONG_DATA_DIR: work ?? tmpdir() }) },
    SYSTEM,
    fn,
  );

// ---- 2. the reports, the reporters, lights as of today --------------------------------------
let database = await open();
const drafts = await client.rows(
  database.db,
  sql`select r.id, r.unit_id, r.plan_id from reports r
      where r.open and r.status = 'draft' and r.period_key = (select max(period_key) from reports)
        and (r.lock_date >= (now() at time zone 'Asia/Shanghai')::date
             or r.exception_until >= (now() at time zone 'Asia/Shanghai')::date)
      order by md5(r.id::text) limit ${WANT}`,
);
check(
  drafts.length === WANT,
  `${drafts.length} current-period drafts to submit (wanted ${WANT}; the generator leaves ~55 % of the current slots as drafts)`,
);
const unitIds = [...new Set(drafts.map((d) => d.unit_id))].sort();
t = performance.now();
const sessionsByUnit = new Map();
await runOn(database, async (ctx) => {
  for (const [i, unitId] of unitIds.entries()) {
    const username = `surge-reporter-${i}`;
    await accessCommands.createUser(ctx, { username, name: username, password: PASSWORD, roles: ['reporter'], unitId });
    sessionsByUnit.set(unitId, username);
  }
});
step(`reporter accounts for ${unitIds.length} units (createUser)`, t);
t = performance.now();
const planIds = [...new Set(drafts.map((d) => d.plan_id))];
let relitBefore = 0;
for (const planId of planIds) relitBefore += (await runOn(database, (ctx) => lights.recomputeAllLights(ctx, planId))).changed;
step(`lights of ${planIds.length} plans brought to today (${relitBefore} tasks changed colour)`, t);
const [before] = await client.rows(
  database.db,
  sql`select (select count(*)::int from audit_events where action = 'report.submit') submit_events,
             (select count(*)::int from reports where submitted_at is not null) submitted`,
);
await database.close();

// ---- 3. the surge ---------------------------------------------------------------------------
const server = await startServer({ dataDir: work, url: runUrl });
console.log(`server up in ${server.startMs} ms (load average ${load()})`);
const { api } = server;
t = performance.now();
const usernames = [...new Set(sessionsByUnit.values())];
const headersOf = new Map();
for (let i = 0; i < usernames.length; i += 8)
  await Promise.all(
    usernames.slice(i, i + 8).map(async (u) => headersOf.set(u, (await api.login(u, PASSWORD)).headers)),
  );
step(`${usernames.length} sign-ins`, t);

// Interleaved across units (md5 order above), so concurrent clients hit many units and plans at once.
const queue = drafts.map((d) => ({ id: d.id, headers: headersOf.get(sessionsByUnit.get(d.unit_id)) }));
const attempts = []; // ms of every answered attempt
const endToEnd = []; // ms from the first attempt to the final answer, per report
const statuses = {};
const retriedBecause = {};
const unfinished = [];
const unexpected = [];
let next = 0;
let rssPeak = 0;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, rssOf(server.child.pid).rssMB);
}, 1000);
const progress = setInterval(
  () => console.log(`  … ${endToEnd.length}/${queue.length} done, load average ${load()}`),
  30_000,
);
const surgeStart = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (next < queue.length) {
      const item = queue[next++];
      const first = performance.now();
      let done = false;
      for (let attempt = 0; attempt <= RETRIES && !done; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 100 + Math.random() * 900));
        try {
          const r = await api.request('POST', `/api/reports/${item.id}/submit`, {
            headers: { ...item.headers, 'idempotency-key': `surge-${item.id}` },
            body: {},
            agent,
            timeoutMs: TIMEOUT,
          });
          attempts.push(r.ms);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.status >= 500) {
            retriedBecause[r.status] = (retriedBecause[r.status] ?? 0) + 1;
            continue;
          }
          if (r.status !== 200) unexpected.push(`${r.status} ${r.text.slice(0, 160)}`);
          done = true;
        } catch (err) {
          const why = err.code ?? err.message;
          retriedBecause[why] = (retriedBecause[why] ?? 0) + 1;
        }
      }
      if (done) endToEnd.push(performance.now() - first);
      else unfinished.push(item.id);
    }
    agent.destroy();
  }),
);
const surgeSeconds = (performance.now() - surgeStart) / 1000;
clearInterval(sampler);
clearInterval(progress);
const rssAfter = rssOf(server.child.pid);
await stopServer(server.child);
const loadAfter = loadavg();

attempts.sort((a, b) => a - b);
endToEnd.sort((a, b) => a - b);
const ms = (xs) => ({
  p50: Math.round(pct(xs, 0.5)),
  p95: Math.round(pct(xs, 0.95)),
  p99: Math.round(pct(xs, 0.99)),
  max: Math.round(xs.at(-1) ?? 0),
});
const summary = {
  reports: queue.length,
  clients: CLIENTS,
  seconds: Math.round(surgeSeconds * 10) / 10,
  perSecond: Math.round((endToEnd.length / surgeSeconds) * 10) / 10,
  attempts: { n: attempts.length, ...ms(attempts) },
  endToEnd: { n: endToEnd.length, ...ms(endToEnd) },
  statuses,
  retriedBecause,
  unfinished: unfinished.length,
  rss: { afterMB: rssAfter.rssMB, peakMB: Math.max(rssPeak, rssAfter.peakMB) },
};
console.log(JSON.stringify(summary));
check(unfinished.length === 0, `every report got an answer within ${RETRIES} retries (${unfinished.length} did not)`);
check(
  unexpected.length === 0,
  `every final answer is 200 (${unexpected.length} others${unexpected.length ? `: ${[...new Set(unexpected)].slice(0, 3).join(' | ')}` : ''})`,
);

// ---- 4. the checks --------------------------------------------------------------------------
t = performance.now();
database = await open();
const ids = queue.map((q) => q.id);
const [state] = await client.rows(
  database.db,
  sql`with ids(id) as (select unnest(${`{${ids.join(',')}}`}::uuid[]))
      select count(*) filter (where r.submitted_at is not null and r.status in ('submitted', 'consolidated'))::int submitted,
             count(*) filter (where r.submitted_at is null or r.status not in ('submitted', 'consolidated'))::int not_submitted
      from ids join reports r on r.id = ids.id`,
);
check(state.submitted === ids.length, `all ${ids.length} reports submitted (${state.submitted}; ${state.not_submitted} not)`);
const events = await client.rows(
  database.db,
  sql`with ids(id) as (select unnest(${`{${ids.join(',')}}`}::uuid[]))
      select count(a.seq)::int n from ids
      left join audit_events a on a.entity_type = 'report' and a.entity_id = ids.id::text and a.action = 'report.submit'
      group by ids.id having count(a.seq) <> 1`,
);
check(events.length === 0, `exactly one report.submit audit event per report (${events.length} reports differ)`);
const [after] = await client.rows(
  database.db,
  sql`select (select count(*)::int from audit_events where action = 'report.submit') submit_events,
             (select count(*)::int from reports where submitted_at is not null) submitted`,
);
check(
  after.submit_events - before.submit_events === ids.length && after.submitted - before.submitted === ids.length,
  `nothing else submitted: +${after.submitted - before.submitted} submitted reports, +${after.submit_events - before.submit_events} submit events`,
);
const mismatches = await recount(database.db);
check(
  mismatches.length === 0,
  `maintained counts equal a recount from scratch${mismatches.length ? `: ${mismatches.length} differ, e.g. ${JSON.stringify(mismatches.slice(0, 2))}` : ''}`,
);
let relit = 0;
for (const planId of planIds) relit += (await runOn(database, (ctx) => lights.recomputeAllLights(ctx, planId))).changed;
check(relit === 0, `lights equal a fresh recomputation (recomputeAllLights changed ${relit} tasks)`);
check((await recount(database.db)).length === 0, 'counts still equal the recount after the recomputation of lights');
await database.close();
const verify = spawnSync(process.execPath, [join(DIST, 'cli/main.js'), 'audit', 'verify'], {
  env: server.env,
  encoding: 'utf8',
});
check(verify.status === 0, `xietong audit verify: ${(verify.stdout + verify.stderr).trim().split('\n').at(-1)}`);
step('checks', t);

if (o.record) {
  const lines = [
    `## surge · ${manifest.size} · ${o.db} · ${new Date().toISOString()}`,
    '',
    `Command: \`node bench/surge.mjs --db ${o.db}${o.db === 'postgres' ? ' --url …' : ''} --clients ${CLIENTS} --reports ${WANT} --timeout ${TIMEOUT} --retries ${RETRIES}\`${o.note ? ` — ${o.note}` : ''}`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}; \`free -g\`: ${execSync('free -g').toString().split('\n')[1]?.replace(/\s+/g, ' ')}`,
    `Load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
    `Data: ${JSON.stringify(manifest.counts)} (fingerprint ${manifest.fingerprint}); ${unitIds.length} units, ${planIds.length} plans`,
    '',
    `| ${CLIENTS} clients, ${queue.length} submits | value |`,
    '|---|---|',
    `| wall time | ${summary.seconds} s (${summary.perSecond} reports/s) |`,
    `| latency of answered attempts (n = ${attempts.length}) | p50 ${summary.attempts.p50} ms, p95 ${summary.attempts.p95} ms, **p99 ${summary.attempts.p99} ms**, max ${summary.attempts.max} ms |`,
    `| per report, first attempt to final answer | p50 ${summary.endToEnd.p50} ms, p95 ${summary.endToEnd.p95} ms, **p99 ${summary.endToEnd.p99} ms**, max ${summary.endToEnd.max} ms |`,
    `| answers | ${Object.entries(statuses).map(([k, v]) => `${k}: ${v}`).join(', ')} |`,
    `| retries (client timeout ${TIMEOUT} ms, broken connection, 5xx) | ${Object.entries(retriedBecause).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'} |`,
    `| server RSS | peak ${summary.rss.peakMB} MB |`,
    `| checks | ${failures.length ? `**${failures.length} failed**: ${failures.join('; ').replace(/\|/g, '/')}` : 'all passed: each report submitted exactly once with one audit event, counts = recount, lights = recomputation, audit verify'} |`,
    '',
  ];
  appendFileSync(join(ROOT, 'bench/BENCHMARKS.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

if (work && !o.keep) rmSync(work, { recursive: true, force: true });
else if (work) console.log(`data dir kept: ${work}`);
if (runUrl && !o.keep) await dropDatabase(runUrl);
console.log(failures.length ? `surge: ${failures.length} check(s) failed` : 'surge: passed');
process.exit(failures.length ? 1 : 0);
