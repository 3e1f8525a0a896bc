import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { TestClient } from '../../testing/client.js';
import { DEMO_PASSWORD, loadDemo } from '../demo/demo.js';
import {
  fullContent,
  publishedFuturePlan,
  TRANSPORT,
  unitId,
  type Report,
} from '../reporting/__tests__/fixtures.js';
import { loadDirectory } from '../directory/commands.js';

const ws = useTestWorkspace();

type Item = {
  id: string;
  kind: string;
  title: string;
  due: string | null;
  href: string;
  taskId: string | null;
};

describe('GET /api/inbox', () => {
  test('each unit sees its own open work: due slots, new assignments, notices — and nothing of other units', async () => {
    const { coordinator, reporter, planningReporter, transport, tasks } = await publishedFuturePlan(ws);
    const t = (await reporter.get('/api/inbox')).body;
    expect(t.unitId).toBe(transport);
    expect(t.unitName).toBe('武汉市交通运输局');
    const due = t.items.filter((i: Item) => i.kind === 'report_due');
    expect(due).toHaveLength(2);
    expect(due.every((i: Item) => i.href.startsWith('/reports/') && i.due)).toBe(true);
    expect(
      t.items
        .filter((i: Item) => i.kind === 'assignment')
        .map((i: Item) => i.taskId)
        .sort(),
    ).toEqual(tasks.map((x) => x.id).sort());
    expect(t.counts).toMatchObject({ report_due: 2, report_overdue: 0, notice: 0, assignment: 2 });
    expect(t.tasks.map((x: { role: string }) => x.role).sort()).toEqual(['lead', 'lead']);

    const p = (await planningReporter.get('/api/inbox')).body;
    expect(p.items.filter((i: Item) => i.kind === 'report_due')).toHaveLength(1);
    expect(p.items.find((i: Item) => i.kind === 'report_due').title).toContain('环线甲段');
    expect(p.tasks.map((x: { taskId: string }) => x.taskId)).toEqual([tasks[0]!.id]);

    const nobody = (await (await ws.as(['reporter'])).get('/api/inbox')).body;
    expect(nobody.items).toEqual([]);
    expect(nobody.tasks).toEqual([]);

    // Submitting takes the slot off the unit's desk and puts it in the coordinator's review queue.
    const slot = ((await reporter.get('/api/reports?open=true')).body.items as Report[])[0]!;
    await reporter.put(`/api/reports/${slot.id}`, fullContent);
    await reporter.post(`/api/reports/${slot.id}/submit`, {});
    const after = (await reporter.get('/api/inbox')).body;
    expect(after.counts.report_due).toBe(1);
    expect(after.items.map((i: Item) => i.id)).not.toContain(slot.id);
    const c = (await coordinator.get('/api/inbox')).body;
    expect(c.items.filter((i: Item) => i.kind === 'review').map((i: Item) => i.id)).toEqual([slot.id]);
    expect(c.counts.review).toBe(1);
    expect((await ws.client().get('/api/inbox')).status).toBe(401);
  });
});

describe('a busy unit’s inbox is bounded', () => {
  test('exact counts per kind, the first 10 items of each with one-line texts, and the rest page by page', async () => {
    await ws.run((ctx) => loadDirectory(ctx));
    const coordinator = await ws.as(['coordinator']);
    const y = new Date().getUTCFullYear() + 1;
    const long = '，统筹推进沿线站点、换乘枢纽、配套道路和慢行系统的规划设计、征地拆迁与施工建设，确保按期建成投用并发挥综合效益';
    const text = [
      '武汉市人民政府办公厅关于印发重点任务清单的通知',
      '一、重点任务',
      ...Array.from(
        { length: 25 },
        (_, i) => `${i + 1}.推进第${i + 1}段城市圈环线建设${long}。（牵头单位：市交通运输局；完成时限：${y}年${1 + (i % 12)}月底）`,
      ),
      '二、保障措施',
      '建立月调度制度。各牵头单位每月20日前向市发改委报送任务进展情况。',
      '',
    ].join('\n');
    const imported = await coordinator.post('/api/plans/import', { filename: '清单.txt', text });
    expect(imported.status).toBe(201);
    expect((await coordinator.post(`/api/plans/${imported.body.id}/publish`, {})).status).toBe(200);
    const reporter = await ws.as(['reporter'], { unitId: await unitId(ws, TRANSPORT) });

    const inbox = (await reporter.get('/api/inbox')).body;
    expect(inbox.counts).toMatchObject({ assignment: 25, report_due: 25, report_overdue: 0 });
    const of = (kind: string) => (inbox.items as Item[]).filter((i) => i.kind === kind);
    expect(of('assignment')).toHaveLength(10);
    expect(of('report_due')).toHaveLength(10);
    // Most urgent first, one line of text each.
    const dues = of('report_due').map((i) => i.due!);
    expect(dues).toEqual(dues.slice().sort());
    for (const i of inbox.items as Item[]) expect(i.title.length).toBeLessThan(80);
    expect(inbox.items.some((i: Item) => i.title.endsWith('…'))).toBe(true);
    expect(inbox.tasks).toHaveLength(10);
    for (const t of inbox.tasks as { text: string }[]) expect(t.text.length).toBeLessThanOrEqual(61);

    // 查看全部: the next page of one kind, its exact total, no item twice.
    const next = await reporter.get('/api/inbox/items?kind=report_due&offset=10&limit=10');
    expect(next.status).toBe(200);
    expect(next.body.total).toBe(25);
    expect(next.body.items).toHaveLength(10);
    const last = (await reporter.get('/api/inbox/items?kind=report_due&offset=20&limit=10')).body;
    expect(last.items).toHaveLength(5);
    const ids = new Set([...of('report_due'), ...(next.body.items as Item[]), ...(last.items as Item[])].map((i) => i.id));
    expect(ids.size).toBe(25);
    const all = (await reporter.get('/api/inbox/items?kind=assignment&limit=100')).body;
    expect(all.total).toBe(25);
    expect(new Set((all.items as Item[]).map((i) => i.taskId)).size).toBe(25);
    expect((await reporter.get('/api/inbox/items?kind=extension')).body).toMatchObject({ total: 0, items: [] });
    expect((await reporter.get('/api/inbox/items?kind=whatever')).status).toBe(400);
    expect((await ws.client().get('/api/inbox/items?kind=notice')).status).toBe(401);
  });
});

describe('demo workspace reporting', () => {
  test('the demo has reports in every state, red and yellow lights with reasons, and a notice in the reporter’s inbox', async () => {
    const demo = await ws.run((ctx) => loadDemo(ctx));
    const coordinator = await new TestClient(ws.app).login('coordinator', DEMO_PASSWORD);
    const all: Report[] = (await coordinator.get(`/api/reports?planId=${demo.planId}&limit=200`)).body.items;
    const statuses = new Set(all.map((r) => r.status));
    for (const s of ['pending', 'draft', 'submitted', 'signed', 'accepted', 'returned', 'consolidated'])
      expect(statuses, s).toContain(s);
    const lit = (await coordinator.get(`/api/supervision/lights?planId=${demo.planId}`)).body.tasks as {
      light: string;
      lightReasons: string[];
    }[];
    expect(lit.some((t) => t.light === 'red')).toBe(true);
    expect(lit.some((t) => t.light === 'yellow')).toBe(true);
    expect(lit.every((t) => t.lightReasons.length > 0)).toBe(true);
    const notices = (await coordinator.get('/api/supervision/notices')).body.notices;
    expect(
      notices.some((n: { level: string; number: string | null }) => n.level === 'notice' && n.number),
    ).toBe(true);
    const reporter = await new TestClient(ws.app).login('reporter', DEMO_PASSWORD);
    const inbox = (await reporter.get('/api/inbox')).body;
    expect(inbox.items.some((i: Item) => i.kind === 'notice')).toBe(true);
    expect(inbox.items.some((i: Item) => i.kind === 'report_due' || i.kind === 'report_overdue')).toBe(true);
    expect((await coordinator.get('/api/inbox')).body.items.some((i: Item) => i.kind === 'review')).toBe(
      true,
    );
    const admin = await new TestClient(ws.app).login('admin', DEMO_PASSWORD);
    expect((await admin.get('/api/audit/verify')).body.ok).toBe(true);
  });
});
