// The coordinator imports a revised version of a published plan: the review shows what the revision
// adds, removes and changes before anything is applied; applying it updates the published plan.
import { expect, test } from 'vitest';
import { DEMO, DEMO_PLAN_TITLE } from './support/accounts';
import { screenshot } from './support/harness';
import { useJourney } from './support/journey';

const journey = useJourney();

const REMOVED = '组织城市圈职业院校联合招生和实训基地共享';
const ADDED = '10.建设城市圈公共数据共享交换通道，年内接入各市政务数据目录。（牵头单位：市政务服务大数据局；责任单位：市经信局；完成时限：2026年12月底）';

test('a revised document shows its differences against the published plan, then is applied', async () => {
  const page = await journey.signedIn(DEMO.coordinator);

  // The published demo plan's text, revised: one task dropped, one deadline moved, one task added.
  const list = (await (await page.request.get('/api/plans?status=published')).json()) as { items: { id: string; title: string }[] };
  const published = list.items.find((p) => p.title === DEMO_PLAN_TITLE)!;
  const { text } = (await (await page.request.get(`/api/plans/${published.id}/text`)).json()) as { text: string };
  const revised = text
    .split('\n')
    .filter((l) => !l.includes(REMOVED))
    .map((l) => (l.startsWith('2.优化城际公交线路') ? l.replace('2026年6月底', '2026年9月底') : l))
    .map((l) => (l.startsWith('9.建立跨界河湖联合巡查机制') ? `${l}\n${ADDED}` : l))
    .join('\n');
  expect(revised).not.toBe(text);

  await page.getByRole('menuitem', { name: '规划导入与校核' }).click();
  await page.getByRole('tab', { name: '粘贴文本' }).click();
  await page.getByLabel('文件名').fill('演示清单（修订）.txt');
  await page.getByRole('textbox', { name: '粘贴文本' }).fill(revised);
  // The coordinator names the plan this document revises.
  await page.getByRole('combobox', { name: '修订已发布的规划（可选）' }).click();
  await page.locator('.ant-select-dropdown:visible').getByText(DEMO_PLAN_TITLE, { exact: false }).first().click();
  await page.getByRole('button', { name: '识别' }).click();
  await page.waitForURL(/\/import\/[0-9a-f-]{36}$/, { timeout: 60_000 });

  // The differences, before they are applied.
  const diff = page.getByRole('region', { name: '与已发布版本的差异' });
  await diff.waitFor();
  await diff.getByText(`与已发布的《${DEMO_PLAN_TITLE}》相比`).waitFor();
  const added = diff.locator('div', { has: page.getByText('新增', { exact: true }) }).filter({ hasText: '建设城市圈公共数据共享交换通道' });
  await added.first().waitFor();
  expect(await added.first().textContent()).toContain('武汉市政务服务和大数据管理局');
  await diff.locator('div', { has: page.getByText('删除', { exact: true }) }).filter({ hasText: REMOVED }).first().waitFor();
  const changed = diff.locator('div', { has: page.getByText('修改', { exact: true }) }).filter({ hasText: '2026-09-30' });
  await changed.first().waitFor();
  expect(await changed.first().textContent()).toContain('2026-06-30');
  await diff.getByText('7 项任务未变化').waitFor();
  // The published plan is untouched until the coordinator applies the revision.
  const before = (await (await page.request.get(`/api/plans/${published.id}`)).json()) as { tasks: { text: string }[] };
  expect(before.tasks.some((x) => x.text.includes('建设城市圈公共数据共享交换通道'))).toBe(false);

  // Among the drafts, the revision is marked as one.
  const reviewUrl = page.url();
  await page.getByRole('menuitem', { name: '规划导入与校核' }).click();
  await page.locator('.ant-table-row', { hasText: DEMO_PLAN_TITLE }).getByText('修订稿').waitFor();
  await page.goto(reviewUrl);
  await diff.waitFor();

  await diff.getByRole('button', { name: '应用修订' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '应用修订' }).click();
  await page.waitForURL(new RegExp(`/plans/${published.id}$`), { timeout: 60_000 });
  await page.getByRole('heading', { name: DEMO_PLAN_TITLE }).waitFor();
  await page.locator('.ant-tree-treenode', { hasText: '建设城市圈公共数据共享交换通道' }).waitFor();
  // The dropped task is cancelled (its history kept) and no longer listed in the plan.
  expect(await page.locator('.ant-tree-treenode', { hasText: REMOVED }).count()).toBe(0);
  const after = (await (await page.request.get(`/api/plans/${published.id}`)).json()) as {
    tasks: { text: string; status: string; deadlineDate: string | null }[];
  };
  expect(after.tasks.find((x) => x.text.startsWith('优化城际公交线路'))?.deadlineDate).toBe('2026-09-30');
  expect(after.tasks.find((x) => x.text.startsWith(REMOVED))?.status ?? 'cancelled').toBe('cancelled');
  await screenshot(page, 'review-revision');
});
