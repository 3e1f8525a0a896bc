import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { refreshAllPlanProgress } from '../modules/reporting/repository.js';

/**
 * Recomputes the maintained report counts from the `reports` table itself (what `bumpCounts`
 * keeps incrementally in the write transactions) and the light counts from `task_states`.
 * Used by the resilience tests ("counts match a recomputation from scratch") and by the bench
 * generator (which moves reports into their states with set-based SQL and then rebuilds these rows).
 */
const UNIT_COUNTS = sql`
  select u.unit_id as key,
    count(*) filter (where r.open)::int as open_reports,
    count(*) filter (where not r.open and r.status not in ('accepted', 'consolidated'))::int as submitted_reports,
    count(*) filter (where not r.open and r.status in ('accepted', 'consolidated'))::int as accepted_reports,
    count(*) filter (where r.submitted_at is not null and r.on_time)::int as on_time_reports,
    count(*) filter (where r.submitted_at is not null and r.on_time = false)::int as late_reports
  from (select distinct unit_id from reports union select unit_id from unit_states) u
  left join reports r on r.unit_id = u.unit_id
  group by u.unit_id`;

const PLAN_COUNTS = sql`
  select p.plan_id as key,
    count(r.id) filter (where r.open)::int as open_reports,
    count(r.id) filter (where not r.open and r.status not in ('accepted', 'consolidated'))::int as submitted_reports,
    count(r.id) filter (where not r.open and r.status in ('accepted', 'consolidated'))::int as accepted_reports,
    count(r.id) filter (where r.submitted_at is not null and r.on_time)::int as on_time_reports,
    count(r.id) filter (where r.submitted_at is not null and r.on_time = false)::int as late_reports
  from (select distinct plan_id from reports union select plan_id from plan_states) p
  left join reports r on r.plan_id = p.plan_id
  group by p.plan_id`;

const UNIT_LIGHTS = sql`
  select us.unit_id as key,
    count(distinct s.task_id) filter (where s.light = 'red')::int as red_tasks,
    count(distinct s.task_id) filter (where s.light = 'yellow')::int as yellow_tasks
  from unit_states us
  left join task_units tu on tu.unit_id = us.unit_id and tu.plan_status = 'published' and tu.assignment <> 'returned'
  left join task_states s on s.task_id = tu.task_id
  group by us.unit_id`;

const PLAN_LIGHTS = sql`
  select ps.plan_id as key,
    count(s.task_id) filter (where s.light = 'red')::int as red_tasks,
    count(s.task_id) filter (where s.light = 'yellow')::int as yellow_tasks
  from plan_states ps left join task_states s on s.plan_id = ps.plan_id
  group by ps.plan_id`;

/** The latest lead report per task (what `task_states.latest_*` follows). */
const TASK_LATEST = sql`
  select distinct on (r.task_id) r.task_id as key, r.id as latest_report_id, r.status as latest_status, r.period_key as latest_period_key
  from reports r where r.is_lead
  order by r.task_id, r.period_key desc`;

export interface Mismatch {
  table: string;
  key: string;
  stored: Record<string, unknown> | null;
  recomputed: Record<string, unknown>;
}

const REPORT_COLS = [
  'open_reports',
  'submitted_reports',
  'accepted_reports',
  'on_time_reports',
  'late_reports',
];
const LIGHT_COLS = ['red_tasks', 'yellow_tasks'];

async function compare(
  db: Db,
  table: string,
  keyCol: string,
  cols: string[],
  query: SQL,
): Promise<Mismatch[]> {
  const list = sql.raw(cols.map((c) => `s.${c}`).join(', '));
  const found = await rows<Record<string, unknown> & { key: string; stored: Record<string, unknown> | null }>(
    db,
    sql`with c as (${query})
        select c.*, (select to_jsonb(x) from (select ${list} from ${sql.identifier(table)} s where s.${sql.identifier(keyCol)} = c.key) x) as stored
        from c`,
  );
  const out: Mismatch[] = [];
  for (const f of found) {
    const recomputed = Object.fromEntries(cols.map((c) => [c, f[c]]));
    const stored = f.stored;
    if (!stored || cols.some((c) => stored[c] !== recomputed[c]))
      out.push({ table, key: f.key, stored, recomputed });
  }
  return out;
}

/**
 * Compares (or, with `write`, overwrites) the maintained counts with a recomputation from scratch.
 * Returns the rows that differed.
 */
export async function recount(db: Db, options: { write?: boolean } = {}): Promise<Mismatch[]> {
  if (options.write) {
    await db.execute(
      sql`insert into unit_states (unit_id) select distinct unit_id from reports on conflict do nothing`,
    );
    await db.execute(
      sql`insert into plan_states (plan_id) select distinct plan_id from reports on conflict do nothing`,
    );
    await db.execute(sql`update unit_states t set open_reports = c.open_reports, submitted_reports = c.submitted_reports,
        accepted_reports = c.accepted_reports, on_time_reports = c.on_time_reports, late_reports = c.late_reports
      from (${UNIT_COUNTS}) c where c.key = t.unit_id`);
    await db.execute(sql`update plan_states t set open_reports = c.open_reports, submitted_reports = c.submitted_reports,
        accepted_reports = c.accepted_reports, on_time_reports = c.on_time_reports, late_reports = c.late_reports
      from (${PLAN_COUNTS}) c where c.key = t.plan_id`);
    await db.execute(sql`update task_states t set latest_report_id = c.latest_report_id, latest_status = c.latest_status, latest_period_key = c.latest_period_key
      from (${TASK_LATEST}) c where c.key = t.task_id`);
    await db.execute(sql`update task_states t set work_status = c.work_status, percent = c.percent
      from (select distinct on (r.task_id) r.task_id, r.work_status, r.percent from reports r
            where r.is_lead and r.status not in ('pending', 'draft') order by r.task_id, r.period_key desc) c
      where c.task_id = t.task_id`);
    // Plan progress is maintained as weighted sums moved by each submit: rebuild it from the tasks.
    await refreshAllPlanProgress(db);
    await db.execute(
      sql`update unit_states t set red_tasks = c.red_tasks, yellow_tasks = c.yellow_tasks from (${UNIT_LIGHTS}) c where c.key = t.unit_id`,
    );
    await db.execute(
      sql`update plan_states t set red_tasks = c.red_tasks, yellow_tasks = c.yellow_tasks from (${PLAN_LIGHTS}) c where c.key = t.plan_id`,
    );
  }
  return [
    ...(await compare(db, 'unit_states', 'unit_id', REPORT_COLS, UNIT_COUNTS)),
    ...(await compare(db, 'plan_states', 'plan_id', REPORT_COLS, PLAN_COUNTS)),
    ...(await compare(db, 'unit_states', 'unit_id', LIGHT_COLS, UNIT_LIGHTS)),
    ...(await compare(db, 'plan_states', 'plan_id', LIGHT_COLS, PLAN_LIGHTS)),
    ...(await compare(
      db,
      'task_states',
      'task_id',
      ['latest_report_id', 'latest_status', 'latest_period_key'],
      TASK_LATEST,
    )),
  ];
}
