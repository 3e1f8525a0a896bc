import { and, asc, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../directory/schema.js';
import { tasks, taskUnits } from '../plans/schema.js';
import { localDate } from './periods.js';
import { reportAttachments, reportCycles, reports, taskStates } from './schema.js';

export type ReportRow = typeof reports.$inferSelect;
export type CycleRow = typeof reportCycles.$inferSelect;

export async function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  const [r] = await db.select().from(reports).where(eq(reports.id, id));
  return r;
}

/** Locks the report row for the rest of the transaction (concurrent saves queue up). */
export async function lockReport(db: Db, id: string): Promise<ReportRow | undefined> {
  const [r] = await db.select().from(reports).where(eq(reports.id, id)).for('update');
  return r;
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

export async function ownerUnitOfReport(db: Db, id: string): Promise<string[] | null> {
  const [r] = await db.select({ unitId: reports.unitId }).from(reports).where(eq(reports.id, id));
  return r ? [r.unitId] : null;
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

export async function coUnitInputs(db: Db, leadReportId: string) {
  return db
    .select({ r: reports, unitName: units.name })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(eq(reports.leadReportId, leadReportId))
    .orderBy(asc(units.name));
}

/** Earlier periods of the same task and unit, newest first. */
export async function historyOf(db: Db, r: ReportRow, limit = 12) {
  return db
    .select()
    .from(reports)
    .where(
      and(eq(reports.taskId, r.taskId), eq(reports.unitId, r.unitId), lt(reports.periodStart, r.periodStart)),
    )
    .orderBy(desc(reports.periodStart))
    .limit(limit);
}

export async function attachmentsOf(db: Db, reportId: string) {
  return db
    .select({
      id: reportAttachments.id,
      filename: reportAttachments.filename,
      mime: reportAttachments.mime,
      size: reportAttachments.size,
      createdAt: reportAttachments.createdAt,
    })
    .from(reportAttachments)
    .where(eq(reportAttachments.reportId, reportId))
    .orderBy(asc(reportAttachments.createdAt));
}

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

/** Weighted average of the plan's task progress (signed-off tasks count 100%). */
export async function refreshPlanProgress(db: Db, planId: string): Promise<void> {
  await db.execute(sql`update plan_states set progress = coalesce((
      select sum(coalesce(t.weight, 1) * case when t.status in ('signed_off') then 100 else coalesce(s.percent, 0) end) / nullif(sum(coalesce(t.weight, 1)), 0)
      from tasks t left join task_states s on s.task_id = t.id where t.plan_id = ${planId} and t.status not in ('draft', 'cancelled')), 0)
    where plan_id = ${planId}`);
}
