import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { sheetRejection } from './sheet-result';

describe('reading a refused progress-sheet upload', () => {
  it('gives the cell errors by row and column, in order, and the conflicting rows', () => {
    const e = new ApiError(400, 'validation.failed', '填报表有2 处填写有误，本次上传未保存任何内容。', {
      errors: [
        { row: 5, column: 'I', field: '完成比例(%)', message: '第5行“完成比例”为150，超出范围，请填写0到100之间的数字。' },
        { row: 3, column: 'H', field: '状态', message: '第3行未选择“状态”。' },
      ],
      conflicts: [{ row: 4, slotId: 's', downloadedVersion: 2, currentVersion: 3, message: '已被修改' }],
    });
    const r = sheetRejection(e)!;
    expect(r.message).toContain('本次上传未保存任何内容');
    expect(r.errors.map((x) => `${x.row}${x.column} ${x.field}`)).toEqual(['3H 状态', '5I 完成比例(%)']);
    expect(r.conflicts).toEqual([{ row: 4, downloadedVersion: 2, currentVersion: 3, message: '已被修改' }]);
  });

  it('leaves whole-file problems (not an xlsx, too large) to the ordinary error message', () => {
    expect(sheetRejection(new ApiError(400, 'validation.failed', '这不是 xlsx 文件', { officeCode: 'office.not_xlsx' }))).toBeNull();
    expect(sheetRejection(new Error('x'))).toBeNull();
  });
});
