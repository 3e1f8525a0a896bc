import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@xietong/shared';
import { useTestWorkspace } from '../../testing/workspace.js';
import type { TestClient } from '../../testing/client.js';
import { reports } from '../reporting/schema.js';
import { saveReport } from '../reporting/commands.js';
import { publishedFuturePlan } from '../reporting/__tests__/fixtures.js';
import { inflateEntry, readCentralDirectory } from './zip-inspect.js';


const ws = useTestWorkspace();

async function downloadSheet(client: TestClient) {
  const res = await ws.app.inject({
    method: 'GET',
    url: '/api/reports/progress-sheet.xlsx',
    headers: { cookie: `${SESSION_COOKIE}=${client.cookie}` },
  });
  return res;
}

/** The sheet as a user sees it: slot id (hidden column A) → row number. */
async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws_ = wb.getWorksheet('进度填报')!;
  const rows = new Map<string, number>();
  for (let r = 3; r <= ws_.rowCount; r++) rows.set(ws_.getCell(r, 1).text, r);
  return { wb, sheet: ws_, rows };
}

function multipart(bytes: Buffer, filename = '进度填报表.xlsx') {
  const boundary = '----xietong-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: TestClient, bytes: Buffer) {
  const { body, headers } = multipart(bytes);
  return client.post('/api/reports/progress-sheet', body, headers);
}

const slot = async (id: string) => (await ws.db.select().from(reports).where(eq(reports.id, id)))[0]!;

describe('bulk progress through a spreadsheet', () => {
  it('a unit downloads its open slots, fills them offline and uploads: every row saved as a draft', async () => {
    const { reporter, transport } = await publishedFuturePlan(ws);
    const res = await downloadSheet(reporter);
    expect(res.statusCode).toBe(200);
    const { wb, sheet, rows } = await open(res.rawPayload);
    const own = await ws.db.select().from(reports).where(eq(reports.unitId, transport));
    expect([...rows.keys()].sort()).toEqual(own.map((r) => r.id).sort());
    const [first, second] = [...rows.entries()];
    for (const [, r] of [first!, second!]) {
      sheet.getCell(r, 8).value = '推进中';
      sheet.getCell(r, 9).value = 45;
      sheet.getCell(r, 10).value = '完成线路方案比选。';
      sheet.getCell(r, 12).value = '开展招标。';
    }
    const saved = await upload(reporter, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ saved: 2, untouched: rows.size - 2 });
    const after = await slot(first![0]);
    expect(after).toMatchObject({ status: 'draft', workStatus: 'in_progress', percent: 45, done: '完成线路方案比选。', nextSteps: '开展招标。' });
  });

  it('saves nothing when one row is wrong, and says which row and column', async () => {
    const { reporter } = await publishedFuturePlan(ws);
    const { wb, sheet, rows } = await open((await downloadSheet(reporter)).rawPayload);
    const [[goodId, good], [badId, bad]] = [...rows.entries()] as [[string, number], [string, number]];
    ['推进中', 30, '开展前期工作。'].forEach((v, i) => (sheet.getCell(good, 8 + i).value = v));
    ['已完成', 80, '基本完成。'].forEach((v, i) => (sheet.getCell(bad, 8 + i).value = v));
    const res = await upload(reporter, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('本次上传未保存任何内容');
    expect(res.body.details.errors).toEqual([expect.objectContaining({ row: bad, column: 'I', field: '完成比例(%)' })]);
    expect((await slot(goodId)).status).toBe('pending');
    expect((await slot(badId)).status).toBe('pending');
  });

  it('reports a slot changed since download as a conflict and overwrites nothing', async () => {
    const { reporter } = await publishedFuturePlan(ws);
    const { wb, sheet, rows } = await open((await downloadSheet(reporter)).rawPayload);
    const [id, row] = [...rows.entries()][0]!;
    await ws.run((ctx) => saveReport(ctx, id, { done: '同事在网页上填写的内容。' }));
    ['推进中', 50, '表格里的内容。'].forEach((v, i) => (sheet.getCell(row, 8 + i).value = v));
    const res = await upload(reporter, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(409);
    expect(res.body.details.conflicts).toEqual([expect.objectContaining({ row, slotId: id, downloadedVersion: 1, currentVersion: 2 })]);
    expect((await slot(id)).done).toBe('同事在网页上填写的内容。');
  });

  it('refuses a file that is not a workbook with the guard message, and coordinators have no unit sheet', async () => {
    const { reporter, coordinator } = await publishedFuturePlan(ws);
    const res = await upload(reporter, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect(res.status).toBe(400);
    expect(res.body.details.officeCode).toBe('office.not_xlsx');
    expect(res.body.message).toContain('不是 Excel 工作簿');
    expect((await downloadSheet(coordinator)).statusCode).toBe(403);
  });
});

describe('GET /api/plans/:id/bulletin.docx', () => {
  const documentText = (docx: Buffer) => {
    const entry = readCentralDirectory(docx).find((e) => e.name === 'word/document.xml')!;
    return inflateEntry(docx, entry).toString('utf8').replace(/<[^>]+>/g, '');
  };

  it('drafts the period 通报 from the reports: figures, units, lagging tasks with the units own words, the 文号 set by the coordinator', async () => {
    const { reporter, coordinator, planId, transport } = await publishedFuturePlan(ws);
    const mine = await ws.db.select().from(reports).where(eq(reports.unitId, transport));
    const lead = mine.find((r) => r.isLead)!;
    await ws.run((ctx) => saveReport(ctx, lead.id, { workStatus: 'lagging', percent: 20, done: '完成可研编制。', problems: '用地报批进度慢于预期。', nextSteps: '加快报批。' }));
    const submitted = await reporter.post(`/api/reports/${lead.id}/submit`, {});
    expect(submitted.status).toBe(200);
    const period = lead.periodKey;
    const res = await ws.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/bulletin.docx?period=${encodeURIComponent(period)}&docNumber=${encodeURIComponent('武政督〔2026〕5号')}&date=2026-10-15&issuer=${encodeURIComponent('武汉市人民政府督查室')}`,
      headers: { cookie: `${SESSION_COOKIE}=${coordinator.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    const text = documentText(res.rawPayload);
    for (const expected of [
      '武汉市人民政府督查室文件',
      '武政督〔2026〕5号',
      `${lead.periodLabel}推进情况的通报`,
      '一、总体进展情况',
      '武汉市交通运输局',
      '四、滞后任务及原因',
      '武汉市交通运输局说明：用地报批进度慢于预期。',
      '2026年10月15日',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/本期应报送进度报告\d+份，按时报送1份/);
    expect((await ws.app.inject({ method: 'GET', url: `/api/plans/${planId}/bulletin.docx?period=${period}&docNumber=1`, headers: { cookie: `${SESSION_COOKIE}=${reporter.cookie}` } })).statusCode).toBe(403);
  });
});

describe('GET /api/plans/:id/summary.docx', () => {
  it('assembles the 半年总结 from the units submitted reports under the plan parts', async () => {
    const { reporter, coordinator, planId, transport } = await publishedFuturePlan(ws);
    const lead = (await ws.db.select().from(reports).where(eq(reports.unitId, transport))).find((r) => r.isLead)!;
    await ws.run((ctx) => saveReport(ctx, lead.id, { workStatus: 'in_progress', percent: 60, done: '完成环线甲段初步设计。', problems: '资金缺口较大。', nextSteps: '争取专项债支持。' }));
    expect((await reporter.post(`/api/reports/${lead.id}/submit`, {})).status).toBe(200);
    const res = await ws.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/summary.docx?period=${encodeURIComponent(lead.periodKey)}&docNumber=${encodeURIComponent('武发改〔2026〕9号')}&issuer=${encodeURIComponent('武汉市发展和改革委员会')}`,
      headers: { cookie: `${SESSION_COOKIE}=${coordinator.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    const entry = readCentralDirectory(res.rawPayload).find((e) => e.name === 'word/document.xml')!;
    const text = inflateEntry(res.rawPayload, entry).toString('utf8').replace(/<[^>]+>/g, '');
    for (const expected of [
      '武汉市发展和改革委员会文件',
      '武发改〔2026〕9号',
      '二、主要工作进展',
      '（一）重点任务',
      '武汉市交通运输局（推进中，完成60%）：完成环线甲段初步设计。',
      '三、存在的主要问题',
      '武汉市交通运输局反映：资金缺口较大。',
      '四、下一步工作打算',
      '武汉市交通运输局：争取专项债支持。',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
