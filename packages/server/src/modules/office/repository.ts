import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../access/schema.js';
import { units } from '../directory/schema.js';
import { notices } from '../supervision/schema.js';
import { reports, taskStates } from '../reporting/schema.js';
import { periodOf, type PeriodInfo } from '../reporting/periods.js';
import { planNodes, plans, taskUnits, tasks } from '../plans/schema.js';
import type { OutlineRow, TaskRow } from './outline-table.js';
import { TASK_STATUS_OF_WORK, type TaskProgress } from './types.js';

type Q = Db | Tx;

export type PlanHead = Pick<
  typeof plans.$inferSelect,
  'id' | 'title' | 'docNumber' | 'status' | 'issuerText'
>;

/** The plan's title, number and status, or undefined. */
export async function findPlanHead(q: Q, planId: string): Promise<PlanHead | undefined> {
  const [row] = await q
    .select({
      id: plans.id,
      title: plans.title,
      docNumber: plans.docNumber,
      status: plans.status,
      issuerText: plans.issuerText,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  return row;
}

/** Units that have a part in a plan's tasks (distinct). */
export async function unitsOfPlan(q: Q, planId: string): Promise<string[]> {
  const rows = await q
    .selectDistinct({ unitId: taskUnits.unitId })
    .from(taskUnits)
    .where(eq(taskUnits.planId, planId));
  return rows.map((r) => r.unitId);
}

/**
 * A plan's outline and tasks with their units by role (directory names, else the printed name),
 * in document order; with `unitId`, only the tasks that unit has a part in.
 */
export async function loadPlanTable(
  q: Q,
  planId: string,
  unitId?: string,
): Promise<{ outline: OutlineRow[]; tasks: TaskRow[] }> {
  const nodeRows = await q
    .select({
      id: planNodes.id,
      parentId: planNodes.parentId,
      kind: planNodes.kind,
      marker: planNodes.marker,
      title: planNodes.title,
      ord: planNodes.ord,
    })
    .from(planNodes)
    .where(eq(planNodes.planId, planId))
    .orderBy(asc(planNodes.ord));
  let taskRows = await q
    .select({
      id: tasks.id,
      nodeId: tasks.nodeId,
      ord: tasks.ord,
      text: tasks.text,
      deadline: tasks.deadlineText,
    })
    .from(tasks)
    .where(eq(tasks.planId, planId))
    .orderBy(asc(tasks.ord));
  if (unitId) {
    const mine = await q
      .select({ taskId: taskUnits.taskId })
      .from(taskUnits)
      .where(and(eq(taskUnits.planId, planId), eq(taskUnits.unitId, unitId)));
    const ids = new Set(mine.map((m) => m.taskId));
    taskRows = taskRows.filter((t) => ids.has(t.id));
  }
  const parts = taskRows.length
    ? await q
        .select({
          taskId: taskUnits.taskId,
          role: taskUnits.role,
          ord: taskUnits.ord,
          printed: taskUnits.printedName,
          name: units.name,
        })
        .from(taskUnits)
        .leftJoin(units, eq(units.id, taskUnits.unitId))
        .where(
          inArray(
            taskUnits.taskId,
            taskRows.map((t) => t.id),
          ),
        )
        .orderBy(asc(taskUnits.ord))
    : [];
  const byTask = new Map<string, { lead: string[]; responsible: string[]; cooperating: string[] }>();
  for (const p of parts) {
    let roles = byTask.get(p.taskId);
    if (!roles) byTask.set(p.taskId, (roles = { lead: [], responsible: [], cooperating: [] }));
    const name = p.name ?? p.printed ?? '';
    if (p.role === 'lead' || p.role === 'responsible' || p.role === 'cooperating') roles[p.role].push(name);
  }
  return {
    outline: nodeRows,
    tasks: taskRows.map((t) => ({
      ...t,
      ...(byTask.get(t.id) ?? { lead: [], responsible: [], cooperating: [] }),
    })),
  };
}

/** A unit's name, or undefined. */
export async function unitName(q: Q, unitId: string): Promise<string | undefined> {
  const [row] = await q.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return row?.name;
}

const issuerUnit = alias(units, 'issuer_unit');

/** A supervision notice with what its 督办单 prints: the unit, the task, the plan and the issuing unit. */
export async function loadNotice(q: Q, noticeId: string) {
  const [row] = await q
    .select({
      id: notices.id,
      unitId: notices.unitId,
      level: notices.level,
      color: notices.color,
      number: notices.number,
      text: notices.text,
      replyBy: notices.replyBy,
      createdAt: notices.createdAt,
      unitName: units.name,
      taskText: tasks.text,
      deadline: tasks.deadlineText,
      planTitle: plans.title,
      planIssuer: plans.issuerText,
      issuerName: issuerUnit.name,
    })
    .from(notices)
    .innerJoin(units, eq(units.id, notices.unitId))
    .innerJoin(tasks, eq(tasks.id, notices.taskId))
    .innerJoin(plans, eq(plans.id, notices.planId))
    .leftJoin(users, eq(users.id, notices.createdBy))
    .leftJoin(issuerUnit, eq(issuerUnit.id, users.unitId))
    .where(eq(notices.id, noticeId));
  return row;
}

/** The unit a notice is addressed to, or undefined. */
export async function unitOfNotice(q: Q, noticeId: string): Promise<string | undefined> {
  const [row] = await q.select({ unitId: notices.unitId }).from(notices).where(eq(notices.id, noticeId));
  return row?.unitId;
}

/** A unit's report slots it can still edit (pending, draft, returned), oldest due first, with their task. */
export async function editableSlotsOfUnit(q: Q, unitId: string, periodKey?: string) {
  return q
    .select({
      id: reports.id,
      version: reports.version,
      status: reports.status,
      role: reports.role,
      periodKey: reports.periodKey,
      periodLabel: reports.periodLabel,
      dueDate: reports.dueDate,
      lockDate: reports.lockDate,
      exceptionUntil: reports.exceptionUntil,
      workStatus: reports.workStatus,
      percent: reports.percent,
      done: reports.done,
      problems: reports.problems,
      nextSteps: reports.nextSteps,
      taskPath: tasks.path,
      taskText: tasks.text,
      deadline: tasks.deadlineText,
      planTitle: plans.title,
    })
    .from(reports)
    .innerJoin(tasks, eq(tasks.id, reports.taskId))
    .innerJoin(plans, eq(plans.id, reports.planId))
    .where(
      and(
        eq(reports.unitId, unitId),
        // Every editable slot is `open` (maintained): the unit's due work is a range scan of the
        // partial index reports_unit_open_idx, never the unit's report history.
        eq(reports.open, true),
        inArray(reports.status, ['pending', 'draft', 'returned']),
        ...(periodKey ? [eq(reports.periodKey, periodKey)] : []),
      ),
    )
    .orderBy(asc(reports.dueDate), asc(plans.title), asc(tasks.ord));
}

/** A reporting period from its key ("2026-11", "2026-Q3", "2026-H2", "2026"), or undefined. */
export function periodOfKey(key: string): PeriodInfo | undefined {
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/.exec(key);
  if (!m) return undefined;
  const y = m[1]!;
  if (m[2])
    return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? periodOf('monthly', `${y}-${m[2]}-01`) : undefined;
  if (m[3]) return periodOf('quarterly', `${y}-${String(Number(m[3]) * 3).padStart(2, '0')}-01`);
  if (m[4]) return periodOf('half-yearly', `${y}-${m[4] === '1' ? '06' : '12'}-01`);
  return periodOf('yearly', `${y}-01-01`);
}

/** Report states whose content a unit has sent in (a draft or a returned report does not count). */
const REPORTED = ['submitted', 'signed', 'accepted'];

/**
 * Each task's progress in one period: the lead slot of the period (found per task through
 * reports_task_idx on task and period start, never the report history) for 进展情况, 完成比例 and
 * status, and the task's maintained light (task_states). Undefined when the plan has no slot in the
 * period.
 */
export async function periodProgress(
  q: Q,
  planId: string,
  period: PeriodInfo,
): Promise<Map<string, TaskProgress> | undefined> {
  const slots = await q
    .select({
      taskId: reports.taskId,
      status: reports.status,
      workStatus: reports.workStatus,
      percent: reports.percent,
      done: reports.done,
    })
    .from(tasks)
    .innerJoin(
      reports,
      and(
        eq(reports.taskId, tasks.id),
        eq(reports.periodStart, period.start),
        eq(reports.periodKey, period.key),
        eq(reports.isLead, true),
      ),
    )
    .where(eq(tasks.planId, planId));
  if (!slots.length) return undefined;
  const lights = await q
    .select({ taskId: taskStates.taskId, light: taskStates.light })
    .from(taskStates)
    .where(eq(taskStates.planId, planId));
  const lightOf = new Map(lights.map((l) => [l.taskId, l.light]));
  const out = new Map<string, TaskProgress>();
  for (const s of slots) {
    const reported = REPORTED.includes(s.status);
    const light = lightOf.get(s.taskId);
    out.set(s.taskId, {
      text: reported ? s.done : '',
      percent: reported ? s.percent : null,
      status: reported && s.workStatus ? (TASK_STATUS_OF_WORK[s.workStatus] ?? null) : null,
      light: light === 'green' || light === 'yellow' || light === 'red' ? light : null,
    });
  }
  return out;
}

/**
 * The periods a plan has report slots in, newest first: read only to tell a caller who asked for
 * another period which ones exist (the plan's slots by reports_plan_idx).
 */
export async function periodsOfPlan(q: Q, planId: string): Promise<{ key: string; label: string }[]> {
  const rows = await q
    .selectDistinct({ key: reports.periodKey, label: reports.periodLabel, start: reports.periodStart })
    .from(reports)
    .where(and(eq(reports.planId, planId), eq(reports.isLead, true)));
  return rows
    .sort((a, b) => b.start.localeCompare(a.start) || a.key.localeCompare(b.key))
    .map(({ key, label }) => ({ key, label }));
}
