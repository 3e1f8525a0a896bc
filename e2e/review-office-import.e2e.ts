// The side-by-side review works for office files too: a Word document (seed 003, with the inline
// pinyin normalisation removes) and an Excel 任务分工表, which then goes through review to publish.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { ROOT, screenshot } from './support/harness';
import { confirmUnitsAndPublish, uploadForReview, useJourney } from './support/journey';

const SEED_003 = join(ROOT, '..', 'shared', 'seeds', '003_52b583d5c9b6873f.txt');
const dir = mkdtempSync(join(tmpdir(), 'xietong-review-'));

const journey = useJourney();

test('a Word document is reviewed side by side: highlights, outline, and removed pinyin located in the original', async () => {
  const lines = readFileSync(SEED_003, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const docx = join(dir, '十四五分工方案.docx');
  writeFileSync(docx, await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })));

  const page = await journey.signedIn(DEMO.coordinator);
  await uploadForReview(page, docx);

  // The text the parser recognised, with its highlights, beside the outline.
  const text = page.getByTestId('review-text');
  const unit = text.locator('mark.hl-unit').first();
  await unit.waitFor({ timeout: 60_000 });
  await expect.poll(() => text.locator('mark.hl-task').count()).toBeGreaterThan(10);
  // At 1366×768 the review is the first thing seen: text and outline side by side, both wholly in
  // the window without scrolling the page.
  expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const textBox = (await text.boundingBox())!;
  const outlineBox = (await page.getByTestId('review-outline').boundingBox())!;
  for (const box of [textBox, outlineBox]) {
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(box.height).toBeGreaterThanOrEqual(280);
  }
  expect(textBox.x + textBox.width).toBeLessThanOrEqual(outlineBox.x);
  // The task table is one button (or Tab) away.
  await page.getByRole('button', { name: /任务表（\d+项）/ }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('draft-tasks');
  await page.evaluate(() => window.scrollTo(0, 0));
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

  const page = await journey.signedIn(DEMO.coordinator);
  await uploadForReview(page, xlsx);

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

  await confirmUnitsAndPublish(page);
  const published = page.locator('.ant-tree-treenode', { hasText: '开展数据安全专项检查' });
  await published.waitFor();
  expect(await published.textContent()).toContain('武汉市公安局');
  await screenshot(page, 'review-xlsx-publish');
});
