// The coordinator downloads the plan's office documents from the plan overview: the 任务分工表
// (Excel, read back with exceljs) without and with a period's progress columns (a period the plan
// does not have is refused in the dialog, naming those it has), a 季通报 with the 文号 and date they
// set, and a 半年总结 — after a period with no reports gives a Chinese error in the form, which keeps what was typed.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { expect, test } from 'vitest';
import { DEMO, DEMO_PLAN_TITLE } from './support/accounts';
import { screenshot } from './support/harness';
import { download, useJourney } from './support/journey';

const journey = useJourney();

/** Every non-empty cell of the first sheet, as shown. */
async function sheetCells(bytes: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
  return cells;
}

const docText = async (bytes: Buffer) => (await mammoth.extractRawText({ buffer: bytes })).value;

test('coordinator exports the 任务分工表 and generates the 季通报 and 半年总结 from the plan overview', async () => {
  const page = await journey.signedIn(DEMO.coordinator);
  await page.getByRole('menuitem', { name: '规划总览' }).click();
  await page.getByRole('link', { name: DEMO_PLAN_TITLE }).click();
  await page.getByRole('heading', { name: DEMO_PLAN_TITLE }).waitFor();

  // 任务分工表: an XLSX whose rows are the plan's tasks with their units; no period, no progress columns.
  await page.getByRole('button', { name: '导出任务分工表' }).click();
  const tableDialog = page.getByRole('dialog', { name: '导出任务分工表（Excel）' });
  const table = await download(page, () => tableDialog.getByRole('button', { name: '导出' }).click());
  await tableDialog.waitFor({ state: 'hidden' });
  expect(table.name).toMatch(/任务分工表\.xlsx$/);
  const cells = await sheetCells(table.bytes);
  expect(cells.some((c) => c.includes('推进城市圈环线高速公路建设'))).toBe(true);
  expect(cells.some((c) => c.includes('武汉市交通运输局'))).toBe(true);
  expect(cells.some((c) => c.startsWith('进展情况'))).toBe(false);

  // With a period: one the plan does not have is refused in the dialog, naming those it has; the
  // previous period (the demo's reported one) adds 进展情况, 完成比例 and 状态（亮灯）.
  await page.getByRole('button', { name: '导出任务分工表' }).click();
  const progressPeriod = tableDialog.getByLabel('进展情况周期（可选）');
  await progressPeriod.fill('1999-Q1');
  await tableDialog.getByRole('button', { name: '导出' }).click();
  const refused = tableDialog.getByRole('alert').filter({ hasText: '没有“1999-Q1”这一填报周期' });
  await refused.waitFor();
  const known = [...((await refused.textContent()) ?? '').matchAll(/([0-9][0-9QH-]*)（([^）]+)）/g)];
  expect(known.length).toBeGreaterThanOrEqual(2);
  const [, previousKey, previousLabel] = known[1]!;
  await progressPeriod.fill(previousKey!);
  const withProgress = await download(page, () => tableDialog.getByRole('button', { name: '导出' }).click());
  expect(withProgress.name).toContain(`-${previousLabel}-任务分工表.xlsx`);
  const progressCells = await sheetCells(withProgress.bytes);
  expect(progressCells).toEqual(
    expect.arrayContaining([`进展情况（${previousLabel}）`, '完成比例', '状态（亮灯）']),
  );
  expect(progressCells.some((c) => c.includes('两个断头路项目完成征地拆迁'))).toBe(true);
  expect(progressCells.some((c) => /^(推进中|已完成|滞后|有困难|未启动)／(绿灯|黄灯|红灯)$/.test(c))).toBe(
    true,
  );

  // 季通报 with the 文号 and date the coordinator sets; the period offered is one that has reports.
  await page.getByRole('button', { name: '生成通报/简报' }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByLabel('填报周期').inputValue()).not.toBe('');
  await dialog.getByLabel('文号').fill('武督办〔2026〕7号');
  await dialog.getByLabel('成文日期').fill('2026-11-20');
  const bulletin = await download(page, () => dialog.getByRole('button', { name: '生成并下载' }).click());
  expect(bulletin.name).toMatch(/\.docx$/);
  expect(bulletin.bytes.subarray(0, 2).toString()).toBe('PK');
  const bulletinText = await docText(bulletin.bytes);
  expect(bulletinText).toContain('武督办〔2026〕7号');
  expect(bulletinText).toContain('2026年11月20日');
  await dialog.waitFor({ state: 'hidden' });

  // 半年总结: a period without reports is refused in Chinese, in the form, and what was typed stays.
  await page.getByRole('button', { name: '生成总结材料' }).click();
  const summaryDialog = page.getByRole('dialog');
  const period = summaryDialog.getByLabel('填报周期');
  await expect.poll(() => period.inputValue()).not.toBe('');
  const goodPeriod = await period.inputValue();
  await period.fill('1999-H1');
  await summaryDialog.getByLabel('文号').fill('武督办〔2026〕8号');
  await summaryDialog.getByRole('button', { name: '生成并下载' }).click();
  await summaryDialog.getByRole('alert').filter({ hasText: '没有填报事项' }).waitFor();
  expect(await summaryDialog.getByLabel('文号').inputValue()).toBe('武督办〔2026〕8号');
  await period.fill(goodPeriod);
  const summary = await download(page, () =>
    summaryDialog.getByRole('button', { name: '生成并下载' }).click(),
  );
  expect(summary.bytes.subarray(0, 2).toString()).toBe('PK');
  expect(summary.bytes.length).toBeGreaterThan(5_000);
  expect(await docText(summary.bytes)).toContain('武督办〔2026〕8号');
  await summaryDialog.waitFor({ state: 'hidden' });

  // The responsibility matrix exports as CSV that Excel opens as UTF-8.
  await page.getByRole('tab', { name: '责任矩阵' }).click();
  const matrix = await download(page, () =>
    page.getByRole('button', { name: '导出责任矩阵（CSV）' }).click(),
  );
  expect(matrix.name).toBe(`${DEMO_PLAN_TITLE}-责任矩阵.csv`);
  const csv = matrix.bytes.toString('utf8');
  expect(csv.startsWith('\uFEFF单位,')).toBe(true);
  expect(csv).toMatch(/\r\n武汉市交通运输局,牵头,牵头,/);

  // Printed, the overview is the tree alone: menus, filters and buttons are left out.
  await page.getByRole('tab', { name: '任务树' }).click();
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: '导出任务分工表' }).isVisible()).toBe(false);
  expect(await page.getByRole('menuitem', { name: '规划总览' }).isVisible()).toBe(false);
  expect(await page.getByPlaceholder('搜索任务内容').isVisible()).toBe(false);
  expect(await page.getByRole('tab', { name: '责任矩阵' }).isVisible()).toBe(false);
  expect(await page.locator('.ant-tree-treenode', { hasText: '建立跨界河湖联合巡查机制' }).isVisible()).toBe(
    true,
  );
  await page.emulateMedia({ media: 'screen' });
  await screenshot(page, 'plan-office');
});
