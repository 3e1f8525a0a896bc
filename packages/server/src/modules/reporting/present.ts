import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import { tasks } from '../plans/schema.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy.js';
import { reportingPolicy, type ReportingAction } from './policy.js';
import { STATUS_LABELS, WORK_STATUS_LABELS, type WorkStatus } from './commands.js';
import {
  coUnitInputsJson,
  historyJson,
  isLocked,
  leaderSignoffOfCycle,
  reportRowsFromJson,
  unitNames,
  type ReportRow,
} from './repository.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const reportContentSchema = z.object({
  workStatus: z.string().nullable(),
  progressStatus: z.string().nullable(),
  workStatusLabel: z.string().nullable(),
  percent: z.number().nullable(),
  done: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  indicators: z.array(z.object({ indicatorId: z.string(), value: z.number().nullable() })),
});

export const reportSummarySchema = reportContentSchema.extend({
  id: z.string(),
  version: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  open: z.boolean(),
  locked: z.boolean(),
  taskId: z.string(),
  planId: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  role: z.string(),
  isLead: z.boolean(),
  leadReportId: z.string().nullable(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  lockDate: z.string(),
  exceptionUntil: z.string().nullable(),
  submittedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  signedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnCount: z.number(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportDetailSchema = reportSummarySchema.extend({
  task: z.object({
    id: z.string(),
    path: z.string(),
    text: z.string(),
    deadlineDate: z.string().nullable(),
    status: z.string(),
  }),
  coUnitInputs: z.array(reportSummarySchema),
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      mime: z.string(),
      size: z.number(),
      createdAt: z.string(),
    }),
  ),
  history: z.array(reportSummarySchema),
  previous: reportContentSchema.nullable(),
  /** The task's indicators, for the indicator values of the form. */
  taskIndicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      target: z.number(),
      year: z.number().nullable(),
    }),
  ),
});

const REPORT_ACTIONS: ReportingAction[] = [
  'report.edit',
  'report.submit',
  'report.attach',
  'report.sign',
  'report.accept',
  'report.return',
  'report.grant_exception',
];

/** What the caller may do with this report now: the policy, narrowed by the report's state. */
export function reportActions(actor: Actor, r: ReportRow, leaderSignoff: boolean, now: Date): string[] {
  const locked = isLocked(r, now);
  const editable = ['pending', 'draft', 'returned'].includes(r.status) && !locked;
  const reviewable =
    r.isLead && (leaderSignoff ? r.status === 'signed' : r.status === 'submitted' || r.status === 'signed');
  return reportingPolicy.allowed(actor, REPORT_ACTIONS, [r.unitId]).filter((a) => {
    switch (a) {
      case 'report.edit':
      case 'report.submit':
      case 'report.attach':
        return editable;
      case 'report.sign':
        return r.isLead && r.status === 'submitted';
      case 'report.accept':
      case 'report.return':
        return reviewable;
      case 'report.grant_exception':
        return locked;
      default:
        return false;
    }
  });
}

export function presentContent(r: ReportRow) {
  return {
    workStatus: r.workStatus,
    progressStatus: r.workStatus,
    workStatusLabel: r.workStatus ? (WORK_STATUS_LABELS[r.workStatus as WorkStatus] ?? r.workStatus) : null,
    percent: r.percent,
    done: r.done,
    problems: r.problems,
    nextSteps: r.nextSteps,
    indicators: r.indicatorValues as { indicatorId: string; value: number | null }[],
  };
}

export function presentReport(
  actor: Actor,
  r: ReportRow,
  ctx: { unitName: string | null; leaderSignoff: boolean; now: Date },
): ReportSummary {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    open: r.open,
    locked: isLocked(r, ctx.now),
    taskId: r.taskId,
    planId: r.planId,
    unitId: r.unitId,
    unitName: ctx.unitName,
    role: r.role,
    isLead: r.isLead,
    leadReportId: r.leadReportId,
    periodKey: r.periodKey,
    periodLabel: r.periodLabel,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueDate: r.dueDate,
    lockDate: r.lockDate,
    exceptionUntil: r.exceptionUntil,
    ...presentContent(r),
    submittedAt: iso(r.submittedAt),
    onTime: r.onTime,
    signedAt: iso(r.signedAt),
    reviewedAt: iso(r.reviewedAt),
    returnReason: r.returnReason,
    returnCount: r.returnCount,
    updatedAt: r.updatedAt.toISOString(),
    actions: reportActions(actor, r, ctx.leaderSignoff, ctx.now),
  };
}

/** Presents a list of reports (unit names and cycles looked up once). */
export async function presentReports(
  db: Db,
  actor: Actor,
  list: ReportRow[],
  now: Date,
  knownNames?: ReadonlyMap<string, string>,
): Promise<ReportSummary[]> {
  const names = knownNames ?? (await unitNames(db, [...new Set(list.map((r) => r.unitId))]));
  const signoff = new Map<string, boolean>();
  for (const id of new Set(list.map((r) => r.cycleId))) signoff.set(id, await leaderSignoffOfCycle(db, id));
  return list.map((r) =>
    presentReport(actor, r, {
      unitName: names.get(r.unitId) ?? null,
      leaderSignoff: signoff.get(r.cycleId) ?? false,
      now,
    }),
  );
}

/**
 * What a report's detail shows, in one query: the task, the unit's name, the report's
 * attachments, the task's indicators, the co-unit inputs (lead report) and earlier periods (looked up through the plan's index: indicators
 * have none on task_id, and a seq scan of 20,000 rows per detail would show at national size).
 */
async function detailContext(db: Db, r: ReportRow) {
  const [row] = await db
    .select({
      id: tasks.id,
      path: tasks.path,
      text: tasks.text,
      deadlineDate: tasks.deadlineDate,
      status: tasks.status,
      unitName: sql<string | null>`(select u.name from units u where u.id = ${r.unitId})`,
      attachments: sql<
        { id: string; filename: string; mime: string; size: number; createdAt: string }[]
      >`coalesce((
        select json_agg(json_build_object('id', a.id, 'filename', a.filename, 'mime', a.mime, 'size', a.size,
          'createdAt', to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by a.created_at)
        from report_attachments a where a.report_id = ${r.id}), '[]'::json)`,
      indicators: sql<
        { id: string; name: string; unit: string | null; target: number; year: number | null }[]
      >`coalesce((
        select json_agg(json_build_object('id', i.id, 'name', i.name, 'unit', i.unit, 'target', i.target, 'year', i.year) order by i.ord)
        from indicators i where i.plan_id = ${r.planId} and i.task_id = ${r.taskId}), '[]'::json)`,
      coUnitInputs: r.isLead
        ? sql<{ r: Record<string, unknown>; unitName: string }[]>`${coUnitInputsJson(r.id)}`
        : sql<{ r: Record<string, unknown>; unitName: string }[]>`'[]'::json`,
      history: sql<Record<string, unknown>[]>`${historyJson(r)}`,
    })
    .from(tasks)
    .where(eq(tasks.id, r.taskId));
  return row!;
}

/**
 * One report with its task, co-unit inputs, attachments, earlier periods and the previous content
 * to prefill: one query (`detailContext`); cycles are looked up once.
 */
export async function presentReportDetail(db: Db, actor: Actor, r: ReportRow, now: Date) {
  const context = await detailContext(db, r);
  const json = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v);
  const co = json(context.coUnitInputs).map((c) => ({
    r: reportRowsFromJson([c.r])[0]!,
    unitName: c.unitName,
  }));
  const history = reportRowsFromJson(json(context.history));
  const names = new Map(co.map((c) => [c.r.unitId, c.unitName]));
  if (context.unitName !== null) names.set(r.unitId, context.unitName);
  const [summary] = await presentReports(db, actor, [r], now, names);
  const prev = history.find((h) => !['pending'].includes(h.status));
  return {
    ...summary!,
    task: {
      id: context.id,
      path: context.path,
      text: context.text,
      deadlineDate: context.deadlineDate,
      status: context.status,
    },
    coUnitInputs: await presentReports(
      db,
      actor,
      co.map((c) => c.r),
      now,
      names,
    ),
    attachments: context.attachments,
    history: await presentReports(db, actor, history, now, names),
    previous: prev ? presentContent(prev) : null,
    taskIndicators: context.indicators,
  };
}
