/**
 * Typed inputs of the office-document generators. They are plain data, independent of the
 * database: the platform's commands load rows, map them into these shapes, and call the
 * generators. Every string here may come from a user and is treated as inert text.
 */

/** Progress status of a task in a period, as units report it. */
export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'lagging' | 'blocked';

/** The status words used on every sheet and document, in the order of the validation list. */
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  not_started: '未启动',
  in_progress: '推进中',
  completed: '已完成',
  lagging: '滞后',
  blocked: '有困难',
};

export const TASK_STATUSES = Object.keys(TASK_STATUS_LABELS) as TaskStatus[];

/** The reporting module's work status for ours (有困难 is `difficult` there). */
export const TASK_STATUS_OF_WORK: Record<string, TaskStatus> = {
  not_started: 'not_started',
  in_progress: 'in_progress',
  completed: 'completed',
  lagging: 'lagging',
  difficult: 'blocked',
};

/** Status light (亮灯). */
export type Light = 'green' | 'yellow' | 'red';

export const LIGHT_LABELS: Readonly<Record<Light, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** Progress of one task for one period, shown in optional columns of the task table. */
export interface TaskProgress {
  /** 进展情况 (free text). */
  text: string;
  /** 完成比例, 0–100, or null when not reported. */
  percent: number | null;
  status: TaskStatus | null;
  light: Light | null;
}

/** A task row of the 任务分工表. */
export interface TaskTableTask {
  kind: 'task';
  /** 重点任务: the task's short name (may repeat the start of `content`). */
  title: string;
  /** 具体内容/工作措施. */
  content: string;
  lead: readonly string[];
  responsible: readonly string[];
  cooperating: readonly string[];
  /** 完成时限 as it should be printed ("2026年12月底前", "长期坚持"), or null. */
  deadline: string | null;
  progress?: TaskProgress;
}

/** An outline heading (一、… / （一）…) printed as a merged group row above its tasks. */
export interface TaskTableHeading {
  kind: 'heading';
  /** Numbering as printed, e.g. "一、", "（二）"; null when unnumbered. */
  marker: string | null;
  title: string;
  children: readonly TaskTableNode[];
}

export type TaskTableNode = TaskTableHeading | TaskTableTask;

/** Input of {@link buildTaskTable}. */
export interface TaskTableInput {
  /** Plan title, printed as the sheet title: "《…》重点任务分工表" is composed by the caller or the default. */
  planTitle: string;
  /** Optional second line under the title (文号, filter description, export date). */
  subtitle?: string;
  /** When set, the 进展情况 / 完成比例 / 状态(亮灯) columns are added for this period label ("2026年第三季度"). */
  progressPeriod?: string;
  /** Outline tree: headings with their tasks, or tasks at the top level. */
  nodes: readonly TaskTableNode[];
}

/** Colour level of a supervision notice (督办等级), lowest to highest. */
export type SupervisionLevel = 'blue' | 'yellow' | 'red';

export const SUPERVISION_LEVEL_LABELS: Readonly<Record<SupervisionLevel, string>> = {
  blue: '蓝色',
  yellow: '黄色',
  red: '红色',
};

/** Who issues a document and how it is numbered and dated: set by the coordinator. */
export interface IssuingInfo {
  /** 发文机关 (署名), e.g. "武汉城市圈建设领导小组办公室". */
  issuer: string;
  /** 发文机关标志 printed in red at the top; defaults per document kind. */
  mark?: string;
  /** 文号 as printed, e.g. "武圈办〔2026〕12号"; for a briefing its issue, e.g. "第12期". */
  docNumber: string;
  /** 成文日期 as printed, e.g. "2026年10月15日". */
  date: string;
  /** 主送机关, e.g. "各有关单位". */
  recipients?: string;
  /** 抄送机关 for the imprint (版记). */
  copyTo?: readonly string[];
}

/** Overall figures of a plan in a period. */
export interface PeriodFigures {
  tasksTotal: number;
  byStatus: Readonly<Record<TaskStatus, number>>;
  byLight: Readonly<Record<Light, number>>;
  /** Reports due in the period, and those submitted on time. */
  reportsDue: number;
  reportsOnTime: number;
}

/** One unit's line in the bulletin's table. */
export interface UnitPerformance {
  unit: string;
  /** Tasks the unit leads or is responsible for, and how many of them are completed. */
  tasks: number;
  completed: number;
  reportsDue: number;
  reportsOnTime: number;
}

export interface CompletedTaskItem {
  title: string;
  units: readonly string[];
  /** One sentence on what was delivered, from the closing report. */
  summary?: string;
}

export interface LaggingTaskItem {
  title: string;
  units: readonly string[];
  light: Light;
  status: TaskStatus;
  percent: number | null;
  /** Why it lags, as the coordinator or the system states it. */
  reason: string;
  /** The units' own explanations (说明), quoted. */
  explanations: readonly { unit: string; text: string }[];
}

export interface NoticeItem {
  number: string;
  unit: string;
  level: SupervisionLevel;
  matter: string;
  replyBy: string;
  /** Reply state as printed ("已反馈", "未反馈"), or null. */
  state: string | null;
}

export type Comparator = '>=' | '<=' | '~' | '=';

export interface IndicatorItem {
  name: string;
  measure: string | null;
  target: number | null;
  comparator: Comparator;
  targetYear: number | null;
  current: number | null;
  /** Early warning from the trend against the target year, if computed. */
  outlook?: 'on_track' | 'at_risk' | 'off_track' | null;
}

/** Input of {@link buildBulletin}: a 工作简报 or 季通报 for a plan and period. */
export interface BulletinInput extends IssuingInfo {
  kind: 'briefing' | 'quarterly';
  planTitle: string;
  /** Period label, e.g. "2026年第三季度". */
  period: string;
  /** Defaults to "关于《plan》{period}推进情况的通报" (quarterly) or "《plan》{period}推进情况" (briefing). */
  title?: string;
  figures: PeriodFigures;
  units: readonly UnitPerformance[];
  completed: readonly CompletedTaskItem[];
  lagging: readonly LaggingTaskItem[];
  notices: readonly NoticeItem[];
  indicators: readonly IndicatorItem[];
  /** 下一步工作要求, one paragraph each; a customary default is used when empty. */
  requirements?: readonly string[];
}

/** Input of {@link buildSupervisionNotice}: a numbered 督办单 to one unit. */
export interface SupervisionNoticeInput {
  issuer: string;
  mark?: string;
  /** Notice number, e.g. "武圈督〔2026〕7号". */
  number: string;
  level: SupervisionLevel;
  /** 承办单位. */
  unit: string;
  /** 督办事项: the task or matter. */
  matter: string;
  /** What happened so far (lagging since, earlier reminders), optional. */
  background?: string;
  /** 督办要求. */
  requirement: string;
  /** 反馈时限, as printed. */
  replyBy: string;
  date: string;
  contact?: { name: string; phone: string };
  copyTo?: readonly string[];
}

/** One unit's report for one task in the period, as submitted. */
export interface SummaryReport {
  unit: string;
  taskTitle: string;
  status: TaskStatus;
  percent: number | null;
  done: string;
  problems: string;
  nextSteps: string;
}

/** Input of {@link buildHalfYearSummary}: the 半年/年度总结 assembled from the units' reports. */
export interface HalfYearSummaryInput extends IssuingInfo {
  kind: 'half-year' | 'annual';
  planTitle: string;
  /** "2026年上半年" / "2026年度". */
  period: string;
  title?: string;
  figures: PeriodFigures;
  /** Reports grouped under the plan's level-1 headings, in outline order. */
  sections: readonly { heading: string; reports: readonly SummaryReport[] }[];
}
