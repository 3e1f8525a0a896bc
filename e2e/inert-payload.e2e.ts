// Resilience (issue 6): script and markup stored through the API are shown as text in the web
// app — an imported plan's title and task, and a unit's report — never run, never turned into
// elements. (Generated Word and Excel files: packages/server/src/resilience/inert-payload.test.ts.)
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { login, newContext, screenshot } from './support/harness';
import { useJourney } from './support/journey';

const IMG = '<img src=x onerror="window.__xss=1;alert(1)">';
const SCRIPT = '<script>window.__xss=2;alert(2)</script>';
const PLAN_TEXT = `湖北省人民政府办公厅关于印发注入测试${IMG}工作方案的通知\n一、重点任务\n1.推进${SCRIPT}某项工作${IMG}。（牵头单位：市发改委）\n2.推进另一项工作。（责任单位：市发改委）\n`;
const REPORT_DONE = `完成了${SCRIPT}第一阶段${IMG}`;

const journey = useJourney();

/** Signs in through the API; returns the headers a script would send. */
async function apiSession(username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${journey.server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    cookie,
    'x-csrf-token': res.headers.get('x-csrf-token') ?? '',
    'content-type': 'application/json',
  };
}

/** A page that records every dialog (alert) and whether any payload ran. */
async function watchedPage(username: string, password: string): Promise<{ page: Page; dialogs: string[] }> {
  const page = await (await newContext(journey.browser, journey.server.url)).newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await login(page, username, password);
  return { page, dialogs };
}

async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script', { hasText: '__xss' }).count()).toBe(0);
}

test('stored <script> and <img onerror> are shown as text in the review screen and the report', async () => {
  const coordinator = await apiSession(DEMO.coordinator.username, DEMO.coordinator.password);
  const imported = await fetch(`${journey.server.url}/api/plans/import`, {
    method: 'POST',
    headers: coordinator,
    body: JSON.stringify({ filename: '注入测试.txt', text: PLAN_TEXT }),
  });
  expect(imported.status).toBe(201);
  const draft = (await imported.json()) as { id: string; tasks: { text: string }[] };
  expect(draft.tasks[0]!.text).toContain(SCRIPT);

  const reporter = await apiSession(DEMO.reporter.username, DEMO.reporter.password);
  const open = (await (await fetch(`${journey.server.url}/api/reports?open=true`, { headers: reporter })).json()) as {
    items: { id: string; version: number }[];
  };
  const slot = open.items[0]!;
  const saved = await fetch(`${journey.server.url}/api/reports/${slot.id}`, {
    method: 'PUT',
    headers: reporter,
    body: JSON.stringify({ version: slot.version, done: REPORT_DONE, problems: IMG }),
  });
  expect(saved.status).toBe(200);

  // The coordinator reviews the draft: the task text is there, literally.
  const review = await watchedPage(DEMO.coordinator.username, DEMO.coordinator.password);
  await review.page.goto(`/import/${draft.id}`);
  await review.page.getByText('window.__xss=2', { exact: false }).first().waitFor({ timeout: 60_000 });
  expect(await review.page.locator('body').innerText()).toContain(SCRIPT);
  await expectInert(review.page, review.dialogs);

  // The reporter opens the report: the saved text comes back into the form as text.
  const report = await watchedPage(DEMO.reporter.username, DEMO.reporter.password);
  await report.page.goto(`/reports/${slot.id}`);
  const done = report.page.locator('textarea').filter({ hasText: '第一阶段' }).first();
  await done.waitFor({ timeout: 60_000 });
  expect(await done.inputValue()).toBe(REPORT_DONE);
  await expectInert(report.page, report.dialogs);
  await screenshot(report.page, 'inert-payload');
});
