import type {
  CompletedTaskItem,
  LaggingTaskItem,
  Light,
  PeriodFigures,
  TaskStatus,
  UnitPerformance,
} from './types.js';

/** A task's state at the end of a period, as the reporting module knows it. */
export interface TaskPeriodState {
  title: string;
  /** Units in role order (lead first); `role` decides who the task counts for. */
  units: readonly { unit: string; role: 'lead' | 'responsible' | 'cooperating' }[];
  /** Accepted status at the end of the period; null when nothing was ever reported. */
  status: TaskStatus | null;
  percent: number | null;
  light: Light | null;
  /** Finished (办结) during this period. */
  completedInPeriod: boolean;
  /** One sentence from the closing report. */
  completionSummary?: string;
  /** Why it lags, when the coordinator or a rule recorded it. */
  lagReason?: string;
  /** The units' own explanations from their reports' 存在问题. */
  explanations?: readonly { unit: string; text: string }[];
}

/** A report slot due in the period. */
export interface SlotPeriodState {
  unit: string;
  dueAt: Date;
  /** When the unit submitted, or null when it has not. */
  submittedAt: Date | null;
}

const onTime = (s: SlotPeriodState) => s.submittedAt !== null && s.submittedAt.getTime() <= s.dueAt.getTime();

/**
 * Overall figures of a period: tasks by status (never reported counts as 未启动) and by light
 * (tasks without a light are not counted), reports due and reports submitted on time.
 */
export function periodFigures(tasks: readonly TaskPeriodState[], slots: readonly SlotPeriodState[]): PeriodFigures {
  const byStatus: Record<TaskStatus, number> = { not_started: 0, in_progress: 0, completed: 0, lagging: 0, blocked: 0 };
  const byLight: Record<Light, number> = { green: 0, yellow: 0, red: 0 };
  for (const t of tasks) {
    byStatus[t.status ?? 'not_started']++;
    if (t.light) byLight[t.light]++;
  }
  return { tasksTotal: tasks.length, byStatus, byLight, reportsDue: slots.length, reportsOnTime: slots.filter(onTime).length };
}

/**
 * One line per unit, in order of first appearance: tasks it leads or is responsible for (not
 * those it only cooperates on), how many are completed, reports due and on time.
 */
export function unitPerformance(tasks: readonly TaskPeriodState[], slots: readonly SlotPeriodState[]): UnitPerformance[] {
  const rows = new Map<string, UnitPerformance>();
  const row = (unit: string) => {
    let r = rows.get(unit);
    if (!r) rows.set(unit, (r = { unit, tasks: 0, completed: 0, reportsDue: 0, reportsOnTime: 0 }));
    return r;
  };
  for (const t of tasks) {
    const counted = new Set(t.units.filter((u) => u.role !== 'cooperating').map((u) => u.unit));
    for (const unit of counted) {
      const r = row(unit);
      r.tasks++;
      if (t.status === 'completed') r.completed++;
    }
  }
  for (const s of slots) {
    const r = row(s.unit);
    r.reportsDue++;
    if (onTime(s)) r.reportsOnTime++;
  }
  return [...rows.values()];
}

/** Tasks finished in the period, for the bulletin's 已完成 section. */
export function completedItems(tasks: readonly TaskPeriodState[]): CompletedTaskItem[] {
  return tasks
    .filter((t) => t.completedInPeriod)
    .map((t) => ({
      title: t.title,
      units: t.units.filter((u) => u.role !== 'cooperating').map((u) => u.unit),
      ...(t.completionSummary ? { summary: t.completionSummary } : {}),
    }));
}

/**
 * Tasks lagging at the end of the period (status 滞后/有困难, or a red light), red first, each
 * with its reason and the units' explanations.
 */
export function laggingItems(tasks: readonly TaskPeriodState[]): LaggingTaskItem[] {
  const lagging = tasks.filter((t) => t.status === 'lagging' || t.status === 'blocked' || t.light === 'red');
  const rank: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
  return lagging
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank[a.t.light ?? 'yellow'] - rank[b.t.light ?? 'yellow'] || a.i - b.i)
    .map(({ t }) => ({
      title: t.title,
      units: t.units.filter((u) => u.role !== 'cooperating').map((u) => u.unit),
      light: t.light ?? 'yellow',
      status: t.status ?? 'lagging',
      percent: t.percent,
      reason: t.lagReason ?? (t.status === 'blocked' ? '推进中遇到困难，需协调解决。' : '实际进度落后于计划进度。'),
      explanations: t.explanations ?? [],
    }));
}
