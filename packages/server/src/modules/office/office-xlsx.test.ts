import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndicatorSheet, readIndicatorSheet, type IndicatorSheetSlot } from './indicator-sheet.js';
import { buildProgressSheet, readProgressSheet, type ProgressSheetSlot } from './progress-sheet.js';
import { buildTaskTable } from './task-table.js';
import { OfficeFileError } from './errors.js';
import type { TaskTableNode } from './types.js';
import { buildTask, buildTaskTableInput } from './__tests__/fixtures.js';
import { convertWithLibreOffice, pdfInfo, readCsv, scratchDir } from './__tests__/libreoffice.js';

function buildSlot(i: number, overrides: Partial<ProgressSheetSlot> = {}): ProgressSheetSlot {
  return {
    slotId: `slot-${i}`,
    version: 3,
    taskNumber: `${i}`,
    taskTitle: `任务${i}：推进城市圈政务服务“跨城通办”`,
    unit: '武汉市政务服务和大数据管理局（牵头）',
    period: '2026年第三季度',
    dueDate: '2026-10-10',
    deadline: '2026年底前',
    ...overrides,
  };
}

/** Simulates a user filling the input columns (H…L) of a downloaded progress sheet. */
async function fillProgress(bytes: Buffer, rows: Record<number, (string | number | null)[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('进度填报')!;
  for (const [row, values] of Object.entries(rows)) values.forEach((v, i) => (ws.getCell(Number(row), 8 + i).value = v));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const versions = (n: number, v = 3) => new Map(Array.from({ length: n }, (_, i) => [`slot-${i + 1}`, v]));

/** Sixty tasks under three headings: enough for several landscape pages. */
function longPlan(): TaskTableNode[] {
  return ['一、', '二、', '三、'].map((marker, h) => ({
    kind: 'heading' as const,
    marker,
    title: `第${h + 1}部分重点任务`,
    children: Array.from({ length: 20 }, (_, i) =>
      buildTask({ title: `任务${h * 20 + i + 1}`, content: `具体措施${h * 20 + i + 1}：${'深化区域合作，完善协调机制。'.repeat(4)}` }),
    ),
  }));
}

describe('Excel exports, read back by LibreOffice', () => {
  const dir = scratchDir('xlsx');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let table: Buffer;
  let tableWithProgress: Buffer;
  let longTable: Buffer;
  let progress: Buffer;
  let indicators: Buffer;
  let csv: Record<string, string>;
  let pdf: Record<string, string>;
  let resaved: Record<string, string>;

  beforeAll(async () => {
    table = await buildTaskTable(buildTaskTableInput());
    const withProgress = buildTaskTableInput({ progressPeriod: '2026年第三季度' });
    const first = withProgress.nodes[0]!;
    if (first.kind !== 'heading' || first.children[0]?.kind !== 'heading') throw new Error('fixture shape');
    const t1 = first.children[0].children[0]!;
    if (t1.kind === 'task') t1.progress = { text: '武宜高铁完成投资68%', percent: 68, status: 'in_progress', light: 'green' };
    tableWithProgress = await buildTaskTable(withProgress);
    longTable = await buildTaskTable({ planTitle: '城市群协同发展重点任务分工表', nodes: longPlan() });
    progress = await buildProgressSheet([buildSlot(1), buildSlot(2), buildSlot(3)], '武汉市政务服务和大数据管理局 2026年第三季度 进度填报表');
    indicators = await buildIndicatorSheet(
      [
        { slotId: 'ind-1', version: 1, indicatorName: '常住人口城镇化率', measure: '%', target: '≥68（2026年）', unit: '省发改委', period: '2026年上半年', previousValue: 66.2 },
        { slotId: 'ind-2', version: 1, indicatorName: '研发经费投入强度', measure: '%', target: '2.6', unit: '省科技厅', period: '2026年上半年', previousValue: 2.35 },
      ] satisfies IndicatorSheetSlot[],
    );
    const filled = await fillProgress(progress, { 3: ['推进中', 60, '完成系统对接', '', '开展试运行'] });
    // One soffice call per target format.
    csv = await convertWithLibreOffice(dir, { 'table.xlsx': table, 'progress-table.xlsx': tableWithProgress, 'progress.xlsx': progress, 'indicators.xlsx': indicators }, 'csv');
    pdf = await convertWithLibreOffice(dir, { 'long.xlsx': longTable, 'table.xlsx': table }, 'pdf');
    // A user who opens the sheet in an office suite and saves it again.
    resaved = await convertWithLibreOffice(dir, { 'filled.xlsx': filled }, 'xlsx');
  });

  it('task table: LibreOffice reads title, header, heading rows and numbered task rows with units', () => {
    const rows = readCsv(csv['table.xlsx']!);
    expect(rows[0]![0]).toBe('湖北省推进长江中游城市群协同发展重点任务分工表');
    expect(rows[1]![0]).toBe('鄂发改〔2026〕18号');
    expect(rows[2]).toEqual(['序号', '重点任务', '具体内容/工作措施', '牵头单位', '责任单位', '配合单位', '完成时限']);
    expect(rows[3]![0]).toBe('一、加快基础设施互联互通');
    expect(rows[4]![0]).toBe('（一）构建综合交通网络');
    expect(rows[5]).toEqual([
      '1',
      '推进交通基础设施互联互通',
      '加快武汉至宜昌高铁建设，2026年底前建成通车；推动城市圈城际铁路公交化运营。',
      '省发改委',
      '省交通运输厅、武汉市人民政府',
      '中国铁路武汉局集团有限公司',
      '2026年12月底前',
    ]);
    const numbers = rows.slice(3).map((r) => r[0]).filter((c) => /^\d+$/.test(c!));
    expect(numbers).toEqual(['1', '2', '3', '4', '5']);
  });

  it('task table: progress columns carry the period, percent and light', () => {
    const rows = readCsv(csv['progress-table.xlsx']!);
    expect(rows[2]!.slice(7)).toEqual(['进展情况（2026年第三季度）', '完成比例', '状态（亮灯）']);
    expect(rows[5]!.slice(7)).toEqual(['武宜高铁完成投资68%', '68%', '推进中／绿灯']);
  });

  it('task table: headings are merged rows, header frozen and repeated, A4 landscape', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(table as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('任务分工表')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:G1', 'A2:G2', 'A4:G4', 'A5:G5', 'A8:G8', 'A10:G10']));
    expect(ws.getCell('A4').isMerged && ws.getCell('G4').isMerged).toBe(true);
    expect(ws.getCell('A6').isMerged).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:3' });
    expect(ws.getCell('C6').alignment.wrapText).toBe(true);
  });

  it('task table: LibreOffice prints landscape A4 pages, each repeating the header row', () => {
    const short = pdfInfo(pdf['table.xlsx']!);
    expect(short.pages).toBe(1);
    const info = pdfInfo(pdf['long.xlsx']!);
    expect(info.pageSize).toContain('841.89 x 595.');
    expect(info.pages).toBeGreaterThanOrEqual(3);
    expect(info.pages).toBeLessThanOrEqual(12);
    for (let p = 1; p <= info.pages; p++) {
      const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf['long.xlsx']!, '-'], { encoding: 'utf8' });
      expect(text, `page ${p}`).toContain('具体内容/工作措施');
    }
    const all = execFileSync('pdftotext', [pdf['long.xlsx']!, '-'], { encoding: 'utf8' });
    expect(all).toContain('任务60');
  });

  it('progress sheet: one row per slot, ids and versions in hidden columns, validation lists', async () => {
    const rows = readCsv(csv['progress.xlsx']!);
    expect(rows[1]).toEqual(['填报编号', '版本', '序号', '任务', '填报单位', '报送周期', '完成时限', '状态', '完成比例(%)', '本期进展情况', '存在问题', '下一步计划']);
    expect(rows.slice(2).map((r) => r.slice(0, 3))).toEqual([
      ['slot-1', '3', '1'],
      ['slot-2', '3', '2'],
      ['slot-3', '3', '3'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(progress as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('进度填报')!;
    expect(ws.getColumn(1).hidden && ws.getColumn(2).hidden).toBe(true);
    expect(ws.getCell('H4').dataValidation).toMatchObject({ type: 'list', formulae: ['"未启动,推进中,已完成,滞后,有困难"'] });
    expect(ws.getCell('I5').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(ws.getCell('H3').protection?.locked).toBe(false);
    expect(ws.getCell('D3').protection?.locked).not.toBe(false);
  });

  it('progress sheet: filled, saved again by LibreOffice, and read back', async () => {
    const result = await readProgressSheet(readFileSync(resaved['filled.xlsx']!), versions(3));
    expect(result).toEqual({
      ok: true,
      rows: [{ slotId: 'slot-1', version: 3, row: 3, status: 'in_progress', percent: 60, done: '完成系统对接', problems: '', nextSteps: '开展试运行' }],
      untouchedSlotIds: ['slot-2', 'slot-3'],
    });
  });

  it('indicator sheet: LibreOffice reads the indicators and targets', () => {
    const rows = readCsv(csv['indicators.xlsx']!);
    expect(rows[1]).toEqual(['填报编号', '版本', '序号', '指标名称', '计量单位', '目标值', '责任单位', '报送周期', '上期数值', '本期数值', '说明']);
    expect(rows[2]!.slice(3, 9)).toEqual(['常住人口城镇化率', '%', '≥68（2026年）', '省发改委', '2026年上半年', '66.2']);
  });
});

describe('bulk progress upload', () => {
  it('applies every filled row, including "85%" typed as text and percent-formatted numbers', async () => {
    const sheet = await buildProgressSheet([buildSlot(1), buildSlot(2), buildSlot(3)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('进度填报')!;
    ws.getCell('H3').value = '已完成';
    ws.getCell('I3').value = 100;
    ws.getCell('J3').value = '平台上线运行';
    ws.getCell('H4').value = '推进中';
    ws.getCell('I4').value = '85%';
    ws.getCell('J4').value = '完成85%';
    ws.getCell('H5').value = '滞后';
    ws.getCell('I5').value = 0.4;
    // A fresh style object: exceljs shares loaded styles between cells, Excel does not.
    ws.getCell('I5').style = { ...ws.getCell('I5').style, numFmt: '0%' };
    ws.getCell('J5').value = '完成招标';
    ws.getCell('K5').value = '资金未到位';
    const result = await readProgressSheet(Buffer.from(await wb.xlsx.writeBuffer()), versions(3));
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.slotId, r.status, r.percent])).toEqual([
      ['slot-1', 'completed', 100],
      ['slot-2', 'in_progress', 85],
      ['slot-3', 'lagging', 40],
    ]);
  });

  it('returns every error by row and column in Chinese and no rows at all', async () => {
    const sheet = await buildProgressSheet([1, 2, 3, 4, 5].map((i) => buildSlot(i)));
    const filled = await fillProgress(sheet, {
      3: ['推进中', 50, '正常推进', '', ''], // valid, but must not be applied alone
      4: ['进行中', 50, '已开工', '', ''], // not a status
      5: ['推进中', 150, '已开工', '', ''], // out of range
      6: ['已完成', 80, '基本完成', '', ''], // completed needs 100
      7: ['有困难', '大半', '', '', ''], // not a number, no text, no problem stated
    });
    const result = await readProgressSheet(filled, versions(5));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.conflicts).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [4, 'H', '状态'],
      [5, 'I', '完成比例(%)'],
      [6, 'I', '完成比例(%)'],
      [7, 'I', '完成比例(%)'],
      [7, 'J', '本期进展情况'],
      [7, 'K', '存在问题'],
    ]);
    expect(result.errors[0]!.message).toBe('第4行“状态”填写为“进行中”，无法识别，请从下拉列表选择：未启动、推进中、已完成、滞后、有困难。');
    expect(result.errors[1]!.message).toContain('0到100');
    expect('rows' in result).toBe(false);
  });

  it('reports a row whose slot changed since download as a conflict and applies nothing', async () => {
    const sheet = await buildProgressSheet([buildSlot(1), buildSlot(2)]);
    const filled = await fillProgress(sheet, { 3: ['推进中', 30, '开展调研', '', ''], 4: ['推进中', 40, '起草方案', '', ''] });
    const now = new Map([
      ['slot-1', 3],
      ['slot-2', 4],
    ]);
    const result = await readProgressSheet(filled, now);
    expect(result).toMatchObject({ ok: false, errors: [], conflicts: [{ row: 4, slotId: 'slot-2', downloadedVersion: 3, currentVersion: 4 }] });
    if (!result.ok) expect(result.conflicts[0]!.message).toContain('重新下载');
  });

  it('rejects rows whose hidden slot id was tampered with or duplicated', async () => {
    const sheet = await buildProgressSheet([buildSlot(1), buildSlot(2)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('进度填报')!;
    ws.getCell('A4').value = 'slot-1';
    ws.getCell('A5').value = 'slot-999';
    for (const r of [3, 4, 5]) ['推进中', 20, '启动'].forEach((v, i) => (ws.getCell(r, 8 + i).value = v));
    const result = await readProgressSheet(Buffer.from(await wb.xlsx.writeBuffer()), versions(2));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'A'],
      [5, 'A'],
    ]);
    expect(result.errors[0]!.message).toContain('第3行');
  });

  it('refuses a task table or an indicator sheet uploaded as a progress sheet', async () => {
    for (const bytes of [await buildTaskTable(buildTaskTableInput()), await buildIndicatorSheet([])]) {
      const err = await readProgressSheet(bytes, new Map()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OfficeFileError);
      expect((err as OfficeFileError).code).toBe('office.wrong_template');
    }
  });

  it('indicator values: valid rows applied; a non-number is an error in 本期数值', async () => {
    const slots: IndicatorSheetSlot[] = ['ind-1', 'ind-2'].map((slotId) => ({
      slotId,
      version: 2,
      indicatorName: '地区生产总值增速',
      measure: '%',
      target: '6',
      unit: '省统计局',
      period: '2026年上半年',
      previousValue: null,
    }));
    const sheet = await buildIndicatorSheet(slots);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('指标数据填报')!;
    ws.getCell('J3').value = 6.3;
    ws.getCell('J4').value = '约6';
    const bad = await readIndicatorSheet(Buffer.from(await wb.xlsx.writeBuffer()), new Map([['ind-1', 2], ['ind-2', 2]]));
    expect(bad).toMatchObject({ ok: false, errors: [{ row: 4, column: 'J', field: '本期数值' }] });
    ws.getCell('J4').value = '6.1';
    const good = await readIndicatorSheet(Buffer.from(await wb.xlsx.writeBuffer()), new Map([['ind-1', 2], ['ind-2', 2]]));
    expect(good).toEqual({
      ok: true,
      rows: [
        { slotId: 'ind-1', version: 2, row: 3, value: 6.3, note: '' },
        { slotId: 'ind-2', version: 2, row: 4, value: 6.1, note: '' },
      ],
      untouchedSlotIds: [],
    });
  });
});
