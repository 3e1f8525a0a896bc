import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { loadDirectory } from '../directory/commands.js';

const ws = useTestWorkspace();
const SEED_002 = readFileSync(
  new URL('../../../../../../shared/seeds/002_40f578ca70fc5b5d.txt', import.meta.url),
  'utf8',
);

async function coordinator() {
  await ws.run((ctx) => loadDirectory(ctx));
  return ws.as(['coordinator']);
}

type Task = {
  id: string;
  path: string;
  text: string;
  version: number;
  span: { start: number; end: number };
  units: { unitId: string; unitName: string; role: string; unitStatus: string; assignment: string }[];
};

describe('import', () => {
  test('seed 002 imports as a draft whose every task has units, all resolved in Wuhan’s context', async () => {
    const c = await coordinator();
    const res = await c.post('/api/plans/import', { filename: '002.txt', text: SEED_002 });
    expect(res.status).toBe(201);
    const plan = res.body;
    expect(plan.status).toBe('draft');
    expect(plan.title).toContain('1号建议案');
    expect(plan.issuerUnitName).toBe('武汉市人民政府办公厅');
    expect(plan.docNumber).toBe('武政办〔2022〕29号');
    expect(plan.tasks.length).toBeGreaterThanOrEqual(20);
    expect(plan.proposedUnits).toEqual([]);
    for (const t of plan.tasks as Task[]) {
      expect(t.units.length, t.text.slice(0, 30)).toBeGreaterThan(0);
      for (const u of t.units) expect(u.unitStatus, `${u.unitName} in ${t.path}`).toBe('active');
    }
    const names = new Set((plan.tasks as Task[]).flatMap((t) => t.units.map((u) => u.unitName)));
    expect(names).toContain('武汉市发展和改革委员会');
    expect(names).toContain('中共武汉市委宣传部');
    expect(names).toContain('武汉市青山区人民政府');
    const propaganda = (plan.tasks as Task[]).find((t) => t.text.startsWith('建立健全宣传发声机制'))!;
    expect(propaganda.units.find((u) => u.unitName === '中共武汉市委宣传部')?.role).toBe('lead');
    expect(plan.phases.map((p: { name: string }) => p.name)).toContain('工作推进阶段');
    expect(plan.cadences.map((x: { period: string }) => x.period).sort()).toEqual(['monthly', 'quarterly']);
    expect(plan.file.filename).toBe('002.txt');
    const text = (await c.get(`/api/plans/${plan.id}/text`)).body.text as string;
    expect(text.slice(propaganda.span.start, propaganda.span.end)).toContain('建立健全宣传发声机制');
    const file = await c.get(`/api/plans/${plan.id}/file`);
    expect(file.status).toBe(200);
    expect(file.body).toBe(SEED_002);
  });

  test('seed 003 (Hubei, traditional characters) resolves every unit in Hubei’s context', async () => {
    const c = await coordinator();
    const text = readFileSync(
      new URL('../../../../../../shared/seeds/003_52b583d5c9b6873f.txt', import.meta.url),
      'utf8',
    );
    const res = await c.post('/api/plans/import', { filename: '003.txt', text });
    expect(res.status).toBe(201);
    expect(res.body.issuerUnitName).toBe('湖北省人民政府办公厅');
    expect(res.body.proposedUnits).toEqual([]);
    const names = new Set((res.body.tasks as Task[]).flatMap((t) => t.units.map((u) => u.unitName)));
    expect(names).toContain('湖北省发展和改革委员会');
    expect(names).toContain('中国人民银行武汉分行');
    expect(names).not.toContain('武汉市发展和改革委员会');
  });

  test('a multipart upload imports the same way, and unknown names become proposed units to confirm or map', async () => {
    const c = await coordinator();
    const text =
      '武汉市人民政府办公厅关于印发测试工作方案的通知\n一、重点任务\n1.推进某项工作。（牵头单位：市发改委；责任单位：市数据局）\n2.推进另一项工作。（责任单位：市发改委）\n';
    const boundary = '----xt';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nwork\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="方案.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from(text),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await c.post('/api/plans/import', payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('work');
    expect(res.body.proposedUnits.map((u: { name: string }) => u.name)).toEqual(['市数据局']);
    const planId = res.body.id;

    const blocked = await c.post(`/api/plans/${planId}/publish`, {});
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('plan.unresolved_units');
    expect(blocked.body.message).toMatch(/市数据局/);

    // Map the proposal onto a real unit: the name is then known in Wuhan documents.
    const target = (await c.get(`/api/units?q=${encodeURIComponent('武汉市政务服务和大数据管理局')}`)).body
      .items[0];
    const mapped = await c.post(`/api/units/${res.body.proposedUnits[0].id}/map`, {
      targetUnitId: target.id,
    });
    expect(mapped.status).toBe(200);
    const after = await c.get(`/api/plans/${planId}`);
    expect(after.body.proposedUnits).toEqual([]);
    expect(after.body.tasks[0].units.map((u: { unitName: string }) => u.unitName)).toContain(
      '武汉市政务服务和大数据管理局',
    );
    const resolve = await c.post('/api/units/resolve', {
      names: ['市数据局'],
      contextUnitId: after.body.issuerUnitId,
    });
    expect(resolve.body.items[0].unitId).toBe(target.id);
  });

  test('a document that is not a plan is refused with the parser’s message', async () => {
    const c = await coordinator();
    const res = await c.post('/api/plans/import', { filename: 'x.txt', text: '   ' });
    expect(res.status).toBe(400);
    expect(['plan.import_failed', 'validation.failed']).toContain(res.body.code);
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('only coordinators and administrators import', async () => {
    await ws.run((ctx) => loadDirectory(ctx));
    const reporter = await ws.as(['reporter']);
    const res = await reporter.post('/api/plans/import', { filename: '002.txt', text: SEED_002 });
    expect(res.status).toBe(403);
  });
});

describe('review and publish', () => {
  async function draft() {
    const c = await coordinator();
    const res = await c.post('/api/plans/import', { filename: '002.txt', text: SEED_002 });
    return { c, plan: res.body as { id: string; version: number; tasks: Task[] } };
  }

  test('publishing assigns every task to its units; the public then sees the plan, but never a draft', async () => {
    const { c, plan } = await draft();
    expect((await ws.client().get(`/api/plans/${plan.id}`)).status).toBe(404);
    expect((await ws.client().get('/api/plans')).body.items).toEqual([]);

    const check = await c.get(`/api/plans/${plan.id}/publish-check`);
    expect(check.body).toEqual({ ready: true, problems: [] });
    const res = await c.post(`/api/plans/${plan.id}/publish`, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    for (const t of res.body.tasks as Task[]) {
      expect(t.units.length).toBeGreaterThan(0);
      for (const u of t.units) expect(u.assignment).toBe('assigned');
    }
    const pub = await ws.client().get(`/api/plans/${plan.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.actions).toEqual([]);
    expect((await ws.client().get('/api/plans')).body.items.map((p: { id: string }) => p.id)).toEqual([
      plan.id,
    ]);

    // A published plan cannot be edited in place, nor published twice.
    const again = await c.post(`/api/plans/${plan.id}/publish`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('plan.not_draft');
    const edit = await c.patch(`/api/tasks/${plan.tasks[0]!.id}`, { text: '改' });
    expect(edit.body.code).toBe('plan.not_draft');

    const audit = await c.get(`/api/audit?entity=plan:${plan.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'plan.publish',
      'plan.import',
    ]);
  });

  test('a task without units blocks publishing until it is assigned', async () => {
    const { c, plan } = await draft();
    const t = plan.tasks[0]!;
    const cleared = await c.patch(`/api/tasks/${t.id}`, { units: [], version: t.version });
    expect(cleared.status).toBe(200);
    const blocked = await c.post(`/api/plans/${plan.id}/publish`, {});
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('plan.unassigned_tasks');
    const unit = (await c.get(`/api/units?q=${encodeURIComponent('武汉市水务局')}`)).body.items[0];
    const assigned = await c.patch(`/api/tasks/${t.id}`, { units: [{ unitId: unit.id, role: 'lead' }] });
    expect(assigned.body.units).toMatchObject([{ unitName: '武汉市水务局', role: 'lead' }]);
    expect((await c.post(`/api/plans/${plan.id}/publish`, {})).status).toBe(200);
  });

  test('a stale edit gets 409 and changes nothing', async () => {
    const { c, plan } = await draft();
    const t = plan.tasks[1]!;
    expect((await c.patch(`/api/tasks/${t.id}`, { text: '第一次修改', version: t.version })).status).toBe(
      200,
    );
    const stale = await c.patch(`/api/tasks/${t.id}`, { text: '基于旧版本的修改', version: t.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict.stale');
    expect((await c.get(`/api/tasks/${t.id}`)).body.text).toBe('第一次修改');
  });

  test('split and merge keep units and outline place', async () => {
    const { c, plan } = await draft();
    const t = plan.tasks[0]!;
    const split = await c.post(`/api/tasks/${t.id}/split`, { parts: ['前半部分。', '后半部分。'] });
    expect(split.status).toBe(200);
    expect(split.body.items.map((x: Task) => x.text)).toEqual(['前半部分。', '后半部分。']);
    expect(split.body.items[1].units.map((u: { unitId: string }) => u.unitId)).toEqual(
      t.units.map((u) => u.unitId),
    );
    expect(split.body.items[1].path).toBe(t.path);
    const merged = await c.post(`/api/plans/${plan.id}/tasks/merge`, {
      taskIds: split.body.items.map((x: Task) => x.id),
    });
    expect(merged.status).toBe(200);
    expect(merged.body.text).toBe('前半部分。后半部分。');
    const detail = await c.get(`/api/plans/${plan.id}`);
    expect(detail.body.tasks).toHaveLength(plan.tasks.length);
    expect(detail.body.taskCount).toBe(plan.tasks.length);
  });

  test('a plan links to the plan it implements, and a task to an upstream task of that plan', async () => {
    const { c, plan } = await draft();
    const upstream = await c.post('/api/plans/import', {
      filename: 'up.txt',
      text: '湖北省人民政府办公厅关于印发上级方案的通知\n一、重点任务\n1.推进武汉城市圈同城化发展。（责任单位：省发改委）\n',
    });
    expect(upstream.status).toBe(201);
    const linked = await c.patch(`/api/plans/${plan.id}`, { upstreamPlanId: upstream.body.id });
    expect(linked.body.upstreamPlanId).toBe(upstream.body.id);
    const cycle = await c.patch(`/api/plans/${upstream.body.id}`, { upstreamPlanId: plan.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.code).toBe('plan.link_cycle');
    const t = await c.patch(`/api/tasks/${plan.tasks[0]!.id}`, { upstreamTaskId: upstream.body.tasks[0].id });
    expect(t.body.upstreamTaskId).toBe(upstream.body.tasks[0].id);
  });

  test('re-importing a revised document shows the changes before applying them to the published plan', async () => {
    const { c, plan } = await draft();
    await c.post(`/api/plans/${plan.id}/publish`, {});
    const revised = SEED_002.replace(
      '(责任单位:市委组织部,武圈办秘书处)',
      '(责任单位:市委组织部,武圈办秘书处,市人社局)',
    ).replace(
      '(四)进一步争取国家支持',
      '(四)进一步争取国家支持\n新增一项工作，加强城市圈统计监测。(责任单位:市统计局)\n',
    );
    const re = await c.post('/api/plans/import', { filename: '002-修订.txt', text: revised });
    expect(re.status).toBe(201);
    expect(re.body.revisesPlanId).toBe(plan.id);
    const diff = re.body.revision;
    expect(diff.against.id).toBe(plan.id);
    const unitChange = diff.changed.find((x: { units?: unknown }) => x.units);
    expect(unitChange.units.after.map((u: { unitName: string }) => u.unitName)).toContain(
      '武汉市人力资源和社会保障局',
    );
    expect(diff.added.length + diff.changed.length).toBeGreaterThanOrEqual(2);

    // Nothing changed in the published plan yet.
    const before = await c.get(`/api/plans/${plan.id}`);
    expect(
      before.body.tasks.some((t: Task) =>
        t.units.some(
          (u) => u.unitName === '武汉市人力资源和社会保障局' && t.text.startsWith('建立健全工作交流机制'),
        ),
      ),
    ).toBe(false);

    const applied = await c.post(`/api/plans/${re.body.id}/apply-revision`, {});
    expect(applied.status).toBe(200);
    expect(applied.body.id).toBe(plan.id);
    const exchange = applied.body.tasks.find((t: Task) => t.text.startsWith('建立健全工作交流机制'));
    expect(exchange.id).toBe(plan.tasks.find((t) => t.text.startsWith('建立健全工作交流机制'))!.id);
    expect(
      exchange.units.map((u: { unitName: string; assignment: string }) => [u.unitName, u.assignment]),
    ).toContainEqual(['武汉市人力资源和社会保障局', 'assigned']);
    expect((await c.get(`/api/plans/${re.body.id}`)).status).toBe(404);
  });
});
