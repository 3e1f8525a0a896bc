// A 10,000-task plan on the plan overview: the tree, the task list and the responsibility matrix
// draw only what is in view (the number of rendered rows stays bounded), and the last task is
// reached by scrolling.
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO } from './support/accounts';
import { screenshot } from './support/harness';
import { useJourney } from './support/journey';

const TASKS = 10_000;
const PER_SECTION = 100;
const UNITS = ['市发改委', '市财政局', '市经信局', '市科技局', '市交通运输局', '市商务局', '市教育局', '市水务局'];

/** A work plan in the usual shape: 100 sections of 100 numbered tasks, each with its units. */
function largePlanText(): string {
  const lines = ['武汉市人民政府办公厅关于印发大规模测试工作方案的通知', '大规模测试工作方案', '一、重点任务'];
  for (let i = 0; i < TASKS; i++) {
    if (i % PER_SECTION === 0) lines.push(`（${i / PER_SECTION + 1}）第${i / PER_SECTION + 1}组任务`);
    const lead = UNITS[i % UNITS.length]!;
    const resp = UNITS[(i + 3) % UNITS.length]!;
    lines.push(`${(i % PER_SECTION) + 1}.推进第${i + 1}号重点工作落实。（牵头单位：${lead}；责任单位：${resp}）`);
  }
  return lines.join('\n');
}

const journey = useJourney();

async function importText(page: Page, text: string): Promise<string> {
  const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/plans/import', {
    data: { filename: '大规模测试工作方案.txt', text },
    headers: { 'x-csrf-token': session.csrfToken },
    timeout: 300_000,
  });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { id: string; tasks: unknown[] };
  expect(body.tasks).toHaveLength(TASKS);
  return body.id;
}

/**
 * Scrolls a virtual list to its end until `last` is drawn: the list measures the rows it draws and
 * corrects its height, so one scroll to the estimated end may stop a row or two short.
 */
async function scrollToEnd(holder: Locator, last: Locator): Promise<void> {
  await expect
    .poll(async () => {
      await holder.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      return last.isVisible();
    })
    .toBe(true);
}

test('the overview of a 10,000-task plan renders a bounded number of rows in the tree, the list and the matrix', async () => {
  const page = await journey.signedIn(DEMO.coordinator);
  const id = await importText(page, largePlanText());

  await page.goto(`/plans/${id}`);
  await page.getByRole('heading', { name: '大规模测试工作方案' }).waitFor({ timeout: 60_000 });
  const treeNodes = page.locator('.ant-tree-treenode');
  await page.locator('.ant-tree-treenode', { hasText: '推进第1号重点工作落实' }).waitFor({ timeout: 60_000 });
  // 10,100 nodes in all (100 headings and 10,000 tasks); the tree draws those in view.
  expect(await treeNodes.count()).toBeLessThan(200);

  await page.getByRole('tab', { name: '任务列表' }).click();
  const rows = page.locator('.ant-table-row');
  await rows.first().waitFor();
  await page.locator('.ant-table-footer', { hasText: `共 ${TASKS} 条` }).waitFor();
  expect(await rows.count()).toBeLessThan(200);
  // Scrolling to the end brings the last task into view, still with a bounded number of rows.
  const body = page.locator('[role=tabpanel]:visible .ant-table-tbody-virtual-holder');
  await scrollToEnd(body, page.locator('.ant-table-row', { hasText: '推进第10000号重点工作落实' }));
  expect(await rows.count()).toBeLessThan(200);

  // The matrix of a large plan has a row per task and a column per unit: rows stay bounded too.
  await page.getByRole('tab', { name: '责任矩阵' }).click();
  const matrix = page.locator('[role=tabpanel]:visible');
  await matrix.getByText('任务较多（10000 项）').waitFor();
  const matrixRows = matrix.locator('.ant-table-row');
  await matrixRows.first().waitFor();
  expect(await matrixRows.count()).toBeLessThan(200);
  expect(await matrix.locator('.ant-table-thead th').count()).toBe(UNITS.length + 1);
  await screenshot(page, 'plan-large');

  // The review of the same draft: the outline of 10,100 nodes draws those in view, and selecting
  // the last task in the table brings it into view on both sides.
  await page.goto(`/import/${id}`);
  const text = page.getByTestId('review-text');
  await text.locator('mark.hl-task').first().waitFor({ timeout: 120_000 });
  const outline = page.getByTestId('review-outline');
  await outline.locator('.ant-tree-treenode', { hasText: '第1组任务' }).first().waitFor();
  expect(await outline.locator('.ant-tree-treenode').count()).toBeLessThan(300);
  const last = page.locator('.ant-table-row', { hasText: '推进第10000号重点工作落实' });
  await scrollToEnd(page.locator('.ant-table-tbody-virtual-holder'), last);
  await last.click();
  await outline.locator('.ant-tree-node-selected', { hasText: '推进第10000号重点工作落实' }).waitFor();
  await text.locator('mark.hl-active', { hasText: '推进第10000号重点工作落实' }).first().waitFor();
  await screenshot(page, 'review-large');
}, 400_000);
