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
