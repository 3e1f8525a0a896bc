import { z } from 'zod';
import { daysBetween } from '../reporting/periods.js';

/** Configurable light rules (亮灯规则). Stored per scope in `supervision_settings`. */
export const lightRulesSchema = z.object({
  /** Yellow when the deadline is this many days away or fewer and the task is not finished. */
  deadlineWarnDays: z.number().int().min(0).max(365),
  /** Gap (percentage points) to the planned progress (序时进度) that lights yellow / red. */
  gapYellow: z.number().min(0).max(100),
  gapRed: z.number().min(0).max(100),
  /** A report returned this many times in a row lights yellow (0 turns the rule off). */
  returnedTimes: z.number().int().min(0).max(20),
  /** An overdue, unsubmitted report lights red. */
  overdueReportRed: z.boolean(),
  /** A unit reporting 滞后 or 有困难 lights yellow. */
  reportedTroubleYellow: z.boolean(),
  /** Working days a unit has to accept (签收) or return (退回) an assignment. */
  assignmentWorkingDays: z.number().int().min(1).max(30),
});
export type LightRules = z.infer<typeof lightRulesSchema>;

export const DEFAULT_RULES: LightRules = {
  deadlineWarnDays: 15,
  gapYellow: 10,
  gapRed: 30,
  returnedTimes: 2,
  overdueReportRed: true,
  reportedTroubleYellow: true,
  assignmentWorkingDays: 3,
};

export type Light = 'green' | 'yellow' | 'red';
export interface LightReason {
  code:
    | 'report_overdue'
    | 'deadline_passed'
    | 'deadline_near'
    | 'behind_schedule'
    | 'returned'
    | 'reported_trouble'
    | 'not_accepted';
  level: Exclude<Light, 'green'>;
  message: string;
}

export interface TaskFacts {
  today: string;
  /** Task status from plans: assigned | finished | signed_off | cancelled. */
  status: string;
  deadline: string | null;
  /** Start of the planned schedule (publish date). */
  start: string;
  percent: number | null;
  workStatus: string | null;
  returnCount: number;
  overdueReports: { unitName: string; periodLabel: string; dueDate: string }[];
  notAccepted: { unitName: string; since: string }[];
}

const WORK_LABELS: Record<string, string> = { lagging: '滞后', difficult: '有困难' };

/** The planned progress (序时进度) in percent on `today` for a schedule from `start` to `deadline`. */
export function plannedProgress(start: string, deadline: string, today: string): number {
  const total = daysBetween(start, deadline);
  if (total <= 0) return today >= deadline ? 100 : 0;
  return Math.max(0, Math.min(100, (daysBetween(start, today) / total) * 100));
}

/** Lights one task from the rules; every reason that lit it is kept. */
export function computeTaskLight(f: TaskFacts, rules: LightRules): { light: Light; reasons: LightReason[] } {
  if (f.status === 'finished' || f.status === 'signed_off' || f.status === 'cancelled')
    return { light: 'green', reasons: [] };
  const reasons: LightReason[] = [];
  if (rules.overdueReportRed) {
    for (const o of f.overdueReports) {
      reasons.push({
        code: 'report_overdue',
        level: 'red',
        message: `${o.unitName}「${o.periodLabel}」进展报告逾期未报送（应于 ${o.dueDate} 前报送）`,
      });
    }
  }
  const percent = f.percent ?? 0;
  if (f.deadline) {
    const left = daysBetween(f.today, f.deadline);
    if (left < 0)
      reasons.push({
        code: 'deadline_passed',
        level: 'red',
        message: `已超过完成时限（${f.deadline}）${-left} 天仍未办结`,
      });
    else if (left <= rules.deadlineWarnDays && percent < 100)
      reasons.push({
        code: 'deadline_near',
        level: 'yellow',
        message: `距完成时限（${f.deadline}）仅剩 ${left} 天，当前完成 ${Math.round(percent)}%`,
      });
    if (left >= 0) {
      const planned = plannedProgress(f.start, f.deadline, f.today);
      const gap = planned - percent;
      const text = `完成进度 ${Math.round(percent)}% 落后序时进度 ${Math.round(planned)}% 达 ${Math.round(gap)} 个百分点`;
      if (gap >= rules.gapRed) reasons.push({ code: 'behind_schedule', level: 'red', message: text });
      else if (gap >= rules.gapYellow)
        reasons.push({ code: 'behind_schedule', level: 'yellow', message: text });
    }
  }
  if (rules.returnedTimes > 0 && f.returnCount >= rules.returnedTimes) {
    reasons.push({ code: 'returned', level: 'yellow', message: `本期进展报告已被退回 ${f.returnCount} 次` });
  }
  if (rules.reportedTroubleYellow && f.workStatus && WORK_LABELS[f.workStatus]) {
    reasons.push({
      code: 'reported_trouble',
      level: 'yellow',
      message: `牵头单位报告工作状态为「${WORK_LABELS[f.workStatus]}」`,
    });
  }
  for (const n of f.notAccepted) {
    reasons.push({
      code: 'not_accepted',
      level: 'yellow',
      message: `${n.unitName}交办后 ${rules.assignmentWorkingDays} 个工作日内未签收（交办于 ${n.since}）`,
    });
  }
  const light: Light = reasons.some((r) => r.level === 'red') ? 'red' : reasons.length ? 'yellow' : 'green';
  return { light, reasons };
}
