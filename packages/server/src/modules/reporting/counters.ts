import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { onBeforeCommit } from '../../http/context.js';

/** Counter columns kept per unit and per plan. */
export type CountDeltas = Partial<
  Record<
    | 'openReports'
    | 'submittedReports'
    | 'acceptedReports'
    | 'onTimeReports'
    | 'lateReports'
    | 'redTasks'
    | 'yellowTasks',
    number
  >
>;
const COLUMNS = {
  openReports: 'open_reports',
  submittedReports: 'submitted_reports',
  acceptedReports: 'accepted_reports',
  onTimeReports: 'on_time_reports',
  lateReports: 'late_reports',
  redTasks: 'red_tasks',
  yellowTasks: 'yellow_tasks',
} as const;

interface Pending {
  depth: number;
  /** Apply at commit (`deferCounts`) instead of at the end of the outermost command. */
  deferred: boolean;
  /** The commit hook is registered. */
  hooked: boolean;
  plans: Map<string, CountDeltas>;
  units: Map<string, CountDeltas>;
  /** Changes of each plan's weighted percent sum (its progress follows). */
  progress: Map<string, number>;
  lightUnits: Set<string>;
}
/** Rows per statement (9 parameters each). */
const CHUNK = 1000;

/** Count changes collected per transaction, applied once at the end of the outermost command. */
const pendingByTx = new WeakMap<object, Pending>();
const pendingOf = (db: Db): Pending => {
  let p = pendingByTx.get(db);
  if (!p)
    pendingByTx.set(
      db,
      (p = {
        depth: 0,
        deferred: false,
        hooked: false,
        plans: new Map(),
        units: new Map(),
        progress: new Map(),
        lightUnits: new Set(),
      }),
    );
  return p;
};
const add = (m: Map<string, CountDeltas>, id: string, d: [keyof typeof COLUMNS, number][]) => {
  const cur = m.get(id) ?? {};
  for (const [k, v] of d) cur[k] = (cur[k] ?? 0) + v;
  m.set(id, cur);
};

type Column = keyof typeof COLUMNS;
const ALL = Object.keys(COLUMNS) as Column[];
const col = (k: Column) => sql.identifier(COLUMNS[k]);

/** A unit's light and reasons from its red/yellow counts (`red`, `yellow`: SQL for the new counts). */
const unitLight = (red: SQL, yellow: SQL) => ({
  light: sql`case when ${red} > 0 then 'red' when ${yellow} > 0 then 'yellow' else 'green' end`,
  reasons: sql`(case when ${red} > 0 then jsonb_build_array(jsonb_build_object('code', 'deadline_passed', 'level', 'red', 'message', (${red}) || ' 项任务亮红灯')) else '[]'::jsonb end)
    || (case when ${yellow} > 0 then jsonb_build_array(jsonb_build_object('code', 'deadline_near', 'level', 'yellow', 'message', (${yellow}) || ' 项任务亮黄灯')) else '[]'::jsonb end)`,
});

/**
 * One row (a report save or step touches one unit and one plan): one upsert with the deltas as
 * literals — cheaper to plan than the multi-row form (PGlite: 0.4 ms against 2 ms).
 */
async function applyOne(
  db: Db,
  table: 'plan_states' | 'unit_states',
  key: ReturnType<typeof sql.identifier>,
  [id, d]: [string, CountDeltas],
  progress: Map<string, number>,
): Promise<void> {
  const delta = (k: Column) => d[k] ?? 0;
  const next = (k: Column) => sql`greatest(0, t.${col(k)} + ${delta(k)}::int)`;
  const cols: SQL[] = ALL.map((k) => sql`${col(k)}`);
  const values = ALL.map((k) => sql`${Math.max(0, delta(k))}::int`);
  const sets = ALL.filter((k) => delta(k)).map((k) => sql`${col(k)} = ${next(k)}`);
  if (table === 'plan_states') {
    const p = progress.get(id) ?? 0;
    if (p) {
      const sum = sql`greatest(0, t.weighted_percent_sum + ${p}::float8)`;
      sets.push(
        sql`weighted_percent_sum = ${sum}`,
        sql`progress = case when t.weight_total > 0 then least(100, ${sum} / t.weight_total) else t.progress end`,
      );
    }
  } else {
    const fresh = unitLight(
      sql`${Math.max(0, delta('redTasks'))}::int`,
      sql`${Math.max(0, delta('yellowTasks'))}::int`,
    );
    cols.push(sql`light`, sql`light_reasons`);
    values.push(fresh.light, fresh.reasons);
    const l = unitLight(next('redTasks'), next('yellowTasks'));
    sets.push(sql`light = ${l.light}`, sql`light_reasons = ${l.reasons}`);
  }
  if (!sets.length) sets.push(sql`${key} = t.${key}`);
  await db.execute(
    sql`insert into ${sql.identifier(table)} as t (${key}, ${sql.join(cols, sql`, `)})
        values (${id}::uuid, ${sql.join(values, sql`, `)})
        on conflict (${key}) do update set ${sql.join(sets, sql`, `)}`,
  );
}

/**
 * Applies count deltas to the rows of one table in one statement: the rows are locked in id order
 * (`select … order by id for update`, so concurrent writers never lock two rows in opposite orders),
 * then updated; a unit's light follows its red/yellow counts in the same statement. Rows that do
 * not exist yet are inserted (counts clamped at 0) — a rare path, retried once if a concurrent
 * writer inserted the same row first.
 */
async function applyRows(
  db: Db,
  table: 'plan_states' | 'unit_states',
  rowsById: [string, CountDeltas][],
  progress: Map<string, number>,
): Promise<void> {
  if (!rowsById.length) return;
  const key = sql.identifier(table === 'plan_states' ? 'plan_id' : 'unit_id');
  const withProgress = table === 'plan_states';
  if (rowsById.length === 1) return applyOne(db, table, key, rowsById[0]!, progress);
  const values = (ids: [string, CountDeltas][]) =>
    sql.join(
      ids.map(
        ([id, d]) =>
          sql`(${id}::uuid, ${sql.join(
            ALL.map((k) => sql`${d[k] ?? 0}::int`),
            sql`, `,
          )}${withProgress ? sql`, ${progress.get(id) ?? 0}::float8` : sql``})`,
      ),
      sql`, `,
    );
  const vcols = sql.join(
    [key, ...ALL.map(col), ...(withProgress ? [sql.identifier('progress_delta')] : [])],
    sql`, `,
  );
  const sets = ALL.map((k) => sql`${col(k)} = greatest(0, t.${col(k)} + v.${col(k)})`);
  if (withProgress) {
    const sum = sql`greatest(0, t.weighted_percent_sum + v.progress_delta)`;
    sets.push(
      sql`weighted_percent_sum = ${sum}`,
      sql`progress = case when v.progress_delta = 0 then t.progress when t.weight_total > 0 then least(100, ${sum} / t.weight_total) else t.progress end`,
    );
  } else {
    const l = unitLight(
      sql`greatest(0, t.red_tasks + v.red_tasks)`,
      sql`greatest(0, t.yellow_tasks + v.yellow_tasks)`,
    );
    sets.push(sql`light = ${l.light}`, sql`light_reasons = ${l.reasons}`);
  }
  const update = (ids: [string, CountDeltas][]) =>
    rows<{ id: string }>(
      db,
      sql`update ${sql.identifier(table)} t set ${sql.join(sets, sql`, `)}
        from (values ${values(ids)}) as v(${vcols}),
          (select ${key} from ${sql.identifier(table)} where ${key} in (${sql.join(
            ids.map(([id]) => sql`${id}::uuid`),
            sql`, `,
          )}) order by ${key} for update) as locked
        where t.${key} = v.${key} and locked.${key} = v.${key}
        returning t.${key} as id`,
    );
  const done = new Set((await update(rowsById)).map((r) => r.id));
  const missing = rowsById.filter(([id]) => !done.has(id));
  if (!missing.length) return;
  // New rows: their counts are the deltas, clamped at 0 (no progress without weight yet).
  const clamp = (c: Column) => sql`greatest(0, v.${col(c)})`;
  const light = withProgress ? null : unitLight(clamp('redTasks'), clamp('yellowTasks'));
  const inserted = await rows<{ id: string }>(
    db,
    sql`insert into ${sql.identifier(table)} (${key}, ${sql.join(ALL.map(col), sql`, `)}${light ? sql`, light, light_reasons` : sql``})
      select v.${key}, ${sql.join(ALL.map(clamp), sql`, `)}${light ? sql`, ${light.light}, ${light.reasons}` : sql``}
      from (values ${values(missing)}) as v(${vcols}) order by v.${key}
      on conflict do nothing returning ${key} as id`,
  );
  const raced = missing.filter(([id]) => !inserted.some((r) => r.id === id));
  if (raced.length) await update(raced);
}

/**
 * Applies the collected count changes in one fixed order — unit rows, then plan rows, each in id
 * order — so concurrent commands never take counter row locks in opposite orders (deadlocks on
 * PostgreSQL, bench/FINDINGS.md finding 0). Plan rows come last: every writer of a plan shares its
 * row, so its lock is held from this statement to the commit only. Units marked for a light
 * refresh are part of the unit statement (their light follows their counts).
 */
async function flush(db: Db, p: Pending): Promise<void> {
  for (const id of p.progress.keys()) if (!p.plans.has(id)) p.plans.set(id, {});
  for (const id of p.lightUnits) if (!p.units.has(id)) p.units.set(id, {});
  const byId = (a: [string, CountDeltas], b: [string, CountDeltas]) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  const plans = [...p.plans].sort(byId);
  const units = [...p.units].sort(byId);
  const progress = new Map(p.progress);
  p.plans.clear();
  p.units.clear();
  p.progress.clear();
  p.lightUnits.clear();
  for (let i = 0; i < units.length; i += CHUNK)
    await applyRows(db, 'unit_states', units.slice(i, i + CHUNK), progress);
  for (let i = 0; i < plans.length; i += CHUNK)
    await applyRows(db, 'plan_states', plans.slice(i, i + CHUNK), progress);
}

/**
 * Runs a command so that its count changes are applied once, at its end, in a fixed lock order.
 * Nested commands join the outermost one.
 */
export async function counted<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const p = pendingOf(db);
  p.depth += 1;
  try {
    const result = await fn();
    if (p.depth === 1) {
      if (!p.deferred) await flush(db, p);
      else if (!p.hooked) {
        p.hooked = onBeforeCommit(db, async () => {
          p.hooked = false;
          await flush(db, p);
        });
        if (!p.hooked) await flush(db, p);
      }
    }
    return result;
  } finally {
    p.depth -= 1;
  }
}

/**
 * Makes this transaction's count changes wait until it commits (`onBeforeCommit`): every writer of
 * a plan updates the same `plan_states` row, so on PostgreSQL concurrent submits would queue on its
 * row lock from the command's end through presenting the answer to the commit. For commands that
 * read no counts afterwards in the same transaction (report saves and workflow steps).
 */
export function deferCounts(db: Db): void {
  pendingOf(db).deferred = true;
}

/**
 * Adds deltas to a unit's and a plan's maintained counts, in the caller's transaction: collected
 * and applied at the end of the enclosing `counted` command (immediately outside one).
 */
export async function bumpCounts(
  db: Db,
  target: { unitId?: string | null; planId?: string | null },
  deltas: CountDeltas,
): Promise<void> {
  const entries = Object.entries(deltas).filter(([, v]) => v) as [keyof typeof COLUMNS, number][];
  if (!entries.length) return;
  const p = pendingOf(db);
  if (target.planId) add(p.plans, target.planId, entries);
  if (target.unitId) add(p.units, target.unitId, entries);
  if (p.depth === 0) await flush(db, p);
}

/**
 * Moves a plan's weighted percent sum (a task's weight × the change of its percent); the plan's
 * progress is updated with its counts, in the same statement, at the end of the command.
 */
export async function bumpPlanProgress(db: Db, planId: string, delta: number): Promise<void> {
  if (!delta || !Number.isFinite(delta)) return;
  const p = pendingOf(db);
  p.progress.set(planId, (p.progress.get(planId) ?? 0) + delta);
  if (p.depth === 0) await flush(db, p);
}

/** Unit lights to refresh once the counts are applied. */
export async function markUnitLights(db: Db, unitIds: readonly string[]): Promise<void> {
  const p = pendingOf(db);
  for (const id of unitIds) p.lightUnits.add(id);
  if (p.depth === 0) await flush(db, p);
}

/** Which count a report status belongs to. */
export function bucketOf(
  status: string,
  open: boolean,
): 'openReports' | 'submittedReports' | 'acceptedReports' {
  if (open) return 'openReports';
  if (status === 'accepted' || status === 'consolidated') return 'acceptedReports';
  return 'submittedReports';
}

/** Deltas for a report moving from one state to another. */
export function transitionDeltas(
  before: { status: string; open: boolean },
  after: { status: string; open: boolean },
): CountDeltas {
  const a = bucketOf(before.status, before.open);
  const b = bucketOf(after.status, after.open);
  if (a === b) return {};
  return { [a]: -1, [b]: 1 };
}
