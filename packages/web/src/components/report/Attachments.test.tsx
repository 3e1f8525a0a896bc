// @vitest-environment node
import '../../test/install-dom';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Attachments } from './Attachments';
import { attachmentProblem, formatSize } from './attachment-rules';
import { consolidate } from './consolidate';
import { EMPTY_REPORT } from './ReportForm';

afterEach(cleanup);

const choose = (input: HTMLElement, file: File) => fireEvent.change(input, { target: { files: [file] } });

describe('report attachments', () => {
  it('lists attachments with download links and sizes', () => {
    const { getByRole, getByText } = render(
      <Attachments reportId="r1" canAttach={false} onAdded={() => undefined} items={[{ id: 'a1', filename: '施工合同.pdf', size: 2_621_440, createdAt: '2026-11-20T00:00:00Z' }]} />,
    );
    expect(getByRole('link', { name: '施工合同.pdf' }).getAttribute('href')).toBe('/api/attachments/a1');
    expect(getByText('2.5 MB')).toBeTruthy();
  });

  it('offers removal only while the unit may still attach, naming the file', () => {
    const items = [{ id: 'a1', filename: '错传的照片.jpg', size: 10, createdAt: '2026-11-20T00:00:00Z' }];
    const editable = render(<Attachments reportId="r1" canAttach items={items} onAdded={() => undefined} onRemoved={() => undefined} />);
    expect(editable.getByRole('button', { name: '删除「错传的照片.jpg」' })).toBeTruthy();
    cleanup();
    const locked = render(<Attachments reportId="r1" canAttach={false} items={items} onAdded={() => undefined} onRemoved={() => undefined} />);
    expect(locked.queryByRole('button', { name: /删除/ })).toBeNull();
  });

  it('refuses a program, an empty file and an over-size file in Chinese, saying what to do, without uploading', () => {
    let added = 0;
    const { getByLabelText, getByRole } = render(<Attachments reportId="r1" canAttach items={[]} onAdded={() => (added += 1)} />);
    const input = getByLabelText('添加附件');
    choose(input, new File(['MZ'], '进度.exe'));
    expect(getByRole('alert').textContent).toContain('不支持「进度.exe」这种文件类型。请上传 PDF');
    choose(input, new File([], '空白.docx'));
    expect(getByRole('alert').textContent).toContain('「空白.docx」是空文件');
    const big = new File(['x'], '全部照片.zip');
    Object.defineProperty(big, 'size', { value: 25 * 1024 * 1024 });
    choose(input, big);
    expect(getByRole('alert').textContent).toContain('「全部照片.zip」有 25 MB，超过 20 MB 上限。请压缩或拆分后再上传。');
    expect(added).toBe(0);
  });

  it('accepts office documents, OFD, images and archives, case-insensitively', () => {
    for (const name of ['a.PDF', 'b.docx', 'c.ofd', 'd.wps', 'e.JPG', 'f.7z', 'g.xlsx']) expect(attachmentProblem({ name, size: 10 })).toBeNull();
    for (const name of ['h.html', 'i.js', 'noextension', 'j.bat']) expect(attachmentProblem({ name, size: 10 })?.kind).toBe('type');
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(36_044)).toBe('35.2 KB');
  });
});

describe('consolidating co-units inputs into the lead report', () => {
  const co = { unitName: '武汉市自然资源和规划局', done: '完成用地预审。', problems: '', nextSteps: '办理规划许可。' };

  it('appends each unit’s text marked with the unit, keeping the lead’s own text first', () => {
    const own = { ...EMPTY_REPORT, done: '主体工程已开工。', percent: 60 };
    const { values, added } = consolidate(own, [co]);
    expect(added).toBe(1);
    expect(values.done).toBe('主体工程已开工。\n【武汉市自然资源和规划局】完成用地预审。');
    expect(values.nextSteps).toBe('【武汉市自然资源和规划局】办理规划许可。');
    expect(values.problems).toBe('');
    expect(values.percent).toBe(60);
  });

  it('does not repeat what is already consolidated', () => {
    const once = consolidate(EMPTY_REPORT, [co]).values;
    const twice = consolidate(once, [co]);
    expect(twice.added).toBe(0);
    expect(twice.values).toEqual(once);
  });
});
