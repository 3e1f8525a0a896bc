import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from './testing/workspace.js';
import { loadDirectory } from './modules/directory/commands.js';

/**
 * The closed loop through the HTTP API for a real document: seed 002 (Wuhan's work plan for CPPCC
 * proposal No. 1) is imported, reviewed and published; every annotated task reaches each of its
 * units; one unit reports, is returned, resubmits and is accepted; the audit chain holds.
 */
const ws = useTestWorkspace();
const SEED_002 = readFileSync(
  new URL('../../../../shared/seeds/002_40f578ca70fc5b5d.txt', import.meta.url),
  'utf8',
);

type Task = {
  id: string;
  text: string;
  annotation: string | null;
  units: { unitId: string; unitName: string; role: string; assignment: string }[];
};
type Report = { id: string; taskId: string; unitId: string; status: string; version: number };

describe('the loop for seed 002', () => {
  test('import → publish → every task reaches its units → report → return → resubmit → accept, all audited', async () => {
    await ws.run((ctx) => loadDirectory(ctx));
    const coordinator = await ws.as(['coordinator']);
    const imported = await coordinator.post('/api/plans/import', {
      filename: '武政办〔2022〕29号.txt',
      text: SEED_002,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.proposedUnits).toEqual([]);
    const published = await coordinator.post(`/api/plans/${imported.body.id}/publish`, {
      version: imported.body.version,
    });
    expect(published.status).toBe(200);
    const tasks = published.body.tasks as Task[];
    const annotated = tasks.filter((t) => t.annotation);
    expect(annotated.length).toBeGreaterThanOrEqual(20);

    // Every (task, unit) pair is assigned and has a report slot in the unit's hands.
    const slots = (await coordinator.get(`/api/reports?planId=${imported.body.id}&limit=200`)).body
      .items as Report[];
    for (const t of annotated) {
      expect(t.units.length, t.text.slice(0, 20)).toBeGreaterThan(0);
      for (const u of t.units) {
        expect(u.assignment).toBe('assigned');
        expect(
          slots.some((s) => s.taskId === t.id && s.unitId === u.unitId),
          `${u.unitName} has no report slot for ${t.text.slice(0, 20)}`,
        ).toBe(true);
      }
    }

    // 市委宣传部 leads the publicity task; its reporter sees the task and reports on it.
    const publicity = tasks.find((t) => t.text.startsWith('建立健全宣传发声机制'))!;
    const lead = publicity.units.find((u) => u.role === 'lead')!;
    expect(lead.unitName).toBe('中共武汉市委宣传部');
    const reporter = await ws.as(['reporter'], { unitId: lead.unitId });
    const inbox = (await reporter.get('/api/inbox')).body;
    expect(inbox.tasks.map((x: { taskId: string }) => x.taskId)).toContain(publicity.id);
    const mine = (
      (await reporter.get(`/api/reports?taskId=${publicity.id}&open=true`)).body.items as Report[]
    ).filter((r) => r.unitId === lead.unitId);
    expect(mine.length).toBeGreaterThan(0);
    let report = mine[0]!;
    const content = {
      workStatus: 'in_progress',
      percent: 30,
      done: '建成城市圈网站一期。',
      problems: '无',
      nextSteps: '筹建成就展馆。',
    };
    report = (await reporter.put(`/api/reports/${report.id}`, { ...content, version: report.version })).body;
    const submitted = await reporter.post(
      `/api/reports/${report.id}/submit`,
      { version: report.version },
      { 'idempotency-key': 'loop-1' },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    const returned = await coordinator.post(`/api/reports/${report.id}/return`, {
      version: submitted.body.version,
      reason: '请补充网站访问量等量化数据。',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');

    const fixed = (
      await reporter.put(`/api/reports/${report.id}`, {
        ...content,
        done: '建成城市圈网站一期，月访问量约 5 万人次。',
        version: returned.body.version,
      })
    ).body;
    const resubmitted = await reporter.post(
      `/api/reports/${report.id}/submit`,
      { version: fixed.version },
      { 'idempotency-key': 'loop-2' },
    );
    expect(resubmitted.body.status).toBe('submitted');
    const accepted = await coordinator.post(`/api/reports/${report.id}/accept`, {
      version: resubmitted.body.version,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    const admin = await ws.as(['admin']);
    const trail = (await admin.get(`/api/audit?entity=report:${report.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(trail.length).toBeGreaterThanOrEqual(4);
    expect((await admin.get('/api/audit/verify')).body.ok).toBe(true);
  });
});
