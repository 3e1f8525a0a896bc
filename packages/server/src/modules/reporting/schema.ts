import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  primaryKey,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { units } from '../directory/schema.js';
import { plans, tasks } from '../plans/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
const planRef = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' });
const taskRef = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' });
const unitRef = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => units.id, { onDelete: 'cascade' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A reporting cycle of a plan, opened at publish from the plan's cadences (月调度、季通报、半年报).
 * Only the cycle with `unitReports` opens report slots; the others are recorded for bulletins.
 */
export const reportCycles = pgTable(
  'report_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: planRef('plan_id'),
    /** monthly | quarterly | half-yearly | yearly */
    period: text('period').notNull(),
    what: text('what').notNull(),
    /** The due date is the N-th day after the period ends (20: the 20th of the next month). */
    dueDaysAfter: integer('due_days_after').notNull().default(20),
    /** Entry stays open this many days after the due date, then locks (unless an exception). */
    windowDays: integer('window_days').notNull().default(10),
    /** Reports must be signed off (签发) by the unit leader before the coordinator reviews them. */
    leaderSignoff: boolean('leader_signoff').notNull().default(false),
    unitReports: boolean('unit_reports').notNull().default(true),
    /** The latest period whose slots are open ("2026-11", "2026-Q4", "2026-H2", "2026"). */
    lastPeriodKey: text('last_period_key'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('report_cycles_plan_idx').on(t.planId)],
);

/**
 * A report slot: one per task, unit and period, opened empty ("pending"); the unit drafts and
 * submits into it. The lead unit's slot (`isLead`) consolidates the co-units' slots
 * (`leadReportId`). `open` is maintained (pending/draft/returned) so a unit's due work is one
 * range scan on a partial index, never a scan of report history.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references((): AnyPgColumn => reportCycles.id, { onDelete: 'cascade' }),
    planId: planRef('plan_id'),
    taskId: taskRef('task_id'),
    unitId: unitRef('unit_id'),
    /** lead | responsible | cooperating (the unit's role in the task) */
    role: text('role').notNull(),
    isLead: boolean('is_lead').notNull(),
    leadReportId: uuid('lead_report_id'),
    periodKey: text('period_key').notNull(),
    periodLabel: text('period_label').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** Last day entry is possible without an exception. */
    lockDate: date('lock_date', { mode: 'string' }).notNull(),
    exceptionUntil: date('exception_until', { mode: 'string' }),
    /** pending | draft | submitted | signed | accepted | returned | consolidated */
    status: text('status').notNull().default('pending'),
    open: boolean('open').notNull().default(true),
    /** not_started | in_progress | completed | lagging | difficult (未启动/推进中/已完成/滞后/有困难) */
    workStatus: text('work_status'),
    percent: doublePrecision('percent'),
    done: text('done').notNull().default(''),
    problems: text('problems').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    /** [{ indicatorId, value }] */
    indicatorValues: jsonb('indicator_values').notNull().default([]),
    version: integer('version').notNull().default(1),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by'),
    onTime: boolean('on_time'),
    signedAt: ts('signed_at'),
    signedBy: uuid('signed_by'),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: uuid('reviewed_by'),
    returnReason: text('return_reason'),
    returnCount: integer('return_count').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('reports_slot_uq').on(t.taskId, t.unitId, t.cycleId, t.periodKey),
    index('reports_unit_open_idx')
      .on(t.unitId, t.dueDate)
      .where(sql`${t.open}`),
    index('reports_review_idx')
      .on(t.dueDate)
      .where(sql`${t.isLead} and ${t.status} in ('submitted', 'signed')`),
    index('reports_task_idx').on(t.taskId, t.periodStart),
    index('reports_lead_idx').on(t.leadReportId),
    index('reports_plan_idx').on(t.planId),
  ],
);

/** Files attached to a report (or to a task's 办结 evidence), stored in the database. */
export const reportAttachments = pgTable(
  'report_attachments',
  {
    /** Random UUID: ids are not guessable, and every download checks the caller's unit. */
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id').references((): AnyPgColumn => reports.id, { onDelete: 'cascade' }),
    taskId: taskRef('task_id'),
    unitId: unitRef('unit_id'),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('report_attachments_report_idx').on(t.reportId),
    index('report_attachments_task_idx').on(t.taskId),
  ],
);

/**
 * Maintained per task (same transaction as the write): the latest lead report's state, progress,
 * the light with its reasons, 办结/销号 state, and an approved extension of the deadline.
 */
export const taskStates = pgTable(
  'task_states',
  {
    taskId: uuid('task_id')
      .primaryKey()
      .references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' }),
    planId: planRef('plan_id'),
    latestReportId: uuid('latest_report_id'),
    latestStatus: text('latest_status'),
    latestPeriodKey: text('latest_period_key'),
    workStatus: text('work_status'),
    percent: doublePrecision('percent'),
    /** green | yellow | red */
    light: text('light').notNull().default('green'),
    /** [{ code, level, message }] — why the light is on. */
    lightReasons: jsonb('light_reasons').notNull().default([]),
    lightAt: ts('light_at'),
    extendedDeadline: date('extended_deadline', { mode: 'string' }),
    /** none | requested (办结, with evidence) | signed_off (销号) */
    finish: text('finish').notNull().default('none'),
    finishEvidence: text('finish_evidence'),
    finishRequestedAt: ts('finish_requested_at'),
    signedOffAt: ts('signed_off_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('task_states_plan_light_idx').on(t.planId, t.light),
    index('task_states_light_idx').on(t.light),
  ],
);

/** Maintained per unit: report and light counts for the inbox and the on-time table. */
export const unitStates = pgTable('unit_states', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references((): AnyPgColumn => units.id, { onDelete: 'cascade' }),
  openReports: integer('open_reports').notNull().default(0),
  submittedReports: integer('submitted_reports').notNull().default(0),
  acceptedReports: integer('accepted_reports').notNull().default(0),
  onTimeReports: integer('on_time_reports').notNull().default(0),
  lateReports: integer('late_reports').notNull().default(0),
  redTasks: integer('red_tasks').notNull().default(0),
  yellowTasks: integer('yellow_tasks').notNull().default(0),
  openNotices: integer('open_notices').notNull().default(0),
  light: text('light').notNull().default('green'),
  lightReasons: jsonb('light_reasons').notNull().default([]),
});

/** Maintained per plan: report and light counts, rolled-up progress. */
export const planStates = pgTable('plan_states', {
  planId: uuid('plan_id')
    .primaryKey()
    .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
  openReports: integer('open_reports').notNull().default(0),
  submittedReports: integer('submitted_reports').notNull().default(0),
  acceptedReports: integer('accepted_reports').notNull().default(0),
  onTimeReports: integer('on_time_reports').notNull().default(0),
  lateReports: integer('late_reports').notNull().default(0),
  redTasks: integer('red_tasks').notNull().default(0),
  yellowTasks: integer('yellow_tasks').notNull().default(0),
  progress: doublePrecision('progress').notNull().default(0),
  /**
   * progress = weighted_percent_sum / weight_total over the plan's live tasks (weight 1 when
   * unset; a signed-off task counts 100). A report moves the sum by weight × (new − old percent),
   * so a submit never re-aggregates the plan (bench/FINDINGS.md finding 6); publish, revision and
   * sign-off recompute both from the tasks.
   */
  weightedPercentSum: doublePrecision('weighted_percent_sum').notNull().default(0),
  weightTotal: doublePrecision('weight_total').notNull().default(0),
});

/**
 * A unit's open task work for the inbox, maintained with the writes that change it: `accept` while
 * an assignment waits for 签收/退回, `red`/`yellow` while the task is lit. The primary key makes
 * "this unit's open task work" one index range scan, already in display order.
 */
export const unitWork = pgTable(
  'unit_work',
  {
    unitId: unitRef('unit_id'),
    /** accept | red | yellow */
    kind: text('kind').notNull(),
    taskId: taskRef('task_id'),
    planId: planRef('plan_id'),
    since: ts('since').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.kind, t.taskId] }), index('unit_work_task_idx').on(t.taskId)],
);
