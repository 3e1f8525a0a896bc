import { z } from 'zod';
import { WORK_STATUS_LABELS, type WorkStatus } from '../reporting/commands.js';
import type { PublicPlanRow, PublicTaskRow } from './queries.js';

/** What the public sees of a task's state: 已交办 / 已办结 / 已销号. */
const TASK_STATUS_LABELS: Record<string, string> = {
  assigned: '已交办',
  finished: '已办结',
  signed_off: '已销号',
};
const LIGHT_LABELS: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const publicPlanSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  docDate: z.string().nullable(),
  publishedAt: z.string().nullable(),
  taskCount: z.number(),
  finishedTaskCount: z.number(),
  /** Rolled-up progress of the plan (0–100), from the maintained plan state. */
  progress: z.number(),
  redTasks: z.number(),
  yellowTasks: z.number(),
});
export type PublicPlan = z.infer<typeof publicPlanSchema>;

const unitNames = z.array(z.string());
export const publicTaskSchema = z.object({
  id: z.string(),
  path: z.string(),
  text: z.string(),
  leadUnits: unitNames,
  responsibleUnits: unitNames,
  cooperatingUnits: unitNames,
  deadline: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  workStatus: z.string().nullable(),
  workStatusLabel: z.string().nullable(),
  percent: z.number().nullable(),
  light: z.string().nullable(),
  lightLabel: z.string().nullable(),
});
export type PublicTask = z.infer<typeof publicTaskSchema>;

/** A published plan's identity and rolled-up figures. */
export function presentPublicPlan(p: PublicPlanRow): PublicPlan {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    docNumber: p.docNumber,
    issuer: p.issuerName ?? p.issuerText,
    docDate: p.docDate,
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
    taskCount: p.taskCount,
    finishedTaskCount: p.finishedTaskCount,
    progress: Math.round((p.progress ?? 0) * 10) / 10,
    redTasks: p.redTasks ?? 0,
    yellowTasks: p.yellowTasks ?? 0,
  };
}

/** A task as the public sees it: text, units, deadline and the maintained progress and light. */
export function presentPublicTask(t: PublicTaskRow): PublicTask {
  const names = (role: string) => t.units.filter((u) => u.role === role).map((u) => u.name);
  const status = t.finish === 'signed_off' ? 'signed_off' : t.finish === 'requested' ? 'finished' : t.status;
  return {
    id: t.id,
    path: t.path,
    text: t.text,
    leadUnits: names('lead'),
    responsibleUnits: names('responsible'),
    cooperatingUnits: names('cooperating'),
    deadline: t.deadlineDate ?? t.deadlineText,
    status,
    statusLabel: TASK_STATUS_LABELS[status] ?? status,
    workStatus: t.workStatus,
    workStatusLabel: t.workStatus ? (WORK_STATUS_LABELS[t.workStatus as WorkStatus] ?? t.workStatus) : null,
    percent: t.percent === null ? null : Math.round(t.percent * 10) / 10,
    light: t.light,
    lightLabel: t.light ? (LIGHT_LABELS[t.light] ?? t.light) : null,
  };
}

export const CSV_HEADER = [
  '编号',
  '任务内容',
  '牵头单位',
  '责任单位',
  '配合单位',
  '完成时限',
  '完成进度（%）',
  '办理情况',
  '亮灯',
  '任务状态',
];

/**
 * One CSV field: quoted when it holds a separator, quote or line break; a leading = + - @ is
 * neutralised so a spreadsheet never runs a cell as a formula.
 */
export function csvField(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV lines of tasks (no header), CRLF-terminated, as Excel expects. */
export function tasksCsvLines(list: PublicTask[]): string {
  return list
    .map(
      (t) =>
        [
          t.path,
          t.text,
          t.leadUnits.join('、'),
          t.responsibleUnits.join('、'),
          t.cooperatingUnits.join('、'),
          t.deadline,
          t.percent,
          t.workStatusLabel,
          t.lightLabel,
          t.statusLabel,
        ]
          .map(csvField)
          .join(',') + '\r\n',
    )
    .join('');
}
