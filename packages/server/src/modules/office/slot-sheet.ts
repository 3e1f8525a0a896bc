import ExcelJS from 'exceljs';
import { OfficeFileError } from './errors.js';
import { rowHeightFor } from './row-height.js';
import { inertText } from './text.js';
import { loadWorkbookSafely, type XlsxGuardOptions } from './xlsx-guard.js';

/**
 * The machinery shared by the bulk sheets a unit or coordinator downloads, fills offline and
 * uploads: one row per slot (a report slot, an indicator value slot) with the slot id and version
 * in hidden, locked columns; input columns with data validation; a very hidden sheet naming the
 * kind of sheet. Reading validates every row and returns either all rows or all problems.
 */

/** Kinds of bulk sheet; a sheet of one kind is refused where another is expected. */
export type SlotSheetKind = 'progress' | 'indicator';

/** Any slot: an id and the version it had when the sheet was downloaded. */
export interface VersionedSlot {
  slotId: string;
  version: number;
}

export type CellInput = string | number | null;

export interface SlotSheetColumn<S> {
  key: string;
  header: string;
  width: number;
  /** `input` columns are unlocked for the user; the others are locked. */
  role: 'id' | 'version' | 'info' | 'input';
  /** Value written at download (info columns; input columns prefilled from a draft). */
  value?: (slot: S, index: number) => CellInput;
  validation?: ExcelJS.DataValidation;
  numFmt?: string;
}

/** One problem in one cell, said in Chinese so the user can fix it. */
export interface SheetCellError {
  /** Spreadsheet row number as Excel shows it. */
  row: number;
  /** Column letter as Excel shows it. */
  column: string;
  /** Column header, e.g. "状态". */
  field: string;
  message: string;
}

/** A filled row whose slot changed on the server since the sheet was downloaded. */
export interface SheetConflict {
  row: number;
  slotId: string;
  downloadedVersion: number;
  currentVersion: number;
  message: string;
}

export type SlotSheetResult<R> =
  | { ok: true; rows: R[]; untouchedSlotIds: string[] }
  | { ok: false; errors: SheetCellError[]; conflicts: SheetConflict[] };

/** What a row parser receives: trimmed cell values by column key, and a way to report errors. */
export interface RowContext {
  row: number;
  cells: Readonly<Record<string, CellInput>>;
  /** Reports a problem in the cell of column `key`. */
  error(key: string, message: string): void;
}

export interface SlotSheetSpec<S extends VersionedSlot, R> {
  kind: SlotSheetKind;
  sheetName: string;
  /** Text of the merged instructions row above the header. */
  instructions: string;
  columns: readonly SlotSheetColumn<S>[];
  /** Parses a filled row (at least one input cell non-empty); returns null after reporting errors. */
  parseRow(ctx: RowContext, slot: VersionedSlot): R | null;
}

const META_SHEET = '_xietong';
const FORMAT_VERSION = 1;
const HEADER_ROW = 2;
const FIRST_DATA_ROW = HEADER_ROW + 1;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const kindLabel: Record<SlotSheetKind, string> = { progress: '进度填报表', indicator: '指标数据填报表' };

/**
 * Writes a bulk sheet for `slots`.
 * @param title printed in the first row together with the instructions
 * @returns the .xlsx bytes
 */
export async function buildSlotSheet<S extends VersionedSlot, R>(
  spec: SlotSheetSpec<S, R>,
  slots: readonly S[],
  title: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xietong 协同';
  wb.title = inertText(title);
  const ws = wb.addWorksheet(spec.sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const cols = spec.columns;
  ws.columns = cols.map((c) => ({ width: c.width, hidden: c.role === 'id' || c.role === 'version' }));

  const intro = ws.getCell(1, 1);
  intro.value = `${inertText(title)}\n${spec.instructions}`;
  intro.alignment = { wrapText: true, vertical: 'top' };
  intro.font = { name: '宋体', size: 11 };
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getRow(1).height = 64;

  cols.forEach((c, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = c.header;
    cell.font = { name: '黑体', size: 11, color: c.role === 'input' ? { argb: 'FF1F4E79' } : undefined };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.role === 'input' ? 'FFDDEBF7' : 'FFD9D9D9' } };
    cell.border = borders;
  });
  ws.getRow(HEADER_ROW).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }];
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;

  slots.forEach((slot, index) => {
    const r = ws.getRow(FIRST_DATA_ROW + index);
    cols.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      const v = c.role === 'id' ? slot.slotId : c.role === 'version' ? slot.version : (c.value?.(slot, index) ?? null);
      cell.value = typeof v === 'string' ? inertText(v) : v;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = borders;
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.role === 'input') cell.protection = { locked: false };
    });
    r.height = rowHeightFor(cols.filter((c) => c.role !== 'id' && c.role !== 'version').map((c) => ({ text: r.getCell(cols.indexOf(c) + 1).text, width: c.width })));
  });
  const lastRow = FIRST_DATA_ROW + Math.max(slots.length, 1) - 1;
  const validations = (ws as unknown as { dataValidations: { add(range: string, dv: ExcelJS.DataValidation): void } })
    .dataValidations;
  cols.forEach((c, i) => {
    if (!c.validation) return;
    const letter = ws.getColumn(i + 1).letter;
    validations.add(`${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`, c.validation);
  });
  // Locked id/version/info columns; the user may still resize rows and use filters.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: true,
    formatColumns: false,
    autoFilter: true,
    sort: false,
  });

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.getCell('A1').value = 'kind';
  meta.getCell('B1').value = spec.kind;
  meta.getCell('A2').value = 'format';
  meta.getCell('B2').value = FORMAT_VERSION;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads an uploaded bulk sheet. File-level problems (not an xlsx, zip bomb, too many rows,
 * references outside the sheet, not our template) throw {@link OfficeFileError}. Row-level
 * problems are collected for every row, and a filled row whose slot version differs from
 * `currentVersions` is a conflict; the result holds rows only when there is neither.
 * @param currentVersions the caller's slots now: id → version (a missing id is an error)
 */
export async function readSlotSheet<S extends VersionedSlot, R>(
  spec: SlotSheetSpec<S, R>,
  bytes: Uint8Array,
  currentVersions: ReadonlyMap<string, number>,
  options: XlsxGuardOptions = {},
): Promise<SlotSheetResult<R>> {
  const { workbook } = await loadWorkbookSafely(bytes, options);
  const wrong = (why: string) =>
    new OfficeFileError(
      'office.wrong_template',
      `上传的文件不是本系统导出的${kindLabel[spec.kind]}（${why}）。请重新下载${kindLabel[spec.kind]}，在其中填写后上传，不要调整列的顺序或删除隐藏列。`,
      { why },
    );
  const meta = workbook.getWorksheet(META_SHEET);
  const kind = meta ? cellInput(meta.getCell('B1')) : null;
  if (kind !== spec.kind) throw wrong(meta ? `表格类型为 ${String(kind)}` : '缺少模板标识');
  const ws = workbook.getWorksheet(spec.sheetName);
  if (!ws) throw wrong(`找不到工作表“${spec.sheetName}”`);
  spec.columns.forEach((c, i) => {
    const h = cellInput(ws.getCell(HEADER_ROW, i + 1));
    if (h !== c.header) throw wrong(`第${HEADER_ROW}行第${i + 1}列应为“${c.header}”`);
  });

  const errors: SheetCellError[] = [];
  const conflicts: SheetConflict[] = [];
  const rows: R[] = [];
  const untouched: string[] = [];
  const seen = new Map<string, number>();
  const letters = spec.columns.map((_, i) => ws.getColumn(i + 1).letter);
  const idIdx = spec.columns.findIndex((c) => c.role === 'id');
  const verIdx = spec.columns.findIndex((c) => c.role === 'version');

  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, CellInput> = {};
    const cellErrors: SheetCellError[] = [];
    spec.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      let v = cellInput(cell);
      // "50%" typed into a number cell is stored as 0.5 with a percent format.
      if (typeof v === 'number' && typeof cell.numFmt === 'string' && cell.numFmt.includes('%') && !cell.numFmt.includes('"%"')) v = Math.round(v * 1e6) / 1e4;
      cells[c.key] = v;
    });
    const filled = spec.columns.some((c) => c.role === 'input' && cells[c.key] != null);
    const rawId = cells[spec.columns[idIdx]!.key];
    if (rawId == null && !filled) continue; // a blank line
    const ctx: RowContext = {
      row: r,
      cells,
      error(key, message) {
        const i = spec.columns.findIndex((c) => c.key === key);
        cellErrors.push({ row: r, column: letters[i] ?? '?', field: spec.columns[i]?.header ?? key, message });
      },
    };
    const slotId = rawId == null ? '' : String(rawId);
    const downloaded = Number(cells[spec.columns[verIdx]!.key]);
    const current = currentVersions.get(slotId);
    if (!slotId || current === undefined) {
      ctx.error(spec.columns[idIdx]!.key, '该行的填报编号无效或已不属于本次填报，请重新下载填报表，将内容粘贴到新表对应行后再上传。');
      errors.push(...cellErrors);
      continue;
    }
    if (seen.has(slotId)) {
      ctx.error(spec.columns[idIdx]!.key, `该行与第${seen.get(slotId)}行是同一填报事项，请删除重复的行。`);
      errors.push(...cellErrors);
      continue;
    }
    seen.set(slotId, r);
    if (!filled) {
      untouched.push(slotId);
      continue;
    }
    if (!Number.isInteger(downloaded)) {
      ctx.error(spec.columns[verIdx]!.key, '该行的版本标识被修改，请重新下载填报表后填写。');
      errors.push(...cellErrors);
      continue;
    }
    const parsed = spec.parseRow(ctx, { slotId, version: downloaded });
    errors.push(...cellErrors);
    if (downloaded !== current) {
      conflicts.push({
        row: r,
        slotId,
        downloadedVersion: downloaded,
        currentVersion: current,
        message: `第${r}行在您下载填报表之后已被他人修改（下载时为第${downloaded}版，现为第${current}版）。为避免覆盖，本次上传未保存任何内容。请重新下载填报表，核对该行后再上传。`,
      });
    }
    if (parsed !== null && cellErrors.length === 0) rows.push(parsed);
  }
  if (errors.length || conflicts.length) return { ok: false, errors, conflicts };
  return { ok: true, rows, untouchedSlotIds: untouched };
}

/** A cell's value as plain input: text trimmed (empty → null), numbers as numbers, formulas by their result. */
export function cellInput(cell: ExcelJS.Cell): CellInput {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return cellTextOrNull(v.richText.map((t) => t.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (typeof result === 'number') return result;
      if (typeof result === 'string') return cellTextOrNull(result);
      if (result instanceof Date) return result.toISOString().slice(0, 10);
      return null;
    }
    if ('text' in v) return cellTextOrNull(String(v.text));
    if ('error' in v) return String(v.error);
  }
  return null;
}

const cellTextOrNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** Reads a number typed as a number or as text ("85", "85%", "１２"); null when it is not one. */
export function toNumber(v: CellInput | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v == null) return null;
  const s = v.replace(/[０-９．]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '').replace(/[%％]$/, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}
