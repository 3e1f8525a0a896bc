/**
 * Scale check for the platform core's hot reads (not a test: timings vary with the machine).
 * Builds a national-scale workspace in memory — 2,000 units, 200 published plans with 200,000
 * tasks and ~500,000 assignments — with SQL, then times the reads the schema must keep cheap.
 *
 *   npx tsx packages/server/scripts/bench-scale.ts            (PGlite)
 *   DATABASE_URL=postgres://… npx tsx packages/server/scripts/bench-scale.ts
 */
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { buildApp } from '../src/http/app.js';
import { testConfig } from '../src/testing/workspace.js';

const UNITS = 2000;
const PLANS = 200;
const TASKS_PER_PLAN = 1000;

async function main() {
  const url = process.env.DATABASE_URL;
  const database = url ? await openPostgres(url, 1) : await openPglite(null); // one connection: pg_temp helpers
  const db = database.db;
  await migrate(db);
  const t0 = Date.now();
  await db.execute(sql`truncate units, plans, tasks, task_units, plan_files cascade`);
  // Deterministic RFC 4122 (version 4) ids, so the API's uuid validation accepts them.
  await db.execute(sql`create or replace function pg_temp.bid(t text) returns uuid language sql immutable as $$
    select (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12))::uuid
    from (select md5(t) h) x $$`);
  await db.execute(sql`insert into units (id, name, level, kind, region)
    select pg_temp.bid('u' || g), '单位' || g, 'prefecture', 'department', '湖北省' from generate_series(1, ${UNITS}) g`);
  await db.execute(sql`insert into plans (id, title, kind, status, task_count, published_at)
    select pg_temp.bid('p' || g), '规划' || g, 'work', 'published', ${TASKS_PER_PLAN}, now() from generate_series(1, ${PLANS}) g`);
  await db.execute(sql`insert into tasks (id, plan_id, path, ord, text, status, deadline_date)
    select pg_temp.bid('t' || p || '-' || g), pg_temp.bid('p' || p), '二/（一）/' || g, g, '任务内容' || g, 'assigned', date '2026-12-31'
    from generate_series(1, ${PLANS}) p, generate_series(1, ${TASKS_PER_PLAN}) g`);
  // Each task: one lead and one or two responsible units, spread over all units.
  await db.execute(sql`insert into task_units (task_id, unit_id, plan_id, role, ord, assignment, plan_status)
    select pg_temp.bid('t' || p || '-' || g), pg_temp.bid('u' || (1 + (p * 7919 + g * 104729 + k * 15485863) % ${UNITS})), pg_temp.bid('p' || p),
           case when k = 0 then 'lead' else 'responsible' end, k, 'assigned', 'published'
    from generate_series(1, ${PLANS}) p, generate_series(1, ${TASKS_PER_PLAN}) g, generate_series(0, 1 + (g % 2)) k
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  const [counts] = await rows<{ t: number; a: number }>(
    db,
    sql`select (select count(*)::int from tasks) t, (select count(*)::int from task_units) a`,
  );
  console.log(
    `data: ${UNITS} units, ${counts!.t} tasks, ${counts!.a} assignments in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = process.hrtime.bigint();
      await fn(i);
      samples.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    samples.sort((a, b) => a - b);
    const q = (p: number) =>
      samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(2);
    console.log(`${label}: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (n=${n})`);
  }

  await time("a unit's open assignments (index task_units_unit_idx)", 200, (i) =>
    rows(
      db,
      sql`select tu.task_id, t.deadline_date from task_units tu join tasks t on t.id = tu.task_id
      where tu.unit_id = pg_temp.bid('u' || ${1 + (i % UNITS)}) and tu.plan_status = 'published' order by t.deadline_date limit 50`,
    ),
  );
  await time('plan list (published, newest first)', 100, () =>
    rows(
      db,
      sql`select id, title, task_count from plans where status = 'published' order by created_at desc limit 50`,
    ),
  );
  const app = await buildApp({ db: database, config: testConfig({ databaseUrl: url ?? null }) });
  await time('GET /api/plans/:id (1,000 tasks with units)', 20, async (i) => {
    const res = await app.inject({ method: 'GET', url: `/api/plans/${await planId(1 + (i % PLANS))}` });
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  await app.close();
  await database.close();
}

function planId(n: number) {
  // md5('p' || n) as a uuid, computed the same way as in SQL.
  return import('node:crypto').then(({ createHash }) => {
    const h = createHash('md5').update(`p${n}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
