/**
 * Benchmark (not a test): GET /api/inbox's query at national scale on PostgreSQL.
 *   DATABASE_URL=postgres://… npx tsx packages/server/src/modules/inbox/bench-inbox.ts [units tasks reports]
 * Creates a scratch database `xietong_bench_inbox`, generates 2,000 units, 200,000 tasks (3 units
 * each), 2,000,000 report slots (history plus the open period), task/unit states and notices, then
 * times `inboxOf` for reporters of random units and for a coordinator. Prints p50/p95 in ms.
 */
import { sql } from 'drizzle-orm';
import { openPostgres, rows } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import type { Actor } from '../../policy.js';
import { inboxOf } from './queries.js';

const reuse = process.argv.includes('--reuse');
const [U = 2000, T = 200_000, R = 2_000_000] = process.argv
  .slice(2)
  .filter((a) => a !== '--reuse')
  .map(Number);
const base = process.env.DATABASE_URL;
if (!base) throw new Error('set DATABASE_URL to a PostgreSQL server');
const NAME = 'xietong_bench_inbox';

if (!reuse) {
  const admin = await openPostgres(base, 1);
  await admin.db.execute(sql.raw(`drop database if exists ${NAME}`));
  await admin.db.execute(sql.raw(`create database ${NAME}`));
  await admin.close();
}
const url = new URL(base);
url.pathname = `/${NAME}`;
const database = await openPostgres(url.toString(), 2);
const { db } = database;
if (!reuse) await generate();

async function generate() {
  await migrate(db);

  const t0 = Date.now();
  const step = async (label: string, q: string) => {
    const s = Date.now();
    await db.execute(sql.raw(q));
    console.log(`${label}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  const PLANS = 20;
  const perPlan = Math.ceil(T / PLANS);
  const leadPeriods = Math.max(1, Math.floor((R - 2 * T) / T)); // lead history periods; co-units get the open one
  await step(
    'units',
    `insert into units (id, name, level, kind) select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, '单位' || g, 'prefecture', 'department' from generate_series(1, ${U}) g`,
  );
  await step(
    'plans',
    `insert into plans (id, title, kind, status, published_at) select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, '规划' || g, 'work', 'published', now() - interval '300 days' from generate_series(1, ${PLANS}) g`,
  );
  await step(
    'cycles',
    `insert into report_cycles (id, plan_id, period, what, last_period_key) select ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, 'monthly', '月报', '2026-11' from generate_series(1, ${PLANS}) g`,
  );
  await step(
    'tasks',
    `insert into tasks (id, plan_id, path, ord, text, status, deadline_date) select ('00000000-0000-4000-b000-' || lpad(to_hex(g), 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad(to_hex(1 + (g - 1) / ${perPlan}), 12, '0'))::uuid, '1.' || g, g, '推进第' || g || '项重点工作，确保按期完成。', 'assigned', date '2026-12-31' from generate_series(1, ${T}) g`,
  );
  // Each task: a lead and two co-units, spread over all units.
  await step(
    'task_units',
    `insert into task_units (task_id, unit_id, plan_id, role, ord, assignment, assigned_at, plan_status)
  select t.id, ('00000000-0000-4000-8000-' || lpad(to_hex(1 + ((t.ord * 7 + k * 613) % ${U})), 12, '0'))::uuid, t.plan_id, case k when 0 then 'lead' else 'responsible' end, k,
    case when t.ord % 50 = 0 then 'assigned' else 'accepted' end, now() - interval '300 days', 'published'
  from tasks t cross join generate_series(0, 2) k`,
  );
  await step(
    'reports (lead history)',
    `insert into reports (cycle_id, plan_id, task_id, unit_id, role, is_lead, period_key, period_label, period_start, period_end, due_date, lock_date, status, open, work_status, percent, done, submitted_at, on_time)
  select c.id, t.plan_id, t.id, tu.unit_id, 'lead', true, to_char(d, 'YYYY-MM'), to_char(d, 'YYYY年MM月'), d::date, (d + interval '1 month - 1 day')::date, (d + interval '1 month 19 days')::date, (d + interval '1 month 29 days')::date,
    'accepted', false, 'in_progress', p * 10, '已完成本月工作。', d + interval '1 month 10 days', true
  from tasks t join task_units tu on tu.task_id = t.id and tu.role = 'lead' join report_cycles c on c.plan_id = t.plan_id
  cross join generate_series(1, ${leadPeriods}) p cross join lateral (select date '2026-10-01' - (p * interval '1 month') as d) dd`,
  );
  await step(
    'reports (open period, all units)',
    `insert into reports (cycle_id, plan_id, task_id, unit_id, role, is_lead, period_key, period_label, period_start, period_end, due_date, lock_date, status, open)
  select c.id, t.plan_id, t.id, tu.unit_id, tu.role, tu.role = 'lead', '2026-11', '2026年11月', date '2026-11-01', date '2026-11-30', date '2026-12-20', date '2026-12-30',
    case when t.ord % 3 = 0 then 'draft' else 'pending' end, true
  from tasks t join task_units tu on tu.task_id = t.id join report_cycles c on c.plan_id = t.plan_id`,
  );
  await step(
    'task_states',
    `insert into task_states (task_id, plan_id, light, percent, light_reasons) select id, plan_id, case when ord % 17 = 0 then 'red' when ord % 7 = 0 then 'yellow' else 'green' end, 50, '[]' from tasks`,
  );
  await step(
    'unit_states',
    `insert into unit_states (unit_id, open_reports, open_notices) select unit_id, count(*), 0 from reports where open group by unit_id`,
  );
  await step(
    'notices',
    `insert into supervision_notices (plan_id, task_id, unit_id, level, text, status, reply_by)
  select t.plan_id, t.id, tu.unit_id, 'urge', '请加快进度。', case when t.ord % 4 = 0 then 'open' else 'closed' end, date '2026-12-01'
  from tasks t join task_units tu on tu.task_id = t.id and tu.role = 'lead' where t.ord % 10 = 0`,
  );
  await step(
    'unit_work',
    `insert into unit_work (unit_id, kind, task_id, plan_id)
  select tu.unit_id, 'accept', tu.task_id, tu.plan_id from task_units tu where tu.assignment = 'assigned'
  union all select tu.unit_id, s.light, s.task_id, s.plan_id from task_states s join task_units tu on tu.task_id = s.task_id where s.light <> 'green'`,
  );
  await step('analyze', 'analyze');
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from reports`);
  console.log(`generated ${U} units, ${T} tasks, ${n} reports in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const now = new Date('2026-11-23T02:00:00Z');
const time = async (actor: Actor) => {
  const s = process.hrtime.bigint();
  await db.transaction(async (tx) => inboxOf(tx as never, actor, now));
  return Number(process.hrtime.bigint() - s) / 1e6;
};
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const reporter = (i: number): Actor => ({
  kind: 'user',
  userId: '00000000-0000-4000-c000-000000000001',
  username: 'r',
  name: 'r',
  unitId: `00000000-0000-4000-8000-${(1 + ((i * 7919) % U)).toString(16).padStart(12, '0')}`,
  roles: ['reporter'],
});
for (let i = 0; i < 50; i += 1) await time(reporter(i)); // warm up
const unitTimes: number[] = [];
for (let i = 0; i < 1000; i += 1) unitTimes.push(await time(reporter(i + 100)));
const coordinator: Actor = { ...(reporter(1) as Extract<Actor, { kind: 'user' }>), roles: ['coordinator'] };
const coordTimes: number[] = [];
for (let i = 0; i < 200; i += 1) coordTimes.push(await time(coordinator));
console.log(
  `inbox (reporter of a unit, ${unitTimes.length} calls, whole transaction): p50 ${pct(unitTimes, 0.5).toFixed(2)} ms, p95 ${pct(unitTimes, 0.95).toFixed(2)} ms`,
);
console.log(
  `inbox (coordinator, ${coordTimes.length} calls): p50 ${pct(coordTimes, 0.5).toFixed(2)} ms, p95 ${pct(coordTimes, 0.95).toFixed(2)} ms`,
);
await database.close();
