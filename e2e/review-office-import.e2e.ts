// The side-by-side review works for office files too: a Word document (seed 003, with the inline
// pinyin normalisation removes) and an Excel 任务分工表, which then goes through review to publish.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { launchBrowser, login, newContext, ROOT, screenshot, startServer, type RunningServer } from './support/harness';

const SEED_003 = join(ROOT, '..', 'shared', 'seeds', '003_52b583d5c9b6873f.txt');
const dir = mkdtempSync(join(tmpdir(), 'xietong-review-'));

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function upload(page: Page, file: string): Promise<void> {
  await page.getByRole('menuitem', { name: '规划导入与校核' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '识别' }).click();
  await page.waitForURL(/\/import\/[0-9a-f-]{36}$/, { timeout: 90_000 });
}

test('a Word document is reviewed side by side: highlights, outline, and removed pinyin located in the original', async () => {
  const lines = readFileSync(SEED_003, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const docx = join(dir, '十四五分工方案.docx');
  writeFileSync(docx, await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })));

  const page = await (await newContext(browser, server.url)).newPage();
  await login(page, DEMO.coordinator.username, DEMO.coordinator.password);
  await upload(page, docx);

  // The text the parser recognised, with its highlights, beside the outline.
  const text = page.getByTestId('review-text');
  const unit = text.locator('mark.hl-unit').first();
  await unit.waitFor({ timeout: 60_000 });
  await expect.poll(() => text.locator('mark.hl-task').count()).toBeGreaterThan(10);
  // Clicking a highlight selects its place in the outline.
  await unit.click();
  await page.getByTestId('review-outline').locator('.ant-tree-node-selected').waitFor();
  expect(await unit.getAttribute('class')).toContain('hl-active');

  // What normalisation removed (inline pinyin) is listed and located in the original text.
  await page.getByRole('tab', { name: /已剔除的内容/ }).click();
  const removed = page.getByRole('tabpanel').locator('.ant-list-item', { hasText: '拼音注音' }).first();
  await removed.waitFor();
  await removed.getByRole('button', { name: '在原文中定位' }).click();
  const located = text.locator('mark.hl-removed.hl-active');
  await located.waitFor();
  expect(await located.textContent()).toMatch(/^\(?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\s]+\)?$/i);
  await screenshot(page, 'review-docx');
});

test('an Excel 任务分工表 goes through the same review to publishing', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('分工表');
  sheet.addRow(['武汉市数据共享工作任务分工表']);
  sheet.addRow(['序号', '重点任务', '牵头单位', '责任单位', '完成时限']);
  sheet.addRow([1, '建设全市公共数据共享交换平台', '武汉市政务服务和大数据管理局', '武汉市经济和信息化局', '2026年12月底前']);
  sheet.addRow([2, '编制公共数据开放目录', '武汉市政务服务和大数据管理局', '武汉市发展和改革委员会', '2026年9月底前']);
  sheet.addRow([3, '开展数据安全专项检查', '武汉市公安局', '武汉市政务服务和大数据管理局', '2026年11月底前']);
  const xlsx = join(dir, '数据共享分工表.xlsx');
  await book.xlsx.writeFile(xlsx);

  const page = await (await newContext(browser, server.url)).newPage();
  await login(page, DEMO.coordinator.username, DEMO.coordinator.password);
  await upload(page, xlsx);

  const text = page.getByTestId('review-text');
  await text.locator('mark.hl-task', { hasText: '建设全市公共数据共享交换平台' }).first().waitFor({ timeout: 60_000 });
  await text.locator('mark.hl-unit', { hasText: '武汉市公安局' }).first().waitFor();
  // Selecting a task in the table highlights it in the text.
  const row = page.locator('.ant-table-row', { hasText: '编制公共数据开放目录' });
  await row.click();
  await text.locator('mark.hl-active', { hasText: '编制公共数据开放目录' }).first().waitFor();
  expect(await row.textContent()).toContain('武汉市发展和改革委员会');
  // The same from the keyboard: focus a row, press Enter.
  const third = page.locator('.ant-table-row', { hasText: '开展数据安全专项检查' });
  await third.focus();
  await page.keyboard.press('Enter');
  await text.locator('mark.hl-active', { hasText: '开展数据安全专项检查' }).first().waitFor();

  const confirmAll = page.getByRole('button', { name: '全部确认为新单位' });
  if (await confirmAll.isVisible()) {
    await confirmAll.click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.getByText('待确认的单位名称').waitFor({ state: 'detached', timeout: 60_000 });
  }
  await page.getByRole('button', { name: '发布并交办' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '发布并交办' }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const published = page.locator('.ant-tree-treenode', { hasText: '开展数据安全专项检查' });
  await published.waitFor();
  expect(await published.textContent()).toContain('武汉市公安局');
  await screenshot(page, 'review-xlsx-publish');
});
