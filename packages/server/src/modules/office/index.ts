/**
 * Office documents in and out (issue 5): Excel task tables and bulk sheets, official-format Word.
 * Pure functions over typed inputs; the platform's commands load data, call these, and send the
 * bytes. Uploaded workbooks go through the hostile-file guard before exceljs sees them.
 */
export { OfficeFileError, officeErrorStatus, type OfficeErrorCode } from './errors.js';
export { inspectXlsx, loadWorkbookSafely, DEFAULT_MAX_ROWS, type XlsxGuardOptions, type InspectedWorkbook } from './xlsx-guard.js';
export { buildTaskTable, TASK_TABLE_HEADERS } from './task-table.js';
export { taskTableFromOutline, shortTitle, type OutlineRow, type TaskRow } from './outline-table.js';
export {
  buildProgressSheet,
  readProgressSheet,
  PROGRESS_TEXT_LIMIT,
  type ProgressSheetSlot,
  type ProgressEntry,
  type ProgressEntryValues,
} from './progress-sheet.js';
export { buildIndicatorSheet, readIndicatorSheet, type IndicatorSheetSlot, type IndicatorEntry } from './indicator-sheet.js';
export type { SlotSheetResult, SheetCellError, SheetConflict } from './slot-sheet.js';
export { buildBulletin } from './bulletin.js';
export { periodFigures, unitPerformance, completedItems, laggingItems, type TaskPeriodState, type SlotPeriodState } from './figures.js';
export { buildSupervisionNotice } from './supervision-notice.js';
export { buildHalfYearSummary } from './summary.js';
export * from './types.js';

/** Media types of what this module produces. */
export const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * A Content-Disposition header for a download with a Chinese file name (RFC 6266/5987): an ASCII
 * fallback plus the UTF-8 name, with characters that could break the header removed.
 */
export function contentDisposition(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const safe = fileName.replace(/[\u0000-\u001f\u007f"\\/:*?<>|]/g, '_');
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/**
 * Sends a generated file as a download: media type from its extension, the Chinese file name in
 * the Content-Disposition. Returns the bytes for the route handler to return.
 */
export function sendFile(reply: { header(name: string, value: string): unknown }, file: { fileName: string; bytes: Buffer }): Buffer {
  reply.header('content-type', file.fileName.endsWith('.docx') ? MEDIA_TYPES.docx : MEDIA_TYPES.xlsx);
  reply.header('content-disposition', contentDisposition(file.fileName));
  return file.bytes;
}
