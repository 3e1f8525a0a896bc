import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@xietong/shared';
import { buildUnit } from '../../testing/factories.js';
import { useTestWorkspace } from '../../testing/workspace.js';
import type { TestClient } from '../../testing/client.js';
import type { Db } from '../../db/client.js';
import { planNodes, plans, taskUnits, tasks } from '../plans/schema.js';
import { notices } from '../supervision/schema.js';
import { inflateEntry, readCentralDirectory } from './zip-inspect.js';


const ws = useTestWorkspace();

/** A plan with two headings and three tasks over three units. */
async function buildPlan(db: Db, status: 'draft' | 'published' = 'published') {
  const [transport, drc, finance] = [
    await buildUnit(db, { name: '武汉市交通运输局' }),
    await buildUnit(db, { name: '武汉市发展和改革委员会' }),
    await buildUnit(db, { name: '武汉市财政局' }),
  ];
  const [plan] = await db
    .insert(plans)
    .values({ title: '武汉城市圈同城化发展实施方案', kind: 'work', status, docNumber: '武政办〔2026〕8号' })
    .returning();
  const node = async (parentId: string | null, kind: string, marker: string | null, title: string, ord: number) => {
    const [n] = await db
      .insert(planNodes)
      .values({ planId: plan!.id, parentId, kind, level: parentId ? 2 : 1, marker, path: title, title, text: title, ord })
      .returning();
    return n!;
  };
  const h1 = await node(null, 'heading', '一、', '基础设施互联互通', 1);
  const i1 = await node(h1.id, 'item', '（一）', '建设城际铁路', 2);
  const h2 = await node(null, 'heading', '二、', '公共服务共享', 3);
  const task = async (nodeId: string, ord: number, text: string, parts: [string, 'lead' | 'responsible' | 'cooperating'][]) => {
    const [t] = await db.insert(tasks).values({ planId: plan!.id, nodeId, path: String(ord), ord, text, deadlineText: '2026年底前' }).returning();
    await db.insert(taskUnits).values(
      parts.map(([unitId, role], k) => ({ taskId: t!.id, unitId, planId: plan!.id, role, ord: k, printedName: null, planStatus: status })),
    );
    return t!;
  };
  const railway = await task(i1.id, 1, '建成武汉至鄂州城际铁路。', [
    [transport.id, 'lead'],
    [drc.id, 'responsible'],
    [finance.id, 'cooperating'],
  ]);
  await task(i1.id, 2, '推进城际铁路公交化运营。', [[transport.id, 'lead']]);
  await task(h2.id, 3, '推动政务服务跨城通办。', [[drc.id, 'lead']]);
  return { plan: plan!, transport, drc, finance, railway };
}

async function download(client: TestClient, url: string) {
  const res = await ws.app.inject({ method: 'GET', url, headers: client.cookie ? { cookie: `${SESSION_COOKIE}=${client.cookie}` } : {} });
  return res;
}

async function rowsOf(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.getWorksheet('任务分工表')!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v as string | number)))));
  return out;
}

describe('GET /api/plans/:id/task-table.xlsx', () => {
  it('gives a coordinator the plan 任务分工表 with directory unit names, headings and deadlines', async () => {
    const { plan } = await buildPlan(ws.db);
    const coordinator = await ws.as(['coordinator']);
    const res = await download(coordinator, `/api/plans/${plan.id}/task-table.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('武汉城市圈同城化发展实施方案-任务分工表.xlsx')}`);
    const rows = await rowsOf(res.rawPayload);
    expect(rows[0]![0]).toBe('《武汉城市圈同城化发展实施方案》重点任务分工表');
    expect(rows[1]![0]).toContain('武政办〔2026〕8号');
    expect(rows.slice(3).map((r) => r.slice(0, 7))).toEqual([
      Array(7).fill('一、基础设施互联互通'),
      ['1', '建设城际铁路', '建成武汉至鄂州城际铁路。', '武汉市交通运输局', '武汉市发展和改革委员会', '武汉市财政局', '2026年底前'],
      ['2', '建设城际铁路', '推进城际铁路公交化运营。', '武汉市交通运输局', '', '', '2026年底前'],
      Array(7).fill('二、公共服务共享'),
      ['3', '推动政务服务跨城通办。', '', '武汉市发展和改革委员会', '', '', '2026年底前'],
    ]);
  });

  it('filters to the tasks of one unit', async () => {
    const { plan, finance } = await buildPlan(ws.db);
    const coordinator = await ws.as(['coordinator']);
    const res = await download(coordinator, `/api/plans/${plan.id}/task-table.xlsx?unit=${finance.id}`);
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    expect(rows[1]![0]).toContain('武汉市财政局承担的任务');
    expect(rows.filter((r) => /^\d+$/.test(r[0]!)).map((r) => r[2])).toEqual(['建成武汉至鄂州城际铁路。']);
  });

  it('lets a reporter export a published plan their unit is in, not another unit, not the public', async () => {
    const { plan, finance } = await buildPlan(ws.db);
    const inside = await ws.as(['reporter'], { unitId: finance.id });
    const outside = await ws.as(['reporter']);
    expect((await download(inside, `/api/plans/${plan.id}/task-table.xlsx`)).statusCode).toBe(200);
    expect((await download(outside, `/api/plans/${plan.id}/task-table.xlsx`)).statusCode).toBe(403);
    expect((await download(ws.client(), `/api/plans/${plan.id}/task-table.xlsx`)).statusCode).toBe(401);
  });

  it('keeps drafts to coordinators, marked as a draft', async () => {
    const { plan, transport } = await buildPlan(ws.db, 'draft');
    const reporter = await ws.as(['reporter'], { unitId: transport.id });
    expect((await download(reporter, `/api/plans/${plan.id}/task-table.xlsx`)).statusCode).toBe(403);
    const res = await download(await ws.as(['coordinator']), `/api/plans/${plan.id}/task-table.xlsx`);
    expect(res.statusCode).toBe(200);
    expect((await rowsOf(res.rawPayload))[1]![0]).toContain('草稿（未发布）');
  });

  it('answers 404 in Chinese for a plan that does not exist', async () => {
    const res = await download(await ws.as(['coordinator']), `/api/plans/${randomUUID()}/task-table.xlsx`);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).message).toContain('找不到该规划');
  });
});

describe('GET /api/supervision/notices/:id/notice.docx', () => {
  async function issue(level: 'notice' | 'urge', createdBy: string | null) {
    const { plan, transport, railway } = await buildPlan(ws.db);
    const [n] = await ws.db
      .insert(notices)
      .values({
        planId: plan.id,
        taskId: railway.id,
        unitId: transport.id,
        level,
        color: level === 'notice' ? 'red' : null,
        number: level === 'notice' ? '督办〔2026〕3号' : null,
        text: '请于收到本单后成立工作专班，倒排工期，确保年底前建成。',
        replyBy: '2026-10-30',
        createdBy,
      })
      .returning();
    return { notice: n!, transport };
  }
  const documentXml = (docx: Buffer) => {
    const entry = readCentralDirectory(docx).find((e) => e.name === 'word/document.xml')!;
    return inflateEntry(docx, entry).toString('utf8').replace(/<[^>]+>/g, '');
  };

  it('gives the coordinator and the addressed unit the numbered 督办单, and no other unit', async () => {
    const coordinator = await ws.as(['coordinator'], { unitId: (await buildUnit(ws.db, { name: '武汉城市圈建设领导小组办公室' })).id });
    const { notice, transport } = await issue('notice', coordinator.user.id);
    const res = await download(coordinator, `/api/supervision/notices/${notice.id}/notice.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = documentXml(res.rawPayload);
    for (const expected of [
      '武汉城市圈建设领导小组办公室',
      '督办〔2026〕3号',
      '督办通知单（红色）',
      '武汉市交通运输局',
      '红色督办',
      '《武汉城市圈同城化发展实施方案》任务：建成武汉至鄂州城际铁路。',
      '该任务完成时限为2026年底前。',
      '确保年底前建成',
      '请于2026年10月30日前将办理情况书面反馈',
    ]) {
      expect(text).toContain(expected);
    }
    const unit = await ws.as(['reporter'], { unitId: transport.id });
    expect((await download(unit, `/api/supervision/notices/${notice.id}/notice.docx`)).statusCode).toBe(200);
    expect((await download(await ws.as(['reporter']), `/api/supervision/notices/${notice.id}/notice.docx`)).statusCode).toBe(403);
  });

  it('answers 404 with advice for a reminder (no 督办单) and for an unknown notice', async () => {
    const { notice } = await issue('urge', null);
    const coordinator = await ws.as(['coordinator']);
    const res = await download(coordinator, `/api/supervision/notices/${notice.id}/notice.docx`);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).message).toContain('不是督办单');
    expect((await download(coordinator, `/api/supervision/notices/${randomUUID()}/notice.docx`)).statusCode).toBe(404);
  });
});
