// Journey 1: a coordinator imports the Wuhan work plan (seed 002), corrects a unit, and publishes.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { addCoordinator, COORDINATOR } from './support/accounts';
import { ROOT, screenshot } from './support/harness';
import { confirmUnitsAndPublish, uploadForReview, useJourney } from './support/journey';

const SEED = join(ROOT, '..', 'shared', 'seeds', '002_40f578ca70fc5b5d.txt');

const journey = useJourney({ beforeStart: addCoordinator });

test('coordinator imports seed 002, corrects a unit and publishes', async () => {
  const page = await journey.signedIn(COORDINATOR);
  await uploadForReview(page, SEED);
  await page.getByRole('heading', { name: '市政协十四届一次会议1号建议案办理工作方案' }).waitFor();

  // The review shows the original text with the recognised units highlighted, beside the outline.
  const text = page.getByTestId('review-text');
  await text.locator('mark.hl-unit', { hasText: '市委宣传部' }).first().waitFor();
  await page.getByTestId('review-outline').getByText('工作任务').first().waitFor();

  // Selecting a task in the table shows it in the outline and highlights it in the text.
  const row = page.locator('.ant-table-row', { hasText: '建立健全宣传发声机制' });
  await row.click();
  await page.getByTestId('review-outline').locator('.ant-tree-node-selected', { hasText: '建立健全宣传发声机制' }).waitFor();
  await text.locator('mark.hl-active', { hasText: '建立健全宣传发声机制' }).first().waitFor();

  // Correct a unit: task 二/（一）/3 names 长报集团; the coordinator replaces it with 市委组织部 from the directory.
  await row.getByRole('button', { name: '修改' }).click();
  const dialog = page.getByRole('dialog');
  const unitRow = dialog.locator('div', { has: page.getByText('识别为：长报集团') }).last();
  await unitRow.getByRole('combobox', { name: '单位' }).click();
  await unitRow.getByRole('combobox', { name: '单位' }).fill('市委组织部');
  await page.locator('.ant-select-dropdown:visible').getByText('市委组织部', { exact: true }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => row.textContent()).toContain('市委组织部');
  expect(await row.textContent()).not.toContain('长报集团');

  // Names the directory does not know yet are confirmed before publishing.
  await confirmUnitsAndPublish(page);
  await page.getByRole('heading', { name: '市政协十四届一次会议1号建议案办理工作方案' }).waitFor();
  await page.getByRole('tab', { name: '责任矩阵' }).waitFor();
  const published = page.locator('.ant-tree-treenode', { hasText: '建立健全宣传发声机制' });
  await published.waitFor();
  expect(await published.textContent()).toContain('市委组织部');
  expect(await published.textContent()).not.toContain('长报集团');
  await screenshot(page, '1-import-publish');
});
