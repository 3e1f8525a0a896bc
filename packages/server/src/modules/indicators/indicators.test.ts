import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { SESSION_COOKIE } from '@xietong/shared';
import { useTestWorkspace } from '../../testing/workspace.js';
import type { TestClient } from '../../testing/client.js';
import { auditEvents } from '../audit/schema.js';
import { indicators } from '../plans/schema.js';
import { reports } from '../reporting/schema.js';
import { publishedFuturePlan } from '../reporting/__tests__/fixtures.js';
import { convertWithLibreOffice, readCsv, scratchDir } from '../office/__tests__/libreoffice.js';
import { indicatorValues } from './schema.js';
import { loadDemo } from '../demo/demo.js';
import { inflateEntry, readCentralDirectory } from '../office/zip-inspect.js';
import { minimalXlsx, zipBombXlsx } from '../office/__tests__/hostile.js';

const ws = useTestWorkspace();
const TARGET_YEAR = new Date().getUTCFullYear() + 1;
const dir = scratchDir('indicators');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The future plan published, two indicators of the plan (one on the transport task), the transport lead slot. */
async function planWithIndicators() {
  const fixture = await publishedFuturePlan(ws);
  const lead = (await ws.db.select().from(reports).where(eq(reports.unitId, fixture.transport))).find(
    (r) => r.isLead,
  )!;
  const [buses, share] = await ws.db
    .insert(indicators)
    .values([
      {
        planId: fixture.planId,
        taskId: lead.taskId,
        name: '新开通城际公交线路',
        target: 6,
        unit: '条',
        comparator: '>=',
        year: 2027,
        responsible: ['市交通运输局'],
        ord: 1,
      },
      {
        planId: fixture.planId,
        name: '公共交通机动化出行分担率',
        target: 60,
        unit: '%',
        comparator: '>=',
        year: 2027,
        baseline: 55,
        baselineYear: 2025,
        ord: 2,
      },
    ])
    .returning();
  return { ...fixture, lead, buses: buses!, share: share! };
}

async function download(client: TestClient, planId: string, period?: string) {
  return ws.app.inject({
    method: 'GET',
    url: `/api/plans/${planId}/indicator-sheet.xlsx${period ? `?period=${encodeURIComponent(period)}` : ''}`,
    headers: { cookie: `${SESSION_COOKIE}=${client.cookie}` },
  });
}

/** The sheet as the coordinator sees it: indicator name (column D) → row number. */
async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('指标数据填报')!;
  const rows = new Map<string, number>();
  for (let r = 3; r <= sheet.rowCount; r++)
    rows.set(`${sheet.getCell(r, 4).text}|${sheet.getCell(r, 8).text}`, r);
  return { wb, sheet, rows };
}

async function upload(client: TestClient, planId: string, bytes: Buffer) {
  const boundary = '----xietong-indicator-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="indicators.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.post(`/api/plans/${planId}/indicator-sheet`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

const valuesOf = async (indicatorId: string) =>
  ws.db.select().from(indicatorValues).where(eq(indicatorValues.indicatorId, indicatorId));

describe('indicator values through the coordinator’s sheet', () => {
  it('downloads one row per indicator for a period (LibreOffice reads it), uploads the filled sheet: values stored, versioned, audited, on the chart', async () => {
    const { coordinator, planId, lead, buses, share } = await planWithIndicators();
    const res = await download(coordinator, planId, lead.periodKey);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');

    const csv = await convertWithLibreOffice(dir, { 'sheet.xlsx': res.rawPayload }, 'csv');
    const cells = readCsv(csv['sheet.xlsx']!);
    expect(cells[1]!.slice(2, 10)).toEqual([
      '序号',
      '指标名称',
      '计量单位',
      '目标值',
      '责任单位',
      '报送周期',
      '上期数值',
      '本期数值',
    ]);
    expect(cells.slice(2).map((r) => r.slice(3, 8))).toEqual([
      ['新开通城际公交线路', '条', `≥6条（${TARGET_YEAR}年）`, '市交通运输局', lead.periodLabel],
      ['公共交通机动化出行分担率', '%', `≥60%（${TARGET_YEAR}年）`, '—', lead.periodLabel],
    ]);

    const { wb, sheet, rows } = await open(res.rawPayload);
    sheet.getCell(rows.get(`新开通城际公交线路|${lead.periodLabel}`)!, 10).value = 2;
    sheet.getCell(rows.get(`公共交通机动化出行分担率|${lead.periodLabel}`)!, 10).value = '56.5';
    sheet.getCell(rows.get(`公共交通机动化出行分担率|${lead.periodLabel}`)!, 11).value = '统计局季度快报';
    const saved = await upload(coordinator, planId, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ saved: 2, unchanged: 0, untouched: 0 });

    const [stored] = await valuesOf(share.id);
    expect(stored).toMatchObject({
      periodKey: lead.periodKey,
      value: 56.5,
      note: '统计局季度快报',
      source: 'sheet',
      version: 1,
    });
    const events = await ws.db.select().from(auditEvents).where(eq(auditEvents.entityId, stored!.id));
    expect(events.map((e) => e.action)).toEqual(['indicator_value.sheet']);

    const list = (await coordinator.get(`/api/indicators?planId=${planId}`)).body;
    expect(list.plans[0]).toMatchObject({ id: planId, actions: ['indicator.sheet'] });
    expect(list.items.find((i: { id: string }) => i.id === buses.id).values).toEqual([
      expect.objectContaining({
        periodKey: lead.periodKey,
        periodEnd: lead.periodEnd,
        value: 2,
        source: 'sheet',
        version: 1,
      }),
    ]);

    // The same sheet again: nothing changed, nothing written.
    const again = await upload(coordinator, planId, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(again.status).toBe(409);
    expect(again.body.details.conflicts).toHaveLength(2);
    const fresh = await open((await download(coordinator, planId, lead.periodKey)).rawPayload);
    const repeat = await upload(coordinator, planId, Buffer.from(await fresh.wb.xlsx.writeBuffer()));
    expect(repeat.body).toEqual({ saved: 0, unchanged: 2, untouched: 0 });
    expect((await valuesOf(share.id))[0]!.version).toBe(1);
  });

  it('saves nothing when one row is wrong, and names the row and column in Chinese', async () => {
    const { coordinator, planId, lead, buses, share } = await planWithIndicators();
    const { wb, sheet, rows } = await open((await download(coordinator, planId, lead.periodKey)).rawPayload);
    const bad = rows.get(`公共交通机动化出行分担率|${lead.periodLabel}`)!;
    sheet.getCell(rows.get(`新开通城际公交线路|${lead.periodLabel}`)!, 10).value = 3;
    sheet.getCell(bad, 10).value = '约五成';
    const res = await upload(coordinator, planId, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('本次上传未保存任何内容');
    expect(res.body.details.errors).toEqual([
      expect.objectContaining({
        row: bad,
        column: 'J',
        field: '本期数值',
        message: expect.stringContaining('不是数字'),
      }),
    ]);
    expect(await valuesOf(buses.id)).toEqual([]);
    expect(await valuesOf(share.id)).toEqual([]);
  });

  it('values from the report form land in the same place; a value reported after the download is a conflict, not overwritten', async () => {
    const { coordinator, reporter, planId, lead, buses } = await planWithIndicators();
    const sheetBefore = await open((await download(coordinator, planId, lead.periodKey)).rawPayload);

    const saved = await reporter.put(`/api/reports/${lead.id}`, {
      workStatus: 'in_progress',
      percent: 30,
      done: '开通两条城际公交线路。',
      indicators: [{ indicatorId: buses.id, value: 2 }],
    });
    expect(saved.status).toBe(200);
    // A draft is not a statement yet.
    expect((await coordinator.get(`/api/indicators?planId=${planId}`)).body.items[0].values).toEqual([]);
    expect((await reporter.post(`/api/reports/${lead.id}/submit`, {})).status).toBe(200);
    const list = (await reporter.get(`/api/indicators?planId=${planId}`)).body;
    expect(list.plans[0].actions).toEqual([]);
    expect(list.items[0].values).toEqual([
      expect.objectContaining({ periodKey: lead.periodKey, value: 2, source: 'report', version: 1 }),
    ]);

    sheetBefore.sheet.getCell(sheetBefore.rows.get(`新开通城际公交线路|${lead.periodLabel}`)!, 10).value = 5;
    const res = await upload(coordinator, planId, Buffer.from(await sheetBefore.wb.xlsx.writeBuffer()));
    expect(res.status).toBe(409);
    expect(res.body.details.conflicts).toEqual([
      expect.objectContaining({ downloadedVersion: 0, currentVersion: 1 }),
    ]);
    expect((await valuesOf(buses.id))[0]).toMatchObject({ value: 2, source: 'report' });

    // A fresh sheet shows the reported value, and the coordinator may correct it.
    const fresh = await open((await download(coordinator, planId)).rawPayload);
    const row = fresh.rows.get(`新开通城际公交线路|${lead.periodLabel}`)!;
    expect(fresh.sheet.getCell(row, 10).value).toBe(2);
    fresh.sheet.getCell(row, 10).value = 3;
    fresh.sheet.getCell(row, 11).value = '核减一条未通车线路';
    expect(
      (await upload(coordinator, planId, Buffer.from(await fresh.wb.xlsx.writeBuffer()))).body,
    ).toMatchObject({ saved: 1 });
    expect((await valuesOf(buses.id))[0]).toMatchObject({ value: 3, source: 'sheet', version: 2 });
  });

  it('the submit takes the stated values in itself (audited); reading them writes nothing; a resubmit after a return replaces them', async () => {
    const { coordinator, reporter, planId, lead, buses } = await planWithIndicators();
    const events = async () =>
      (await ws.db.select().from(auditEvents).where(eq(auditEvents.action, 'indicator_value.report'))).length;
    const fill = (value: number) =>
      reporter.put(`/api/reports/${lead.id}`, {
        workStatus: 'in_progress',
        percent: 30,
        done: '开通城际公交线路。',
        indicators: [{ indicatorId: buses.id, value }],
      });
    expect((await fill(2)).status).toBe(200);
    expect(await valuesOf(buses.id)).toEqual([]);
    expect((await reporter.post(`/api/reports/${lead.id}/submit`, {})).status).toBe(200);
    // In the store as soon as the submit is answered, without any read taking it in.
    expect(await valuesOf(buses.id)).toEqual([
      expect.objectContaining({ value: 2, source: 'report', reportId: lead.id, version: 1 }),
    ]);
    expect(await events()).toBe(1);
    const totalEvents = (await ws.db.select().from(auditEvents)).length;
    expect((await coordinator.get(`/api/indicators?planId=${planId}`)).status).toBe(200);
    expect((await download(coordinator, planId)).statusCode).toBe(200);
    expect((await ws.db.select().from(auditEvents)).length).toBe(totalEvents);

    expect(
      (await coordinator.post(`/api/reports/${lead.id}/return`, { reason: '请核实线路数。' })).status,
    ).toBe(200);
    expect((await fill(4)).status).toBe(200);
    expect((await reporter.post(`/api/reports/${lead.id}/submit`, {})).status).toBe(200);
    expect(await valuesOf(buses.id)).toEqual([
      expect.objectContaining({ value: 4, source: 'report', version: 2 }),
    ]);
    const [last] = (
      await ws.db.select().from(auditEvents).where(eq(auditEvents.action, 'indicator_value.report'))
    ).sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
    expect(last).toMatchObject({ before: { value: 2, version: 1 }, after: { value: 4, version: 2 } });
  });

  it('the 通报 shows each indicator’s latest value from the same store against its target, with the outlook', async () => {
    const { coordinator, reporter, planId, lead, buses } = await planWithIndicators();
    const { wb, sheet, rows } = await open((await download(coordinator, planId, lead.periodKey)).rawPayload);
    sheet.getCell(rows.get(`公共交通机动化出行分担率|${lead.periodLabel}`)!, 10).value = 59.9;
    expect((await upload(coordinator, planId, Buffer.from(await wb.xlsx.writeBuffer()))).status).toBe(200);
    await reporter.put(`/api/reports/${lead.id}`, {
      workStatus: 'in_progress',
      percent: 50,
      done: '开通线路。',
      indicators: [{ indicatorId: buses.id, value: 7 }],
    });
    expect((await reporter.post(`/api/reports/${lead.id}/submit`, {})).status).toBe(200);
    const res = await ws.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/bulletin.docx?period=${encodeURIComponent(lead.periodKey)}&docNumber=${encodeURIComponent('武圈办〔2026〕3号')}`,
      headers: { cookie: `${SESSION_COOKIE}=${coordinator.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    const entry = readCentralDirectory(res.rawPayload).find((e) => e.name === 'word/document.xml')!;
    const text = inflateEntry(res.rawPayload, entry)
      .toString('utf8')
      .replace(/<[^>]+>/g, '');
    expect(text).toContain('纳入监测的2项指标中，1项已达到目标值。');
    expect(text).toContain(`新开通城际公交线路（条）≥6（${TARGET_YEAR}年）7已达到目标`);
    expect(text).toContain(`公共交通机动化出行分担率（%）≥60（${TARGET_YEAR}年）59.9未达目标，进度正常`);
  });

  it('is the coordinator’s: units may not download or upload; hostile files (not a workbook, outside references, 100,000 rows, zip bomb) get the guard’s Chinese message', async () => {
    const { coordinator, reporter, planId } = await planWithIndicators();
    expect((await download(reporter, planId)).statusCode).toBe(403);
    const res = await upload(coordinator, planId, Buffer.from('%PDF-1.7\n%âãÏÓ\n'));
    expect(res.status).toBe(400);
    expect(res.body.details.officeCode).toBe('office.not_xlsx');
    // A formula reaching another sheet, 100,000 rows, a zip bomb: each refused by name, nothing saved.
    const { wb, sheet, rows } = await open((await download(coordinator, planId)).rawPayload);
    const row = [...rows.values()][0]!;
    wb.addWorksheet('外部数据').getCell('A1').value = 9;
    sheet.getCell(row, 10).value = { formula: "'外部数据'!A1*10", result: 90 };
    const formula = await upload(coordinator, planId, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(formula.status).toBe(400);
    expect(formula.body.details).toMatchObject({ officeCode: 'office.external_reference', cell: `J${row}` });
    expect(formula.body.message).toContain(`J${row}`);
    const huge = await upload(coordinator, planId, minimalXlsx(100_000));
    expect(huge.body.details.officeCode).toBe('office.too_many_rows');
    expect(huge.body.message).toContain('100000');
    const bomb = await upload(coordinator, planId, zipBombXlsx(4, 64));
    expect(bomb.body.details.officeCode).toBe('office.zip_bomb');
    expect(bomb.body.message).toContain('压缩炸弹');
    expect(await ws.db.select().from(indicatorValues)).toEqual([]);
    const badPeriod = await download(coordinator, planId, '第三季度');
    expect(badPeriod.statusCode).toBe(400);
    expect(JSON.parse(badPeriod.body).message).toContain('无法识别');
  });

  it('the demo plan’s indicators come with two periods of values, so the chart shows a trajectory', async () => {
    const demo = await ws.run((ctx) => loadDemo(ctx));
    const coordinator = await ws.as(['coordinator']);
    const list = (await coordinator.get(`/api/indicators?planId=${demo.planId}`)).body as {
      items: { values: { value: number; source: string; note: string }[] }[];
    };
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      expect(item.values).toHaveLength(2);
      expect(item.values.every((v) => v.source === 'sheet' && v.note === '演示数据')).toBe(true);
      expect(item.values[0]!.value).toBeLessThan(item.values[1]!.value);
    }
  });
});
