// @vitest-environment node
import '../../test/install-dom';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SheetProblems } from './ProgressSheet';

afterEach(cleanup);

describe('a refused progress sheet', () => {
  it('lists every wrong cell by row and column and every conflicting row, and says what to do', () => {
    const { getByRole, getAllByTestId, getByTestId } = render(
      <SheetProblems
        rejection={{
          message: '填报表有1 处填写有误，1 行在下载后已被他人修改，本次上传未保存任何内容。请按列出的行和列逐一修改后重新上传。',
          errors: [{ row: 4, column: 'I', field: '完成比例(%)', message: '第4行“完成比例”为150，超出范围，请填写0到100之间的数字。' }],
          conflicts: [{ row: 5, downloadedVersion: 2, currentVersion: 4, message: '' }],
        }}
      />,
    );
    expect(getByRole('alert').textContent).toContain('填报表未保存（一行都没有保存）');
    expect(getAllByTestId('sheet-error').map((r) => r.textContent)).toEqual(['4I完成比例(%)第4行“完成比例”为150，超出范围，请填写0到100之间的数字。']);
    const conflicts = getByTestId('sheet-conflicts').textContent ?? '';
    expect(conflicts).toContain('1 行在下载后已被他人修改');
    expect(conflicts).toContain('第5行：下载时为第 2 版，现为第 4 版');
    expect(conflicts).toContain('请重新下载填报表');
  });
});
