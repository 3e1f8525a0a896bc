// Journey 5: without signing in, the public page shows the published plans with their tasks' state, and open data.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { DEMO_PLAN_TITLE } from './support/accounts';
import { newContext, screenshot } from './support/harness';
import { useJourney } from './support/journey';

const journey = useJourney();

test('the public page shows published plans, their tasks and open data without login', async () => {
  const context = await newContext(journey.browser, journey.server.url);
  const page = await context.newPage();
  await page.goto('/public');
  expect(new URL(page.url()).pathname).toBe('/public');
  await page.getByRole('heading', { name: '公开信息' }).waitFor();
  await page.getByRole('heading', { name: DEMO_PLAN_TITLE }).waitFor();

  const rows = page.getByTestId('public-task');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(9);
  const first = (await rows.first().textContent()) ?? '';
  expect(first).toContain('推进城市圈环线高速公路建设');
  expect(first).toContain('武汉市交通运输局');
  expect(first).toContain('已交办');

  // Open data: the CSV has one line per task, readable by Excel (UTF-8 with BOM).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.trim().split('\r\n')).toHaveLength(10);
  expect(csv).toContain('推进城市圈环线高速公路建设');

  // Nothing here needed a session.
  expect((await context.cookies()).some((c) => c.name === 'xt_session')).toBe(false);
  await screenshot(page, '5-public');
});
