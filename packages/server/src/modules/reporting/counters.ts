import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
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

async function applyRow(
  db: Db,
  table: 'plan_states' | 'unit_states',
  key: 'plan_id' | 'unit_id',
  id: string,
  deltas: CountDeltas,
  progressDelta = 0,
) {
  const entries = Object.entries(deltas).filter(([, v]) => v) as [keyof typeof COLUMNS, number][];
  if (!entries.length && !progressDelta) return;
  const cols = entries.map(([k]) => sql.identifier(COLUMNS[k]));
  const values = entries.map(([, v]) => sql`${Math.max(0, v)}`);
  const sets = entries.map(
    ([k, v]) => sql`${sql.identifier(COLUMNS[k])} = greatest(0, t.${sql.identifier(COLUMNS[k])} + ${v})`,
  );
  if (progressDelta) {
    // Only plan rows carry progress; a row created here has no weight yet, so no progress either.
    cols.push(sql.identifier('weighted_percent_sum'));
    values.push(sql`${Math.max(0, progressDelta)}`);
    const sum = sql`greatest(0, t.weighted_percent_sum + ${progressDelta}::float8)`;
    sets.push(
      sql`weighted_percent_sum = ${sum}`,
      sql`progress = case when t.weight_total > 0 then least(100, ${sum} / t.weight_total) else t.progress end`,
    );
  }
  await db.execute(
    sql`insert into ${sql.identifier(table)} as t (${sql.identifier(key)}, ${sql.join(cols, sql`, `)})
        values (${id}, ${sql.join(values, sql`, `)})
        on conflict (${sql.identifier(key)}) do update set ${sql.join(sets, sql`, `)}`,
  );
}

/**
 * Applies the collected count changes in one fixed order — plan rows, then unit rows, each sorted
 * by id — so concurrent commands never take counter row locks in opposite orders (deadlocks on
 * PostgreSQL, bench/FINDINGS.md finding 0); then refreshes the unit lights that depend on them.
 */
async function flush(db: Db, p: Pending): Promise<void> {
  for (const id of p.progress.keys()) if (!p.plans.has(id)) p.plans.set(id, {});
  const plans = [...p.plans].sort(([a], [b]) => a.localeCompare(b));
  const progress = new Map(p.progress);
  const units = [...p.units].sort(([a], [b]) => a.localeCompare(b));
  const lights = [...p.lightUnits].sort();
  p.plans.clear();
  p.units.clear();
  p.progress.clear();
  p.lightUnits.clear();
  for (const [id, d] of plans) await applyRow(db, 'plan_states', 'plan_id', id, d, progress.get(id) ?? 0);
  for (const [id, d] of units) await applyRow(db, 'unit_states', 'unit_id', id, d);
  if (lights.length) {
    const { refreshUnitLights } = await import('../supervision/lights.js');
    await refreshUnitLights(db, lights);
  }
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
