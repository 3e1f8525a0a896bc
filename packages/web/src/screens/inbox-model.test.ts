import { describe, expect, it } from 'vitest';
import { toSignItems } from './inbox-model';

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
