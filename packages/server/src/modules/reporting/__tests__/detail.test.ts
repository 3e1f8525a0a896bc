import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../../testing/workspace.js';
import { reports } from '../schema.js';
import { publishedFuturePlan, type Report } from './fixtures.js';

const ws = useTestWorkspace();

describe('report detail (one statement)', () => {
  test('earlier periods come newest first with every field as the list shows them; the latest reported one prefills', async () => {
    const { reporter, transport } = await publishedFuturePlan(ws);
    const lead = (await ws.db.select().from(reports).where(eq(reports.unitId, transport))).find(
      (r) => r.isLead,
    )!;
    const { id: _id, ...slot } = lead;
    const at = (d: string) => new Date(`${d}T08:30:15.123Z`);
    const [older, newer, empty] = await ws.db
      .insert(reports)
      .values([
        {
          ...slot,
          periodKey: '2001-01',
          periodLabel: '2001年1月',
          periodStart: '2001-01-01',
          periodEnd: '2001-01-31',
          status: 'accepted',
          open: false,
          workStatus: 'in_progress',
          percent: 12.5,
          done: '较早一期。',
          submittedAt: at('2001-02-03'),
          reviewedAt: at('2001-02-05'),
          onTime: true,
          updatedAt: at('2001-02-05'),
        },
        {
          ...slot,
          periodKey: '2001-02',
          periodLabel: '2001年2月',
          periodStart: '2001-02-01',
          periodEnd: '2001-02-28',
          status: 'returned',
          open: true,
          workStatus: 'lagging',
          percent: 20,
          done: '上一期。',
          problems: '资金未到位。',
          indicatorValues: [{ indicatorId: 'x', value: 3 }],
          submittedAt: at('2001-03-02'),
          returnReason: '请补充。',
          returnCount: 1,
          updatedAt: at('2001-03-04'),
        },
        {
          ...slot,
          periodKey: '2001-03',
          periodLabel: '2001年3月',
          periodStart: '2001-03-01',
          periodEnd: '2001-03-31',
          status: 'pending',
          open: true,
          updatedAt: at('2001-04-01'),
        },
      ])
      .returning();
    const res = await reporter.get(`/api/reports/${lead.id}`);
    expect(res.status).toBe(200);
    // The same reports through the list route (the drizzle path) are the reference.
    const list = await reporter.get(`/api/reports?taskId=${lead.taskId}&limit=50`);
    const listed = new Map<string, Report>(list.body.items.map((r: Report) => [r.id, r]));
    expect(res.body.history.map((h: Report) => h.id)).toEqual([empty!.id, newer!.id, older!.id]);
    for (const h of res.body.history) expect(h).toEqual(listed.get(h.id));
    expect(res.body.history[1]).toMatchObject({
      submittedAt: '2001-03-02T08:30:15.123Z',
      updatedAt: '2001-03-04T08:30:15.123Z',
      percent: 20,
      returnCount: 1,
    });
    // The newest period that is not empty prefills the form.
    expect(res.body.previous).toMatchObject({
      workStatus: 'lagging',
      percent: 20,
      done: '上一期。',
      problems: '资金未到位。',
    });
  });
});
