import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@xietong/shared';
import { useTestWorkspace } from '../../testing/workspace.js';
import { publishedDemoPlan } from '../reporting/__tests__/fixtures.js';

const ws = useTestWorkspace();

interface PlanTask {
  text: string;
  deadlineText: string | null;
  units: { unitId: string; role: string }[];
}

/** What a task is, for comparing two plans: its words, its deadline and its units by role (directory ids). */
const shape = (t: PlanTask) => ({
  text: t.text.replace(/\s+/g, ''),
  deadline: t.deadlineText,
  units: t.units.map((u) => `${u.role}:${u.unitId}`).sort(),
});

describe('an exported 任务分工表 imported again through the API', () => {
  it('gives a draft with the same tasks, deadlines and directory units as the published plan', async () => {
    const { coordinator, planId } = await publishedDemoPlan(ws);
    const original = (await coordinator.get(`/api/plans/${planId}`)).body as { tasks: PlanTask[] };
    const exported = await ws.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/task-table.xlsx`,
      headers: { cookie: `${SESSION_COOKIE}=${coordinator.cookie}` },
    });
    expect(exported.statusCode).toBe(200);

    const boundary = '----xietong-reimport';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent('任务分工表.xlsx')}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      exported.rawPayload,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const imported = await coordinator.post('/api/plans/import', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(imported.status).toBe(201);
    const draft = imported.body as { status: string; tasks: PlanTask[] };
    expect(draft.status).toBe('draft');
    expect(original.tasks.length).toBeGreaterThan(5);
    expect(draft.tasks.map(shape)).toEqual(original.tasks.map(shape));
  });
});
