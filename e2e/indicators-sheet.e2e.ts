// The coordinator keeps indicator values through a spreadsheet, in a browser against the built
// app and the demo workspace: on 指标 the sheet downloads as Excel, comes back filled (refused
// whole, by row and column, on an error; then saved), and the chart's list shows the values.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { screenshot } from './support/harness';
import { useJourney } from './support/journey';

const journey = useJourney();
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xietong-e2e-indicators-'));
});

/** Column index of a header in row 2 of the sheet. */
function column(ws: ExcelJS.Worksheet, name: string): number {
  let found = 0;
  ws.getRow(2).eachCell((c, i) => {
    if (c.text === name) found = i;
  });
  if (!found) throw new Error(`column ${name} missing from the indicator sheet`);
  return found;
}

async function uploadSheet(p: Page, bytes: Buffer, name: string): Promise<void> {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  await p.getByRole('region', { name: '下载指标数据填报表' }).locator('input[type=file]').setInputFiles(path);
}

test('the coordinator downloads the indicator sheet, fills it with exceljs, uploads it and sees the values on the chart', async () => {
  const p = await journey.signedIn(DEMO.coordinator);
  await p.goto('/indicators');
  const sheetPanel = p.getByRole('region', { name: '下载指标数据填报表' });
  await sheetPanel.getByRole('button', { name: /下载指标数据填报表/ }).waitFor();

  const [download] = await Promise.all([
    p.waitForEvent('download'),
    sheetPanel.getByRole('button', { name: /下载指标数据填报表/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/指标数据填报表\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.getWorksheet('指标数据填报')!;
  const [name, period, value] = [column(ws, '指标名称'), column(ws, '报送周期'), column(ws, '本期数值')];
  const filled: { indicator: string; period: string; value: number; row: number }[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    if (!ws.getCell(r, 1).text || ws.getCell(r, value).text) continue;
    filled.push({
      indicator: ws.getCell(r, name).text,
      period: ws.getCell(r, period).text,
      value: 40 + r,
      row: r,
    });
  }
  expect(filled.length).toBeGreaterThan(0);

  // One row wrong: nothing is saved, and the row and column are named.
  filled.forEach((f, i) => (ws.getCell(f.row, value).value = i === 0 ? '约四成' : f.value));
  await uploadSheet(p, Buffer.from(await wb.xlsx.writeBuffer()), 'wrong.xlsx');
  const letter = ws.getColumn(value).letter;
  await sheetPanel.getByText(`第 ${filled[0]!.row} 行 ${letter} 列（本期数值）`, { exact: false }).waitFor();
  await sheetPanel.getByText(/填报表未保存/).waitFor();
  await screenshot(p, 'indicators-sheet-refused');

  // Corrected: every row saved, the list under the chart shows the value from the sheet.
  ws.getCell(filled[0]!.row, value).value = filled[0]!.value;
  await uploadSheet(p, Buffer.from(await wb.xlsx.writeBuffer()), 'filled.xlsx');
  await sheetPanel.getByText(`已保存 ${filled.length} 项指标数值`, { exact: false }).waitFor();
  const first = filled[0]!;
  await p.getByRole('button', { name: first.indicator, exact: true }).click();
  const list = p.getByRole('region', { name: '各期数值' });
  const row = list.getByRole('row').filter({ hasText: first.period });
  await row.getByText('统筹部门批量填报').waitFor();
  expect(await row.textContent()).toContain(String(first.value));
  await screenshot(p, 'indicators-sheet-saved');
});
