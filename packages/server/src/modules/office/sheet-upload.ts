import { DomainError } from '../../errors.js';
import { OfficeFileError, officeErrorStatus } from './errors.js';
import type { SheetCellError, SheetConflict, SlotSheetResult } from './slot-sheet.js';

/**
 * Reads an uploaded bulk sheet (progress, indicator values) and turns what is wrong into the
 * domain error the HTTP layer answers with: a hostile or foreign file → 400/413 with
 * `details.officeCode`; row errors → 400 `validation.failed` with `details.errors` (row, column,
 * message); only conflicts → 409 `conflict.stale` with `details.conflicts`. Nothing is saved then.
 * @param label what the sheet is called to the user ("进度填报表")
 */
export async function readUploadedSheet<R>(label: string, read: () => Promise<SlotSheetResult<R>>): Promise<{ rows: R[]; untouchedSlotIds: string[] }> {
  let result: SlotSheetResult<R>;
  try {
    result = await read();
  } catch (err) {
    if (err instanceof OfficeFileError) {
      throw new DomainError(officeErrorStatus(err.code) === 413 ? 'request.too_large' : 'validation.failed', err.message, {
        officeCode: err.code,
        ...err.detail,
      });
    }
    throw err;
  }
  if (!result.ok) throw sheetRejection(label, result.errors, result.conflicts);
  return { rows: result.rows, untouchedSlotIds: result.untouchedSlotIds };
}

/** The all-or-nothing refusal of an upload, with every error and conflict in the details. */
export function sheetRejection(label: string, errors: SheetCellError[], conflicts: SheetConflict[]): DomainError {
  const parts = [
    errors.length ? `${errors.length} 处填写有误` : null,
    conflicts.length ? `${conflicts.length} 行在下载后已被他人修改` : null,
  ].filter(Boolean);
  const first = errors[0]?.message ?? conflicts[0]?.message ?? '';
  return new DomainError(
    conflicts.length && !errors.length ? 'conflict.stale' : 'validation.failed',
    `${label}有${parts.join('，')}，本次上传未保存任何内容。请按列出的行和列逐一修改后重新上传。${first ? `例如：${first}` : ''}`,
    { errors, conflicts },
  );
}
