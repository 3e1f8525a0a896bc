// Journeys 2 and 3: a reporter of the responsible unit fills and submits a report on a phone;
// the coordinator returns it with a reason, the reporter resubmits, the coordinator accepts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { launchBrowser, login, newContext, screenshot, startServer, type RunningServer } from './support/harness';

const TASK = '推进城市圈环线高速公路建设';
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;
let reporter: Page;
let coordinator: Page;
let reportUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  reporter = await (await newContext(browser, server.url, PHONE)).newPage();
  coordinator = await (await newContext(browser, server.url)).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const status = (page: Page) => page.getByTestId('report-status');

test('a reporter of the responsible unit fills and submits a report (phone width)', async () => {
  await login(reporter, DEMO.reporter.username, DEMO.reporter.password);
  // The workbench lists the unit's due reports with their deadlines.
  const due = reporter.locator('#inbox-report_due');
  await due.getByText(TASK).waitFor();
  await due.locator('div', { hasText: TASK }).getByRole('button', { name: '去填报' }).last().click();
  await reporter.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  reportUrl = new URL(reporter.url()).pathname;
  await expect.poll(() => status(reporter).textContent()).toBe('待填报');

  await reporter.getByLabel('办理状态').click();
  await reporter.locator('.ant-select-dropdown:visible').getByText('推进中', { exact: true }).click();
  await reporter.getByLabel('完成进度（%）').fill('60');
  await reporter.getByLabel('已完成工作').fill('完成两个断头路项目的施工招标，主体工程已开工，累计完成投资2.1亿元。');
  await reporter.getByLabel('存在问题').fill('部分路段征地拆迁进度偏慢。');
  await reporter.getByLabel('下步打算').fill('协调新洲区、江夏区加快征迁，确保年底前主体完工。');
  // Drafts save themselves while the reporter types.
  await reporter.getByText(/草稿已自动保存/).waitFor();

  await reporter.getByRole('button', { name: '报送' }).click();
  await expect.poll(() => status(reporter).textContent()).toBe('已报送');
  // What was submitted is what was typed, now shown as the submitted report.
  await reporter.getByTestId('report-content').getByText(/累计完成投资2\.1亿元/).waitFor();
  await screenshot(reporter, '2-report-submitted-phone');
});

test('the coordinator returns it with a reason, the reporter resubmits, the coordinator accepts', async () => {
  expect(reportUrl).not.toBe('');
  await login(coordinator, DEMO.coordinator.username, DEMO.coordinator.password);
  const reviews = coordinator.locator('#inbox-review');
  await reviews.getByText(TASK).waitFor();
  await reviews.locator('div', { hasText: TASK }).getByRole('button', { name: '去审核' }).last().click();
  await coordinator.waitForURL((u) => u.pathname === reportUrl);
  await expect.poll(() => status(coordinator).textContent()).toBe('已报送');

  // Return with a reason: the reason is required.
  await coordinator.getByRole('button', { name: '退回' }).click();
  const dialog = coordinator.getByRole('dialog');
  expect(await dialog.getByRole('button', { name: '退回' }).isDisabled()).toBe(true);
  await dialog.getByLabel('退回原因').fill('请补充征地拆迁涉及的具体路段和完成时间节点。');
  await dialog.getByRole('button', { name: '退回' }).click();
  await expect.poll(() => status(coordinator).textContent()).toBe('已退回');

  // The reporter sees the reason, revises and resubmits.
  await reporter.goto(reportUrl);
  await reporter.getByText('本报告被退回：请补充征地拆迁涉及的具体路段和完成时间节点。').waitFor();
  const done = reporter.getByLabel('已完成工作');
  // The form fills in from the returned report once it has loaded: wait for it, do not race it.
  await expect.poll(() => done.inputValue()).toContain('累计完成投资2.1亿元');
  await done.fill(`${await done.inputValue()}征迁涉及新洲区阳逻段、江夏区纸坊段，计划11月底前完成。`);
  await reporter.getByRole('button', { name: '报送' }).click();
  await expect.poll(() => status(reporter).textContent()).toBe('已报送');

  // The coordinator accepts the resubmitted report.
  await coordinator.reload();
  await coordinator.getByTestId('report-content').getByText(/征迁涉及新洲区阳逻段、江夏区纸坊段/).waitFor();
  await coordinator.getByRole('button', { name: '采纳', exact: true }).click();
  await expect.poll(() => status(coordinator).textContent()).toBe('已采纳');
  expect(await coordinator.getByRole('button', { name: '退回' }).count()).toBe(0);
  await screenshot(coordinator, '3-report-accepted');
});
