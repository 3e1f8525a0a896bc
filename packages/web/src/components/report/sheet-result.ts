/** Reading the progress-sheet upload's answer: cell errors and conflicts by row and column, as the server sends them. */
import { ApiError } from '../../api/client';

export interface SheetCellError {
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface SheetConflict {
  row: number;
  downloadedVersion: number;
  currentVersion: number;
  message: string;
}

export interface SheetRejection {
  message: string;
  errors: SheetCellError[];
  conflicts: SheetConflict[];
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(rec) : []);

/** The row-level problems of a refused upload, or null when the error is about the whole file (or not an upload answer). */
export function sheetRejection(e: unknown): SheetRejection | null {
  if (!(e instanceof ApiError)) return null;
  const d = rec(e.details);
  const errors = list(d.errors).map((x) => ({ row: Number(x.row), column: text(x.column), field: text(x.field), message: text(x.message) }));
  const conflicts = list(d.conflicts).map((x) => ({
    row: Number(x.row),
    downloadedVersion: Number(x.downloadedVersion),
    currentVersion: Number(x.currentVersion),
    message: text(x.message),
  }));
  if (!errors.length && !conflicts.length) return null;
  return { message: e.message, errors: errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)), conflicts: conflicts.sort((a, b) => a.row - b.row) };
}
