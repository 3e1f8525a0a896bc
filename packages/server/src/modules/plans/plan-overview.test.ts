import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { publishedDemoPlan, type Report } from '../reporting/__tests__/fixtures.js';
import { planNodes } from './schema.js';

const ws = useTestWorkspace();

type Node = {
  id: string;
  parentId: string | null;
  path: string;
  tasks: number;
  percent: number | null;
  red: number;
  yellow: number;
};
type Task = {
  id: string;
  nodeId: string | null;
  ord: number;
  units: { unitId: string; unitName: string; role: string }[];
  light: string | null;
  lightReasons: string[];
  percent: number | null;
};

/** Every task of a page-by-page read, `limit` at a time. */
async function allPages(client: Awaited<ReturnType<typeof ws.as>>, url: string, limit: number) {
  const out: Task[] = [];
  for (let offset = 0; ; offset += limit) {
    const res = await client.get(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`);
    expect(res.status).toBe(200);
    out.push(...(res.body.items as Task[]));
    if (offset + limit >= res.body.total) return { items: out, total: res.body.total as number };
  }
}

describe('plan overview and tasks page by page', () => {
  test('the overview counts each node’s subtree; pages cover the plan once, in document order, per node too', async () => {
    const { coordinator, planId } = await publishedDemoPlan(ws);
    const detail = (await coordinator.get(`/api/plans/${planId}`)).body;
    const ov = await coordinator.get(`/api/plans/${planId}/overview`);
    expect(ov.status).toBe(200);
    expect(ov.body).not.toHaveProperty('tasks');
    expect(ov.body.title).toBe(detail.title);
    expect(ov.body.totals.tasks).toBe(detail.tasks.length);
    const outline = ov.body.outline as Node[];
    expect(outline.map((n) => n.id)).toEqual(detail.outline.map((n: { id: string }) => n.id));
    // A node's count is the number of tasks whose node is it or one of its descendants.
    const parent = new Map(outline.map((n) => [n.id, n.parentId]));
    const under = (nodeId: string, t: { nodeId: string | null }) => {
      for (let id = t.nodeId; id; id = parent.get(id) ?? null) if (id === nodeId) return true;
      return false;
    };
    for (const n of outline)
      expect(n.tasks, n.path).toBe(detail.tasks.filter((t: Task) => under(n.id, t)).length);

    // Pages of 2 give every task once, in the detail's order, with the same units.
    const { items, total } = await allPages(coordinator, `/api/plans/${planId}/tasks`, 2);
    expect(total).toBe(detail.tasks.length);
    expect(items.map((t) => t.id)).toEqual(detail.tasks.map((t: Task) => t.id));
    expect(items.map((t) => t.units.map((u) => u.unitId))).toEqual(
      detail.tasks.map((t: Task) => t.units.map((u) => u.unitId)),
    );
    expect(items.every((t) => ['green', 'yellow', 'red'].includes(t.light ?? ''))).toBe(true);

    // Per node: exactly the subtree's tasks.
    const node = outline.find((n) => n.tasks > 0 && n.tasks < detail.tasks.length)!;
    expect(node).toBeDefined();
    const sub = await allPages(coordinator, `/api/plans/${planId}/tasks?nodeId=${node.id}`, 2);
    expect(sub.total).toBe(node.tasks);
    expect(sub.items.map((t) => t.id)).toEqual(
      detail.tasks.filter((t: Task) => under(node.id, t)).map((t: Task) => t.id),
    );

    // Filters: a unit in a role, and text.
    const lead = items[0]!.units.find((u) => u.role === 'lead')!;
    const byUnit = await allPages(
      coordinator,
      `/api/plans/${planId}/tasks?unitId=${lead.unitId}&role=lead`,
      50,
    );
    expect(byUnit.items.map((t) => t.id)).toEqual(
      items
        .filter((t) => t.units.some((u) => u.unitId === lead.unitId && u.role === 'lead'))
        .map((t) => t.id),
    );
    const word = detail.tasks[1].text.slice(0, 6);
    const byText = (await coordinator.get(`/api/plans/${planId}/tasks?q=${encodeURIComponent(word)}`)).body;
    expect(byText.items.map((t: Task) => t.id)).toContain(detail.tasks[1].id);
    expect(
      byText.items.every(
        (t: { text: string; path: string }) => t.text.includes(word) || t.path.includes(word),
      ),
    ).toBe(true);

    const bad = await coordinator.get(`/api/plans/${planId}/tasks?limit=0`);
    expect(bad.status).toBe(400);

    // The outline is memoised by its rows' versions: a changed node title shows at once.
    await ws.db.update(planNodes).set({ title: '改过的标题' }).where(eq(planNodes.id, node.id));
    const again = (await coordinator.get(`/api/plans/${planId}/overview`)).body.outline as (Node & {
      title: string;
    })[];
    expect(again.find((n) => n.id === node.id)?.title).toBe('改过的标题');
  });

  test('a report shows at once in the overview’s progress and the page’s percent; a light filter pages the lit tasks', async () => {
    const { coordinator, reporter, planId, transport } = await publishedDemoPlan(ws);
    const before = (await coordinator.get(`/api/plans/${planId}/overview`)).body;
    const open: Report[] = (await reporter.get('/api/reports?open=true')).body.items;
    const slot = open.find((r) => r.isLead && r.unitId === transport)!;
    const saved = await reporter.put(`/api/reports/${slot.id}`, {
      workStatus: 'in_progress',
      percent: 80,
      done: '已开工',
      problems: '无',
      nextSteps: '继续',
      version: slot.version,
    });
    expect(saved.status).toBe(200);
    expect(
      (await reporter.post(`/api/reports/${slot.id}/submit`, { version: saved.body.version })).status,
    ).toBe(200);
    const after = (await coordinator.get(`/api/plans/${planId}/overview`)).body;
    expect(after.totals.percent).toBeGreaterThan(before.totals.percent ?? 0);
    // Read again with nothing changed: the same overview (from the memo of its rows' versions).
    expect((await coordinator.get(`/api/plans/${planId}/overview`)).body).toEqual(after);
    const page = (await coordinator.get(`/api/plans/${planId}/tasks?limit=200`)).body.items as Task[];
    expect(page.find((t) => t.id === slot.taskId)?.percent).toBe(80);
    // The overview's percent equals the progress route's for the whole plan.
    const progress = (await coordinator.get(`/api/plans/${planId}/progress`)).body;
    expect(after.totals.percent).toBeCloseTo(progress.progress, 0);

    const red = (await coordinator.get(`/api/plans/${planId}/tasks?light=red&limit=200`)).body;
    expect(red.total).toBe(after.totals.red);
    expect(page.filter((t) => t.light === 'red').map((t) => t.id)).toEqual(red.items.map((t: Task) => t.id));
    // Without a session: no progress, no lights.
    const anon = (await ws.client().get(`/api/plans/${planId}/overview`)).body;
    expect(anon.totals).toMatchObject({ percent: null, red: 0, yellow: 0 });
    const anonPage = (await ws.client().get(`/api/plans/${planId}/tasks`)).body.items as Task[];
    expect(anonPage.every((t) => t.percent === null && t.light === null)).toBe(true);
  });
});
