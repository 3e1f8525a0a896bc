import type { XlsxGuardOptions } from './xlsx-guard.js';
import { buildSlotSheet, readSlotSheet, toNumber, type SlotSheetResult, type SlotSheetSpec } from './slot-sheet.js';

/** One indicator value a coordinator (or unit) fills for a period, at a version. */
export interface IndicatorSheetSlot {
  slotId: string;
  version: number;
  indicatorName: string;
  /** 计量单位 ("%", "亿元"), or null. */
  measure: string | null;
  /** Target as printed, e.g. "≥60（2025年）", or null. */
  target: string | null;
  /** Responsible unit as printed. */
  unit: string;
  period: string;
  /** Last accepted value, shown for reference. */
  previousValue: number | null;
  /** A saved draft to prefill the input columns with. */
  draft?: { value?: number | null; note?: string };
}

/** One validated row of an uploaded indicator sheet. */
export interface IndicatorEntry {
  slotId: string;
  version: number;
  row: number;
  value: number;
  note: string;
}

const NOTE_LIMIT = 1_000;

const indicatorSpec: SlotSheetSpec<IndicatorSheetSlot, IndicatorEntry> = {
  kind: 'indicator',
  sheetName: '指标数据填报',
  instructions:
    '填报说明：请在蓝色表头的列中填写“本期数值”（只填数字，不带单位）；数值变化较大或未达目标进度的，请在“说明”中写明原因。不填写的行视为本次不报送。请勿增删列或修改隐藏列。',
  columns: [
    { key: 'slotId', header: '填报编号', width: 12, role: 'id' },
    { key: 'version', header: '版本', width: 6, role: 'version' },
    { key: 'seq', header: '序号', width: 6, role: 'info', value: (_s, i) => i + 1 },
    { key: 'indicatorName', header: '指标名称', width: 36, role: 'info', value: (s) => s.indicatorName },
    { key: 'measure', header: '计量单位', width: 10, role: 'info', value: (s) => s.measure },
    { key: 'target', header: '目标值', width: 16, role: 'info', value: (s) => s.target },
    { key: 'unit', header: '责任单位', width: 18, role: 'info', value: (s) => s.unit },
    { key: 'period', header: '报送周期', width: 14, role: 'info', value: (s) => s.period },
    { key: 'previousValue', header: '上期数值', width: 12, role: 'info', value: (s) => s.previousValue },
    {
      key: 'value',
      header: '本期数值',
      width: 12,
      role: 'input',
      value: (s) => s.draft?.value ?? null,
      validation: {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [-1e12, 1e12],
        showErrorMessage: true,
        errorTitle: '数值无效',
        error: '请只填写数字，不带单位',
      },
    },
    { key: 'note', header: '说明', width: 36, role: 'input', value: (s) => s.draft?.note ?? null },
  ],
  parseRow(ctx, slot) {
    const raw = ctx.cells.value;
    const value = toNumber(raw);
    const note = ctx.cells.note == null ? '' : String(ctx.cells.note);
    let ok = true;
    if (raw == null) {
      ctx.error('value', `第${ctx.row}行未填写“本期数值”，请填写数字；本期不报送的，请清空该行的“说明”。`);
      ok = false;
    } else if (value === null) {
      ctx.error('value', `第${ctx.row}行“本期数值”填写为“${raw}”，不是数字，请只填写数字，不带单位。`);
      ok = false;
    }
    if (note.length > NOTE_LIMIT) {
      ctx.error('note', `第${ctx.row}行“说明”共${note.length}字，超过${NOTE_LIMIT}字上限，请精简后再上传。`);
      ok = false;
    }
    if (!ok || value === null) return null;
    return { slotId: slot.slotId, version: slot.version, row: ctx.row, value, note };
  },
};

/**
 * Builds the coordinator's bulk indicator sheet: one row per indicator value slot, with the slot
 * id and version hidden and a numeric rule on 本期数值.
 * @returns the .xlsx bytes
 */
export function buildIndicatorSheet(slots: readonly IndicatorSheetSlot[], title = '指标数据填报表'): Promise<Buffer> {
  return buildSlotSheet(indicatorSpec, slots, title);
}

/**
 * Reads and validates an uploaded indicator sheet against the slots as they are now: all rows, or
 * every error and conflict (never partially). Throws `OfficeFileError` for a hostile or foreign file.
 */
export function readIndicatorSheet(
  bytes: Uint8Array,
  currentVersions: ReadonlyMap<string, number>,
  options?: XlsxGuardOptions,
): Promise<SlotSheetResult<IndicatorEntry>> {
  return readSlotSheet(indicatorSpec, bytes, currentVersions, options);
}
