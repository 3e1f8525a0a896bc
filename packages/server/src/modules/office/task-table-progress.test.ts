import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@xietong/shared';
import { useTestWorkspace } from '../../testing/workspace.js';
import type { TestClient } from '../../testing/client.js';
import { reports } from '../reporting/schema.js';
import { saveReport } from '../reporting/commands.js';
import { publishedFuturePlan } from '../reporting/__tests__/fixtures.js';
import { convertWithLibreOffice, readCsv, scratchDir } from './__tests__/libreoffice.js';

const ws = useTestWorkspace();
const dir = scratchDir('task-table-progress');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportTable = (client: TestClient, planId: string, query: string) =>
  ws.app.inject({
    method: 'GET',
    url: `/api/plans/${planId}/task-table.xlsx${query}`,
    headers: { cookie: `${SESSION_COOKIE}=${client.cookie}` },
  });

describe('GET /api/plans/:id/task-table.xlsx?period=', () => {
  it('adds the period progress of submitted reports (进展情况, 完成比例, 状态/亮灯), read back by LibreOffice', async () => {
    const { reporter, coordinator, planId, transport, tasks } = await publishedFuturePlan(ws);
    const leads = (await ws.db.select().from(reports).where(eq(reports.unitId, transport))).filter(
      (r) => r.isLead,
    );
    expect(leads.length).toBe(2);
    const first = leads.find((r) => r.taskId === tasks[0]!.id);
    const second = leads.find((r) => r.taskId === tasks[1]!.id);
    expect(tasks[0]!.text).toContain('环线甲段');
    await ws.run((ctx) =>
      saveReport(ctx, first!.id, {
        workStatus: 'in_progress',
        percent: 45,
        done: '环线甲段完成征地拆迁。',
        problems: '无',
        nextSteps: '开工建设。',
      }),
    );
    expect((await reporter.post(`/api/reports/${first!.id}/submit`, {})).status).toBe(200);
    // A draft is not progress yet: the sheet leaves its row empty.
    await ws.run((ctx) =>
      saveReport(ctx, second!.id, {
        workStatus: 'completed',
        percent: 100,
        done: '草稿里的话',
        problems: '',
        nextSteps: '',
      }),
    );

    const res = await exportTable(coordinator, planId, `?period=${encodeURIComponent(first!.periodKey)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent(`-${first!.periodLabel}-任务分工表.xlsx`),
    );
    const csv = await convertWithLibreOffice(dir, { 'progress.xlsx': res.rawPayload }, 'csv');
    const rows = readCsv(csv['progress.xlsx']!);
    expect(rows[1]![0]).toContain(`进展情况：${first!.periodLabel}`);
    expect(rows[2]).toEqual([
      '序号',
      '重点任务',
      '具体内容/工作措施',
      '牵头单位',
      '责任单位',
      '配合单位',
      '完成时限',
      `进展情况（${first!.periodLabel}）`,
      '完成比例',
      '状态（亮灯）',
    ]);
    const taskRows = rows.filter((r) => /^\d+$/.test(r[0] ?? ''));
    const byText = (words: string) => taskRows.find((r) => r.slice(1, 3).join('').includes(words))!;
    expect(byText('环线甲段').slice(7)).toEqual(['环线甲段完成征地拆迁。', '45%', '推进中／绿灯']);
    expect(byText('乙线').slice(7)).toEqual(['', '', '绿灯']);
    expect(rows.flat().join('')).not.toContain('草稿里的话');
  });

  it('without a period the table has no progress columns; an unknown period is a 400 naming the periods there are', async () => {
    const { coordinator, planId } = await publishedFuturePlan(ws);
    const [slot] = await ws.db.select().from(reports).where(eq(reports.planId, planId)).limit(1);

    const plain = await exportTable(coordinator, planId, '');
    expect(plain.statusCode).toBe(200);
    const csv = await convertWithLibreOffice(dir, { 'plain.xlsx': plain.rawPayload }, 'csv');
    expect(readCsv(csv['plain.xlsx']!)[2]).toHaveLength(7);

    for (const period of ['1999-Q1', '第三季度']) {
      const bad = await exportTable(coordinator, planId, `?period=${encodeURIComponent(period)}`);
      expect(bad.statusCode).toBe(400);
      const { message } = bad.json<{ message: string }>();
      expect(message).toContain(`没有“${period}”这一填报周期`);
      expect(message).toContain(`${slot!.periodKey}（${slot!.periodLabel}）`);
    }
  });
});
