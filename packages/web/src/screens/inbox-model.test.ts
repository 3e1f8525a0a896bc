import { describe, expect, it } from 'vitest';
import { appendPage, toInboxItems, toSignItems } from './inbox-model';

describe('the unit leader’s reports to sign', () => {
  it('keeps the reports the server lets the caller sign, labelled with their task, due date and link', () => {
    const items = toSignItems(
      [
        { id: 'r1', taskId: 't1', periodLabel: '2026年11月', dueDate: '2026-12-20', actions: ['report.read', 'report.sign'] },
        { id: 'r2', taskId: 't2', periodLabel: '2026年11月', dueDate: '2026-12-20', actions: ['report.read'] },
      ],
      (taskId) => (taskId === 't1' ? '二/（一）/1 推进城市圈环线高速公路建设' : '?'),
    );
    expect(items).toEqual([
      { id: 'r1', kind: 'sign', title: '二/（一）/1 推进城市圈环线高速公路建设', subtitle: '2026年11月', due: '2026-12-20', href: '/reports/r1' },
    ]);
  });
});

describe('查看全部: a further page of one kind', () => {
  it('appends the page’s items after those shown, each once, with their links', () => {
    const shown = toInboxItems({ items: [{ id: 'a', kind: 'report_due', title: '一/1 甲', due: '2026-12-20', href: '/reports/a' }] });
    const next = appendPage(shown, {
      kind: 'report_due',
      total: 3,
      items: [
        { id: 'a', kind: 'report_due', title: '一/1 甲', due: '2026-12-20', href: '/reports/a' },
        { id: 'b', kind: 'report_due', title: '一/2 乙', due: '2026-12-21', href: '/reports/b' },
        { id: 'c', kind: 'report_due', title: '一/3 丙', due: null, reportId: 'c' },
      ],
    });
    expect(next.map((i) => [i.id, i.href])).toEqual([
      ['a', '/reports/a'],
      ['b', '/reports/b'],
      ['c', '/reports/c'],
    ]);
    expect(appendPage(next, { items: [] })).toEqual(next);
  });
});
