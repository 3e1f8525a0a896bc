import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { indicators } from '../plans/schema.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy.js';
import { reportingPolicy, type ReportingAction } from './policy.js';
import { STATUS_LABELS, WORK_STATUS_LABELS, type WorkStatus } from './commands.js';
import {
  attachmentsOf,
  coUnitInputs,
  findCycle,
  historyOf,
  isLocked,
  taskOf,
  unitNames,
  type CycleRow,
  type ReportRow,
} from './repository.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const ctxIndicators = (db: Db, taskId: string) =>
  db
    .select({
      id: indicators.id,
      name: indicators.name,
      unit: indicators.unit,
      target: indicators.target,
      year: indicators.year,
    })
    .from(indicators)
    .where(eq(indicators.taskId, taskId))
    .orderBy(asc(indicators.ord));

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
): Promise<ReportSummary[]> {
  const names = await unitNames(db, [...new Set(list.map((r) => r.unitId))]);
  const cycles = new Map<string, CycleRow | undefined>();
  for (const id of new Set(list.map((r) => r.cycleId))) cycles.set(id, await findCycle(db, id));
  return list.map((r) =>
    presentReport(actor, r, {
      unitName: names.get(r.unitId) ?? null,
      leaderSignoff: cycles.get(r.cycleId)?.leaderSignoff ?? false,
      now,
    }),
  );
}

/** One report with its task, co-unit inputs, attachments, earlier periods and the previous content to prefill. */
export async function presentReportDetail(db: Db, actor: Actor, r: ReportRow, now: Date) {
  const [summary] = await presentReports(db, actor, [r], now);
  const task = await taskOf(db, r.taskId);
  const co = r.isLead ? await coUnitInputs(db, r.id) : [];
  const history = await historyOf(db, r);
  const prev = history.find((h) => !['pending'].includes(h.status));
  return {
    ...summary!,
    task: {
      id: task!.id,
      path: task!.path,
      text: task!.text,
      deadlineDate: task!.deadlineDate,
      status: task!.status,
    },
    coUnitInputs: await presentReports(
      db,
      actor,
      co.map((c) => c.r),
      now,
    ),
    attachments: (await attachmentsOf(db, r.id)).map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    history: await presentReports(db, actor, history, now),
    previous: prev ? presentContent(prev) : null,
    taskIndicators: await ctxIndicators(db, r.taskId),
  };
}
