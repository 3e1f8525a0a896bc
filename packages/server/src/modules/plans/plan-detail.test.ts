import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { loadDirectory } from '../directory/commands.js';
import { DEMO_PLAN_FILENAME, DEMO_PLAN_TEXT } from '../demo/demo-plan.js';
import { unitsOfTasks } from './repository.js';

const ws = useTestWorkspace();

type Unit = { unitId: string; unitName: string; role: string; unitStatus: string; assignment: string };
type Task = {
  id: string;
  ord: number;
  nodeId: string | null;
  units: Unit[];
  actions: string[];
  span: unknown;
};

describe('plan detail', () => {
  test('lists every task once in document order with its units lead first, the outline and the parts, without the document text', async () => {
    await ws.run((ctx) => loadDirectory(ctx));
    const coordinator = await ws.as(['coordinator']);
    const imported = await coordinator.post('/api/plans/import', {
      filename: DEMO_PLAN_FILENAME,
      text: DEMO_PLAN_TEXT,
    });
    expect(imported.status).toBe(201);
    const draft = (await coordinator.get(`/api/plans/${imported.body.id}`)).body;
    expect(draft).not.toHaveProperty('text');
    const tasks = draft.tasks as Task[];
    expect(tasks.length).toBeGreaterThan(3);
    expect(tasks.map((t) => t.ord)).toEqual([...tasks.map((t) => t.ord)].sort((a, b) => a - b));
    // Units as the repository lists them (lead first, then responsible, then cooperating).
    const byTask = await unitsOfTasks(
      ws.db,
      tasks.map((t) => t.id),
    );
    for (const t of tasks) {
      expect(t.units.map((u) => [u.unitId, u.role, u.unitName])).toEqual(
        (byTask.get(t.id) ?? []).map((u) => [u.unitId, u.role, u.unitName]),
      );
      expect(t.actions).toEqual(['task.edit']);
    }
    const outlineIds = new Set((draft.outline as { id: string }[]).map((n) => n.id));
    expect(tasks.filter((t) => t.nodeId).every((t) => outlineIds.has(t.nodeId!))).toBe(true);
    expect(draft.cadences.length).toBeGreaterThan(0);
    expect(draft.actions).toContain('plan.publish');

    // Published: tasks are no longer editable, every unit is assigned; the public sees the same tasks.
    const published = (await coordinator.post(`/api/plans/${imported.body.id}/publish`, {})).body;
    expect((published.tasks as Task[]).every((t) => t.actions.length === 0)).toBe(true);
    expect(
      (published.tasks as Task[]).flatMap((t) => t.units).every((u) => u.assignment === 'assigned'),
    ).toBe(true);
    const seen = (await ws.client().get(`/api/plans/${imported.body.id}`)).body;
    expect((seen.tasks as Task[]).map((t) => t.id)).toEqual((published.tasks as Task[]).map((t) => t.id));
    expect(seen.actions).toEqual([]);

    // Read again after a unit accepts its assignment: the detail is never served stale.
    const task = (published.tasks as Task[])[0]!;
    const unit = task.units[0]!;
    const reporter = await ws.as(['reporter'], { unitId: unit.unitId });
    const accepted = await reporter.post(`/api/tasks/${task.id}/assignments/${unit.unitId}/accept`, {});
    expect(accepted.status).toBe(200);
    const again = (await coordinator.get(`/api/plans/${imported.body.id}`)).body;
    const units = (again.tasks as Task[]).find((t) => t.id === task.id)!.units;
    expect(units.find((u) => u.unitId === unit.unitId)!.assignment).toBe('accepted');
  });
});
