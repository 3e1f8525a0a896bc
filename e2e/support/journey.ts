/**
 * What the journeys share: one server (demo data on) and one Chromium per journey file, a signed-in
 * page, and the review steps every import journey takes (upload a file for review; confirm the
 * names the directory does not know and publish).
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, login, newContext, startServer, type RunningServer } from './harness';

export interface Account {
  username: string;
  password: string;
}

export interface Journey {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new page (1366×768, zh-CN, Asia/Shanghai) signed in through the login form. */
  signedIn: (account: Account) => Promise<Page>;
}

/**
 * Starts the server and the browser before the file's tests and stops both after them.
 * @param opts.beforeStart e.g. accounts added through the CLI before the server starts
 */
export function useJourney(opts: { beforeStart?: (env: NodeJS.ProcessEnv) => void } = {}): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(what: T | undefined): T => {
    if (what === undefined) throw new Error('the journey has not started: call useJourney() at the top of the file and use it inside a test');
    return what;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async signedIn(account) {
      const page = await (await newContext(started(browser), started(server).url)).newPage();
      await login(page, account.username, account.password);
      return page;
    },
  };
}

/** From the menu, uploads a file on 规划导入与校核 and waits for its review screen. */
export async function uploadForReview(page: Page, file: string): Promise<void> {
  await page.getByRole('menuitem', { name: '规划导入与校核' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '识别' }).click();
  await page.waitForURL(/\/import\/[0-9a-f-]{36}$/, { timeout: 90_000 });
}

/**
 * On the review screen: confirms the unit names the directory does not know yet (when there are
 * any), publishes (发布并交办), and waits for the published plan's overview.
 */
export async function confirmUnitsAndPublish(page: Page): Promise<void> {
  const confirmAll = page.getByRole('button', { name: '全部确认为新单位' });
  if (await confirmAll.isVisible()) {
    await confirmAll.click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.getByText('待确认的单位名称').waitFor({ state: 'detached', timeout: 60_000 });
  }
  await page.getByRole('button', { name: '发布并交办' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '发布并交办' }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/, { timeout: 60_000 });
}

/** Clicks and waits for the browser's download; returns its suggested name and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}
