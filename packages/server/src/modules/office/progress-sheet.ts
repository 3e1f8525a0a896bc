import type { XlsxGuardOptions } from './xlsx-guard.js';
import { buildSlotSheet, readSlotSheet, toNumber, type SlotSheetResult, type SlotSheetSpec } from './slot-sheet.js';
import { TASK_STATUS_LABELS, TASK_STATUSES, type TaskStatus } from './types.js';

/** One report slot a unit fills for a period: a task × unit × period, at a version. */
export interface ProgressSheetSlot {
  slotId: string;
  version: number;
  /** Task number or outline path as the unit knows it ("二/（一）/3"). */
  taskNumber: string;
  taskTitle: string;
  /** Reporting unit, with its role when useful ("市交通运输局（牵头）"). */
  unit: string;
  /** Period label ("2026年第三季度"). */
  period: string;
  /** 报送截止 date as printed. */
  dueDate: string | null;
  /** 完成时限 of the task as printed. */
  deadline: string | null;
  /** A saved draft to prefill the input columns with. */
  draft?: Partial<ProgressEntryValues>;
}

/** What a unit reports for one slot. */
export interface ProgressEntryValues {
  status: TaskStatus;
  percent: number;
  /** 本期进展情况. */
  done: string;
  /** 存在问题. */
  problems: string;
  /** 下一步计划. */
  nextSteps: string;
}

/** One validated row of an uploaded progress sheet. */
export interface ProgressEntry extends ProgressEntryValues {
  slotId: string;
  /** The slot version the sheet was downloaded at (equal to the current one, or it is a conflict). */
  version: number;
  row: number;
}

/** Longest text accepted in one cell. */
export const PROGRESS_TEXT_LIMIT = 2_000;

const STATUS_LIST = TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]);
const STATUS_BY_LABEL = new Map(TASK_STATUSES.map((s) => [TASK_STATUS_LABELS[s], s]));

const progressSpec: SlotSheetSpec<ProgressSheetSlot, ProgressEntry> = {
  kind: 'progress',
  sheetName: '进度填报',
  instructions:
    '填报说明：请在蓝色表头的列中填写；“状态”从下拉列表选择，“完成比例”填写0到100之间的数字；状态为“已完成”时完成比例为100；状态为“滞后”或“有困难”时须填写存在问题。不填写的行视为本次不报送。请勿增删列、修改隐藏列或调整行的对应关系。',
  columns: [
    { key: 'slotId', header: '填报编号', width: 12, role: 'id' },
    { key: 'version', header: '版本', width: 6, role: 'version' },
    { key: 'taskNumber', header: '序号', width: 12, role: 'info', value: (s) => s.taskNumber },
    { key: 'taskTitle', header: '任务', width: 40, role: 'info', value: (s) => s.taskTitle },
    { key: 'unit', header: '填报单位', width: 16, role: 'info', value: (s) => s.unit },
    { key: 'period', header: '报送周期', width: 14, role: 'info', value: (s) => s.period },
    { key: 'deadline', header: '完成时限', width: 14, role: 'info', value: (s) => s.deadline },
    {
      key: 'status',
      header: '状态',
      width: 10,
      role: 'input',
      value: (s) => (s.draft?.status ? TASK_STATUS_LABELS[s.draft.status] : null),
      validation: {
        type: 'list',
        allowBlank: true,
        formulae: [`"${STATUS_LIST.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '状态无效',
        error: `请从下拉列表选择：${STATUS_LIST.join('、')}`,
      },
    },
    {
      key: 'percent',
      header: '完成比例(%)',
      width: 10,
      role: 'input',
      value: (s) => s.draft?.percent ?? null,
      numFmt: '0',
      validation: {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 100],
        showErrorMessage: true,
        errorTitle: '完成比例无效',
        error: '请填写0到100之间的数字',
      },
    },
    { key: 'done', header: '本期进展情况', width: 40, role: 'input', value: (s) => s.draft?.done ?? null },
    { key: 'problems', header: '存在问题', width: 28, role: 'input', value: (s) => s.draft?.problems ?? null },
    { key: 'nextSteps', header: '下一步计划', width: 28, role: 'input', value: (s) => s.draft?.nextSteps ?? null },
  ],
  parseRow(ctx, slot) {
    const { cells } = ctx;
    let ok = true;
    const fail = (key: string, message: string) => {
      ctx.error(key, message);
      ok = false;
    };
    const statusText = cells.status == null ? null : String(cells.status);
    const status = statusText === null ? undefined : STATUS_BY_LABEL.get(statusText);
    if (statusText === null) fail('status', `第${ctx.row}行未选择“状态”，请从下拉列表选择：${STATUS_LIST.join('、')}。`);
    else if (!status) fail('status', `第${ctx.row}行“状态”填写为“${statusText}”，无法识别，请从下拉列表选择：${STATUS_LIST.join('、')}。`);

    const percent = toNumber(cells.percent);
    if (cells.percent == null) fail('percent', `第${ctx.row}行未填写“完成比例”，请填写0到100之间的数字。`);
    else if (percent === null) fail('percent', `第${ctx.row}行“完成比例”填写为“${cells.percent}”，不是数字，请填写0到100之间的数字。`);
    else if (percent < 0 || percent > 100) fail('percent', `第${ctx.row}行“完成比例”为${percent}，超出范围，请填写0到100之间的数字。`);
    else if (status === 'completed' && percent !== 100) fail('percent', `第${ctx.row}行状态为“已完成”，完成比例应为100，请核对。`);
    else if (status === 'not_started' && percent !== 0) fail('percent', `第${ctx.row}行状态为“未启动”，完成比例应为0，请核对。`);
    else if (status && status !== 'completed' && percent === 100) fail('status', `第${ctx.row}行完成比例为100，状态应为“已完成”，请核对。`);

    const text = (key: 'done' | 'problems' | 'nextSteps', label: string): string => {
      const v = cells[key];
      const s = v == null ? '' : String(v);
      if (s.length > PROGRESS_TEXT_LIMIT) fail(key, `第${ctx.row}行“${label}”共${s.length}字，超过${PROGRESS_TEXT_LIMIT}字上限，请精简后再上传。`);
      return s;
    };
    const done = text('done', '本期进展情况');
    const problems = text('problems', '存在问题');
    const nextSteps = text('nextSteps', '下一步计划');
    if (status && status !== 'not_started' && !done) fail('done', `第${ctx.row}行未填写“本期进展情况”，请简要说明本期完成的工作。`);
    if ((status === 'lagging' || status === 'blocked') && !problems) {
      fail('problems', `第${ctx.row}行状态为“${statusText}”，请在“存在问题”中说明原因。`);
    }
    if (!ok || !status || percent === null) return null;
    return { slotId: slot.slotId, version: slot.version, row: ctx.row, status, percent, done, problems, nextSteps };
  },
};

/**
 * Builds a unit's bulk progress sheet for a period: one row per report slot, slot id and version
 * in hidden locked columns, a status list and a 0–100 percent rule on the input columns.
 * @param title first-row title, e.g. "市交通运输局 2026年第三季度 进度填报表"
 * @returns the .xlsx bytes
 */
export function buildProgressSheet(slots: readonly ProgressSheetSlot[], title = '进度填报表'): Promise<Buffer> {
  return buildSlotSheet(progressSpec, slots, title);
}

/**
 * Reads and validates an uploaded progress sheet against the slots as they are now. Returns every
 * row, or (never partially) every error by row and column and every conflicting row.
 * Throws `OfficeFileError` for a hostile or foreign file.
 */
export function readProgressSheet(
  bytes: Uint8Array,
  currentVersions: ReadonlyMap<string, number>,
  options?: XlsxGuardOptions,
): Promise<SlotSheetResult<ProgressEntry>> {
  return readSlotSheet(progressSpec, bytes, currentVersions, options);
}
