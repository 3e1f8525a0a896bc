// Journey 4: an overdue report turns its task red with the reason; the coordinator issues a
// 督办单 with a reply date; the unit replies; the coordinator sees the reply.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO, demoWithOverdueUnitReporter, OVERDUE_UNIT_REPORTER } from './support/accounts';
import { launchBrowser, login, newContext, screenshot, startServer, type RunningServer } from './support/harness';

const TASK = '推动光电子信息产业链上下游企业在圈内配套';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ beforeStart: demoWithOverdueUnitReporter });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an overdue task is red with its reason, a 督办单 is issued and the unit replies', async () => {
  const coordinator = await (await newContext(browser, server.url)).newPage();
  await login(coordinator, DEMO.coordinator.username, DEMO.coordinator.password);
  await coordinator.getByRole('menuitem', { name: '督查督办' }).click();

  // The overdue slot lit its task red, and the light says why.
  const row = coordinator.locator('.ant-table-row', { hasText: TASK });
  await row.waitFor();
  expect(await row.locator('[data-light]').getAttribute('data-light')).toBe('red');
  expect(await row.getByTestId('light-reasons').textContent()).toMatch(/逾期/);

  // Issue a red 督办单 with a reply date.
  await row.getByRole('button', { name: '督办' }).click();
  const dialog = coordinator.getByRole('dialog');
  // Click the visible labels (actionable: waits for the opening animation) and wait until the
  // choice is checked — a forced click on the hidden input could be lost under load.
  await dialog.locator('label.ant-radio-button-wrapper', { hasText: /^督办单$/ }).click();
  await dialog.locator('input[type=radio][value=notice]:checked').waitFor({ state: 'attached' });
  await dialog.locator('label.ant-radio-wrapper', { hasText: '红色督办单' }).click();
  await dialog.locator('input[type=radio][value=red]:checked').waitFor({ state: 'attached' });
  await dialog.getByLabel('督办事项').fill('该任务进展报告逾期未报，请于回复期限前报送进展情况、滞后原因和整改措施。');
  await dialog.getByRole('button', { name: '督办' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await coordinator.getByRole('tab', { name: '督办单' }).click();
  const notice = coordinator.getByTestId('notice').filter({ hasText: '滞后原因和整改措施' });
  await notice.waitFor();
  expect(await notice.textContent()).toContain('红色督办单');
  expect(await notice.textContent()).toContain('待回复');
  expect(await notice.textContent()).toMatch(/回复期限：\d{4}-\d{2}-\d{2}/);

  // The unit sees the notice among its work and replies.
  const unit = await (await newContext(browser, server.url)).newPage();
  await login(unit, OVERDUE_UNIT_REPORTER.username, OVERDUE_UNIT_REPORTER.password);
  const notices = unit.locator('#inbox-notice');
  await notices.getByText(/滞后原因和整改措施/).first().waitFor();
  await notices.getByRole('button', { name: '去回复' }).first().click();
  await unit.waitForURL(/\/tasks\/[0-9a-f-]{36}/);
  const mine = unit.getByTestId('notice').filter({ hasText: '滞后原因和整改措施' });
  await mine.getByLabel('回复').fill('已于本周补报10月进展；滞后原因是产业链对接活动场地调整，11月将连续组织两场对接活动。');
  await mine.getByRole('button', { name: '提交回复' }).click();
  await mine.getByText('已回复').waitFor();

  // The coordinator sees the reply.
  await coordinator.reload();
  await coordinator.getByRole('tab', { name: '督办单' }).click();
  const replied = coordinator.getByTestId('notice').filter({ hasText: '滞后原因和整改措施' });
  await replied.getByText(/产业链对接活动场地调整/).waitFor();
  expect(await replied.textContent()).toContain('已回复');
  await screenshot(coordinator, '4-supervision-reply');
});
