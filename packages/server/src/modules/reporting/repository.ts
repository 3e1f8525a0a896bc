import { and, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../directory/schema.js';
import { tasks, taskUnits } from '../plans/schema.js';
import { localDate } from './periods.js';
import { reportCycles, reports, taskStates } from './schema.js';

export type ReportRow = typeof reports.$inferSelect;
export type CycleRow = typeof reportCycles.$inferSelect;

export async function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  const [r] = await db.select().from(reports).where(eq(reports.id, id));
  return r;
}

async function lockReportRow(db: Db, id: string): Promise<ReportRow | undefined> {
  const [found] = await db
    .select({ r: reports, signoff: reportCycles.leaderSignoff })
    .from(reports)
    .innerJoin(reportCycles, eq(reportCycles.id, reports.cycleId))
    .where(eq(reports.id, id))
    .for('update', { of: reports });
  if (found) signoffsOf(db).set(found.r.cycleId, found.signoff);
  return found?.r;
}

/** Rows locked by a route's ownership check, handed to the command's `lockReport` once. */
const lockedByTx = new WeakMap<object, Map<string, ReportRow>>();

/**
 * Locks the report row for the rest of the transaction (concurrent saves queue up); its cycle's
 * sign-off rule comes with it (remembered for the transaction, see `leaderSignoffOfCycle`).
 * A row the route's ownership check already locked (`lockedOwnerOfReport`) is not read again.
 */
export async function lockReport(db: Db, id: string): Promise<ReportRow | undefined> {
  const locked = lockedByTx.get(db);
  const row = locked?.get(id);
  if (row) {
    locked!.delete(id);
    return row;
  }
  return lockReportRow(db, id);
}

/**
 * The unit owning a report, for routes that go on to change it: the row is locked here already
 * and handed to the command, so the check and the command's lock are one statement, not two.
 */
export async function lockedOwnerOfReport(db: Db, id: string): Promise<string[] | null> {
  const row = await lockReportRow(db, id);
  if (!row) return null;
  let locked = lockedByTx.get(db);
  if (!locked) lockedByTx.set(db, (locked = new Map<string, ReportRow>()));
  locked.set(id, row);
  return [row.unitId];
}

export async function findCycle(db: Db, id: string): Promise<CycleRow | undefined> {
  const [c] = await db.select().from(reportCycles).where(eq(reportCycles.id, id));
  return c;
}

/** The unit owning a report, plus the consolidating lead unit for a co-unit's input (who may read it). */
export async function readerUnitsOfReport(db: Db, id: string): Promise<string[] | null> {
  const [r] = await db
    .select({ unitId: reports.unitId, leadReportId: reports.leadReportId })
    .from(reports)
    .where(eq(reports.id, id));
  if (!r) return null;
  if (!r.leadReportId) return [r.unitId];
  const [lead] = await db
    .select({ unitId: reports.unitId })
    .from(reports)
    .where(eq(reports.id, r.leadReportId));
  return lead ? [r.unitId, lead.unitId] : [r.unitId];
}

/** Entry is locked after the lock date unless an exception runs; a returned report stays open. */
export function isLocked(r: Pick<ReportRow, 'lockDate' | 'exceptionUntil' | 'status'>, now: Date): boolean {
  if (r.status === 'returned') return false;
  const today = localDate(now);
  if (today <= r.lockDate) return false;
  return !(r.exceptionUntil && today <= r.exceptionUntil);
}

/** A report is on the unit's desk (counted as open work) in these states. */
export function isOpenStatus(status: string, leaderSignoff: boolean): boolean {
  return (
    status === 'pending' ||
    status === 'draft' ||
    status === 'returned' ||
    (leaderSignoff && status === 'submitted')
  );
}

const REPORT_COLUMNS = Object.entries(getTableColumns(reports));

/**
 * Report rows read as JSON (`to_json(r)` inside a larger statement) in the shape drizzle gives:
 * property names, timestamps as Date, everything else as JSON has it (dates stay strings).
 */
export function reportRowsFromJson(list: readonly Record<string, unknown>[]): ReportRow[] {
  return list.map(
    (j) =>
      Object.fromEntries(
        REPORT_COLUMNS.map(([key, c]) => {
          const v = j[c.name] ?? null;
          return [key, v !== null && c.columnType === 'PgTimestamp' ? new Date(v as string) : v];
        }),
      ) as ReportRow,
  );
}

/** SQL for a report's co-unit inputs with their unit names, by unit name, as JSON (`reportRowsFromJson`). */
export const coUnitInputsJson = (leadReportId: string) => sql`coalesce((
  select json_agg(json_build_object('r', to_json(c), 'unitName', u.name) order by u.name)
  from reports c join units u on u.id = c.unit_id where c.lead_report_id = ${leadReportId}), '[]'::json)`;

/** SQL for the earlier periods of the same task and unit, newest first (at most 12), as JSON. */
export const historyJson = (r: ReportRow) => sql`coalesce((
  select json_agg(to_json(h) order by h.period_start desc) from (
    select * from reports h where h.task_id = ${r.taskId} and h.unit_id = ${r.unitId} and h.period_start < ${r.periodStart}
    order by h.period_start desc limit 12) h), '[]'::json)`;

export async function taskOf(db: Db, taskId: string) {
  const [t] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  return t;
}

export async function taskStateOf(db: Db, taskId: string) {
  const [s] = await db.select().from(taskStates).where(eq(taskStates.taskId, taskId));
  return s;
}

/** The units that may request 办结 of a task: its lead units, or all its units when it has no lead. */
export async function finishingUnitsOfTask(db: Db, taskId: string): Promise<string[] | null> {
  const tus = await db
    .select({ unitId: taskUnits.unitId, role: taskUnits.role })
    .from(taskUnits)
    .where(and(eq(taskUnits.taskId, taskId), ne(taskUnits.assignment, 'returned')));
  if (!tus.length) return (await taskOf(db, taskId)) ? [] : null;
  const leads = tus.filter((t) => t.role === 'lead');
  return (leads.length ? leads : tus).map((t) => t.unitId);
}

export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

const PROGRESS_OF_PLANS = (planId: string | null) => sql`
  select t.plan_id,
    coalesce(sum(coalesce(t.weight, 1) * case when t.status = 'signed_off' then 100 else coalesce(s.percent, 0) end), 0) as s,
    coalesce(sum(coalesce(t.weight, 1)), 0) as w
  from tasks t left join task_states s on s.task_id = t.id
  where t.status not in ('draft', 'cancelled') ${planId ? sql`and t.plan_id = ${planId}` : sql``}
  group by t.plan_id`;

/**
 * Recomputes the plan's progress from its tasks: the weighted sum and total it is maintained from
 * (a report then only moves the sum, see `bumpPlanProgress`). For publish, revision and sign-off.
 */
export async function refreshPlanProgress(db: Db, planId: string): Promise<void> {
  await db.execute(sql`update plan_states ps set weighted_percent_sum = coalesce(x.s, 0), weight_total = coalesce(x.w, 0),
      progress = case when x.w > 0 then x.s / x.w else 0 end
    from plan_states p left join (${PROGRESS_OF_PLANS(planId)}) x on x.plan_id = p.plan_id
    where ps.plan_id = ${planId} and p.plan_id = ps.plan_id`);
}

/**
 * Every plan's progress recomputed from its tasks, set-based: for bulk loads and recounts that
 * write task states directly (bench/generate.mjs through resilience/recount.ts).
 */
export async function refreshAllPlanProgress(db: Db): Promise<void> {
  await db.execute(sql`update plan_states ps set weighted_percent_sum = coalesce(x.s, 0), weight_total = coalesce(x.w, 0),
      progress = case when x.w > 0 then x.s / x.w else 0 end
    from plan_states p left join (${PROGRESS_OF_PLANS(null)}) x on x.plan_id = p.plan_id
    where p.plan_id = ps.plan_id`);
}

const signoffByTx = new WeakMap<object, Map<string, boolean>>();
const signoffsOf = (db: Db) => {
  let cache = signoffByTx.get(db);
  if (!cache) signoffByTx.set(db, (cache = new Map<string, boolean>()));
  return cache;
};
/**
 * Whether the cycle requires the unit leader's sign-off, looked up once per transaction (a submit
 * and the detail it answers with need it for several reports of the same cycle).
 */
export async function leaderSignoffOfCycle(db: Db, cycleId: string): Promise<boolean> {
  const cache = signoffsOf(db);
  let v = cache.get(cycleId);
  if (v === undefined) {
    v = (await findCycle(db, cycleId))?.leaderSignoff ?? false;
    cache.set(cycleId, v);
  }
  return v;
}

/** Forgets the cached sign-off rules of this transaction (after a cycle changed). */
export function forgetCycles(db: Db): void {
  signoffByTx.delete(db);
}
