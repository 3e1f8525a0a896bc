// Journey 6: the map colours the prefectures that carry tasks; clicking one opens its tasks and units.
import { expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { screenshot } from './support/harness';
import { useJourney } from './support/journey';

const journey = useJourney();

test('the map colours Wuhan by its tasks and lists them when clicked', async () => {
  const page = await journey.signedIn(DEMO.coordinator);
  await page.getByRole('menuitem', { name: '地图' }).click();

  // The demo plan's units are Wuhan's: Wuhan is coloured, with its task count ranked first.
  const ranking = page.getByTestId('city-ranking');
  await ranking.getByRole('button', { name: '武汉' }).waitFor();
  const first = (await ranking.locator('li').first().textContent()) ?? '';
  expect(first).toMatch(/^武汉\s*\d+$/);
  const count = Number(first.replace(/\D/g, ''));
  expect(count).toBeGreaterThan(0);

  // Every prefecture of the three provinces is drawn, each with its name.
  const map = page.getByTestId('region-map');
  for (const name of ['武汉', '长沙', '南昌', '恩施土家族苗族自治州']) await map.locator('svg text', { hasText: name }).first().waitFor();
  // Wuhan's shape is filled with the scale's strongest colour; the others keep the lightest.
  const fills = await map.locator('svg path[fill]').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
  expect(fills).toContain('rgb(16,35,158)');

  // Click Wuhan on the map: its tasks and units open beside it.
  await map.locator('svg text', { hasText: /^武汉$/ }).click();
  await page.getByRole('heading', { name: '武汉的任务与单位' }).waitFor();
  // The task table is virtualised: its footer counts every row.
  await page.locator('.ant-table-footer', { hasText: `共 ${count} 条` }).waitFor();
  expect(await page.locator('.ant-table-row').first().textContent()).toContain('武汉市');
  expect(page.url()).toContain('city=');
  await screenshot(page, '6-map');
});
