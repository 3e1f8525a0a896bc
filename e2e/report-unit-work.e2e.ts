// The units' side of reporting, in a browser against the built app and the demo workspace:
// a co-unit's input is consolidated by the lead unit (with an attachment), the unit leader signs
// off and the coordinator accepts — and the public page shows the new progress; the bulk progress
// sheet goes out as Excel, comes back filled (refused whole on an error, then saved); a 督办单
// downloads as Word.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { DEMO, DEMO_PASSWORD } from './support/accounts';
import { login, newContext, screenshot } from './support/harness';
import { useJourney } from './support/journey';

const TASK1 = '推进城市圈环线高速公路建设';
const TASK2 = '优化城际公交线路';
const PHONE = { width: 390, height: 844 };
const CO_TEXT = '完成环线高速新洲段用地预审，建设用地规划许可已受理。';
const OWN_TEXT = '两个断头路项目主体工程均已开工，累计完成投资5.6亿元。';

const journey = useJourney();
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xietong-e2e-unit-'));
});

async function page(viewport?: { width: number; height: number }): Promise<Page> {
  return (await newContext(journey.browser, journey.server.url, viewport)).newPage();
}

/** The unit's open slot of a task on 单位待办, opened. */
async function openSlot(p: Page, task: string, view: '填报任务' | '待签发' | '全部' = '填报任务', status?: string): Promise<void> {
  await p.goto('/todo');
  if (view !== '填报任务') await p.getByText(view, { exact: true }).click();
  let card = p.getByTestId('todo-slot').filter({ hasText: task });
  if (status) card = card.filter({ hasText: status });
  await card.first().waitFor();
  expect(await card.count()).toBe(1);
  await card.getByRole('link').click();
  await p.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
}

const status = (p: Page) => p.getByTestId('report-status');
/** Waits for what the page shows, as long as any other step may take on a loaded machine (expect.poll alone gives up after 1 s). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

async function chooseStatus(p: Page, label: string): Promise<void> {
  await p.getByLabel('办理状态').click();
  await p.locator('.ant-select-dropdown:visible').getByText(label, { exact: true }).click();
}

test('a co-unit reports, the lead unit consolidates with an attachment, the unit leader signs off, the coordinator accepts, the public sees it', async () => {
  // 规划局 (a responsible unit of task 1) sends its input to the lead unit.
  const co = await page();
  await login(co, 'reporter2', DEMO_PASSWORD);
  await openSlot(co, TASK1);
  await co.getByText(/报送后由牵头单位汇总/).waitFor();
  await chooseStatus(co, '推进中');
  await co.getByLabel('完成进度（%）').fill('50');
  await co.getByLabel('已完成工作').fill(CO_TEXT);
  await co.getByRole('button', { name: '报送' }).click();
  await poll(() => status(co).textContent()).toBe('已报送');

  // 交通局 (lead) sees the input beside its own report and consolidates it.
  const lead = await page();
  await login(lead, DEMO.reporter.username, DEMO.reporter.password);
  await openSlot(lead, TASK1);
  const panel = lead.getByTestId('co-unit-inputs');
  const input = panel.getByTestId('co-unit-input').filter({ hasText: '武汉市自然资源和规划局' });
  await input.getByText(CO_TEXT).waitFor();
  expect(await panel.getByText('尚未报送。', { exact: false }).count()).toBeGreaterThan(0);
  await chooseStatus(lead, '推进中');
  await lead.getByLabel('完成进度（%）').fill('70');
  const done = lead.getByLabel('已完成工作');
  await done.fill(OWN_TEXT);
  await panel.getByRole('button', { name: '汇总协办单位意见' }).click();
  await poll(() => done.inputValue()).toBe(`${OWN_TEXT}\n【武汉市自然资源和规划局】${CO_TEXT}`);

  // Attachments: a program is refused where the user acts; a PDF is uploaded and listed.
  const files = lead.getByTestId('attachment-input');
  await files.setInputFiles({ name: '工具.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await lead.getByTestId('attachments').getByRole('alert').getByText(/不支持「工具\.exe」这种文件类型/).waitFor();
  // A file attached by mistake is removed again (after a confirmation).
  await files.setInputFiles({ name: '错传的照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('\xff\xd8\xff照片') });
  await lead.getByRole('link', { name: '错传的照片.jpg' }).waitFor();
  await lead.getByRole('button', { name: '删除「错传的照片.jpg」' }).click();
  await lead.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
  await lead.getByText('已删除「错传的照片.jpg」。').waitFor();
  expect(await lead.getByRole('link', { name: '错传的照片.jpg' }).count()).toBe(0);
  const pdf = Buffer.from('%PDF-1.4\n% 征地拆迁协调会纪要\n');
  await files.setInputFiles({ name: '征地拆迁协调会纪要.pdf', mimeType: 'application/pdf', buffer: pdf });
  await lead.getByRole('link', { name: '征地拆迁协调会纪要.pdf' }).waitFor();
  await lead.getByText(/草稿已自动保存/).waitFor();
  await lead.getByRole('button', { name: '报送' }).click();
  await poll(() => status(lead).textContent()).toBe('已报送');
  const reportUrl = new URL(lead.url()).pathname;

  // The unit leader signs it off (an optional step for this cycle).
  const leader = await page(PHONE);
  await login(leader, DEMO.unitLeader.username, DEMO.unitLeader.password);
  // The workbench lists it among the reports to sign.
  await leader.locator('#inbox-sign').getByText(TASK1).waitFor();
  await openSlot(leader, TASK1, '待签发');
  expect(await leader.getByRole('link', { name: '去签发' }).count()).toBe(1);
  expect(new URL(leader.url()).pathname).toBe(reportUrl);
  await leader.getByText(/请审阅本单位报告，确认无误后签发/).waitFor();
  await leader.getByRole('button', { name: '签发' }).click();
  await poll(() => status(leader).textContent()).toBe('已签发');

  // The coordinator reads the consolidated report, downloads the attachment and accepts.
  const coordinator = await page();
  await login(coordinator, DEMO.coordinator.username, DEMO.coordinator.password);
  await coordinator.goto(reportUrl);
  await coordinator.getByTestId('report-content').getByText(/【武汉市自然资源和规划局】完成环线高速新洲段用地预审/).waitFor();
  await coordinator.getByTestId('co-unit-input').filter({ hasText: '武汉市自然资源和规划局' }).getByText('已汇总').waitFor();
  const [attachment] = await Promise.all([coordinator.waitForEvent('download'), coordinator.getByRole('link', { name: '征地拆迁协调会纪要.pdf' }).click()]);
  expect(readFileSync(await attachment.path())).toEqual(pdf);
  await coordinator.getByRole('button', { name: '采纳', exact: true }).click();
  await poll(() => status(coordinator).textContent()).toBe('已采纳');
  await screenshot(coordinator, 'report-consolidated-accepted');

  // The public page shows the accepted progress without login.
  const anon = await page();
  await anon.goto('/public');
  const row = anon.getByTestId('public-task').filter({ hasText: TASK1 });
  await row.waitFor();
  await poll(() => row.getByTestId('public-percent').textContent()).toBe('70%');
});

/** Fills every data row of a downloaded progress sheet; returns the workbook's bytes. */
async function fillSheet(path: string, percentOfFirstRow: number): Promise<{ bytes: Buffer; rows: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = ws.getRow(2);
  const col = (name: string) => {
    let found = 0;
    header.eachCell((c, i) => {
      if (c.text === name) found = i;
    });
    if (!found) throw new Error(`column ${name} missing from the sheet`);
    return found;
  };
  const [st, pct, done, problems] = [col('状态'), col('完成比例(%)'), col('本期进展情况'), col('存在问题')];
  let rows = 0;
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.getCell(1).text) continue;
    rows += 1;
    row.getCell(st).value = '推进中';
    row.getCell(pct).value = rows === 1 ? percentOfFirstRow : 45;
    row.getCell(done).value = `表格批量填报：第${r}行，线路招标文件已挂网。`;
    row.getCell(problems).value = '无';
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

test('the unit downloads its progress sheet, a wrong cell refuses the whole upload by row and column, the corrected sheet updates the reports (phone width)', async () => {
  const reporter = await page(PHONE);
  await login(reporter, DEMO.reporter.username, DEMO.reporter.password);
  await reporter.goto('/todo');
  const sheet = reporter.getByTestId('progress-sheet');
  const [download] = await Promise.all([reporter.waitForEvent('download'), sheet.getByRole('link', { name: /下载进度填报表/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/进度填报表\.xlsx$/);
  const downloaded = join(tmp, 'sheet.xlsx');
  await download.saveAs(downloaded);

  // 150 % is refused: nothing is saved, and the message names the row and the column.
  const bad = await fillSheet(downloaded, 150);
  expect(bad.rows).toBeGreaterThan(0);
  writeFileSync(join(tmp, 'bad.xlsx'), bad.bytes);
  await sheet.getByTestId('sheet-input').setInputFiles(join(tmp, 'bad.xlsx'));
  const problems = sheet.getByTestId('sheet-problems');
  await problems.waitFor();
  expect(await problems.textContent()).toContain('本次上传未保存任何内容');
  const error = sheet.getByTestId('sheet-error').first();
  expect(await error.textContent()).toMatch(/^3[A-Z]完成比例\(%\)第3行“完成比例”为150，超出范围/);

  const good = await fillSheet(downloaded, 60);
  writeFileSync(join(tmp, 'good.xlsx'), good.bytes);
  await sheet.getByTestId('sheet-input').setInputFiles(join(tmp, 'good.xlsx'));
  await sheet.getByRole('status').getByText(`已保存 ${good.rows} 项填报草稿`, { exact: false }).waitFor();
  expect(await sheet.getByTestId('sheet-problems').count()).toBe(0);

  // The report form shows what came in from the sheet, as a draft still to submit.
  await openSlot(reporter, TASK2, '填报任务', '草稿');
  await poll(() => reporter.getByLabel('已完成工作').inputValue()).toMatch(/^表格批量填报：第\d行，线路招标文件已挂网。$/);
  expect(await status(reporter).textContent()).toBe('草稿');
  await screenshot(reporter, 'report-progress-sheet-phone');
});

test('a 督办单 downloads as a Word document where the coordinator supervises', async () => {
  const coordinator = await page();
  await login(coordinator, DEMO.coordinator.username, DEMO.coordinator.password);
  await coordinator.getByRole('menuitem', { name: '督查督办' }).click();
  await coordinator.getByRole('tab', { name: '督办单' }).click();
  const notice = coordinator.getByTestId('notice').filter({ hasText: '城际公交线路开通进度滞后' });
  const [download] = await Promise.all([coordinator.waitForEvent('download'), notice.getByRole('link', { name: '下载督办单（Word）' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^督办单-.+\.docx$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  // Reminders have no Word form.
  expect(await coordinator.getByTestId('notice').filter({ hasText: '请按退回意见尽快补充完善进展报告' }).getByRole('link', { name: '下载督办单（Word）' }).count()).toBe(0);
});

test('a stale save says what changed, keeps what was typed, and lets the user keep it', async () => {
  const a = await page();
  const b = await page();
  for (const p of [a, b]) {
    await login(p, DEMO.reporter.username, DEMO.reporter.password);
    await openSlot(p, TASK2, '填报任务', '草稿');
    await poll(() => p.getByLabel('已完成工作').inputValue()).toContain('表格批量填报');
  }
  // A colleague saves first.
  await b.getByLabel('已完成工作').fill('同事填写：城际公交线路招标已完成。');
  await b.getByText(/草稿已自动保存/).waitFor();
  // This reporter's save is stale: the screen explains it, shows the newer text and keeps theirs.
  const mine = '我的填写：开标时间定于12月5日，鄂州线先行开通。';
  await a.getByLabel('已完成工作').fill(mine);
  const alert = a.getByRole('alert').filter({ hasText: '内容已被他人更新' });
  await alert.waitFor();
  await alert.getByText('同事填写：城际公交线路招标已完成。').waitFor();
  expect(await alert.getByTestId('stale-changed').textContent()).toContain('已完成工作');
  expect(await a.getByLabel('已完成工作').inputValue()).toBe(mine);
  await alert.getByRole('button', { name: '保留我的内容并覆盖' }).click();
  await a.getByText(/草稿已自动保存/).waitFor();
  await b.reload();
  await poll(() => b.getByLabel('已完成工作').inputValue()).toBe(mine);
});
