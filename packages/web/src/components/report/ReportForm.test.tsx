// @vitest-environment node
import '../../test/install-dom';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { Autosave } from '../../lib/autosave';
import { EMPTY_REPORT, ReportForm, type ReportValues } from './ReportForm';

afterEach(cleanup);

const conflict: Autosave<ReportValues> = {
  state: 'conflict',
  savedAt: null,
  error: new ApiError(409, 'conflict.stale', '这份报告已被他人修改（您编辑的是第 2 版，当前为第 3 版）。您填写的内容仍保留在页面上，请对照最新内容合并后再保存。', {
    changedFields: ['percent', 'done'],
  }),
  flush: () => Promise.resolve(false),
  resume: () => undefined,
  markSaved: () => undefined,
};

describe('ReportForm on a stale save', () => {
  it("explains what happened, shows the newer version beside the user's text, and lets the user choose", () => {
    const mine = { ...EMPTY_REPORT, done: '我刚写的：完成两个断头路项目招标。' };
    const theirs = { done: '同事保存的：主体工程已开工。', percent: 50 };
    let chose = '';
    const { getByRole, getByLabelText, getByText } = render(
      <ReportForm value={mine} onChange={() => undefined} autosave={conflict} theirs={theirs} onKeepMine={() => (chose = 'mine')} onUseTheirs={() => (chose = 'theirs')} />,
    );
    expect(getByRole('alert').textContent).toContain('当前为第 3 版');
    expect(getByRole('alert').textContent).toContain('与最新内容不同的栏目：完成进度（%）、已完成工作');
    expect((getByLabelText('已完成工作') as HTMLTextAreaElement).value).toBe('我刚写的：完成两个断头路项目招标。');
    expect(getByText('同事保存的：主体工程已开工。')).toBeTruthy();
    fireEvent.click(getByRole('button', { name: '改用最新内容' }));
    expect(chose).toBe('theirs');
    fireEvent.click(getByRole('button', { name: '保留我的内容并覆盖' }));
    expect(chose).toBe('mine');
  });

  it('shows a submitted report as text for readers', () => {
    const { queryByRole, getByText } = render(<ReportForm value={{ ...EMPTY_REPORT, done: '已完成招标。', status: 'in_progress' }} onChange={() => undefined} readOnly />);
    expect(getByText('已完成招标。')).toBeTruthy();
    expect(getByText('推进中')).toBeTruthy();
    expect(queryByRole('textbox')).toBeNull();
  });
});
