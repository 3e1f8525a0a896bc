/**
 * Browser journeys run the real, built platform: `node packages/server/dist/cli/main.js serve`
 * on a free port with a fresh data directory (demo data on), and Debian's Chromium driven by
 * playwright-core. Nothing is built here: `npm install` builds packages/*\/dist and the web app.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';
const SERVER_MAIN = join(ROOT, 'packages', 'server', 'dist', 'cli', 'main.js');
const WEB_INDEX = join(ROOT, 'packages', 'web', 'dist', 'index.html');


function requireFile(path: string, hint: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Start the compiled server with demo data on a fresh data directory; resolves once /api/health answers. */
export async function startServer(opts: { beforeStart?: (env: NodeJS.ProcessEnv) => void } = {}): Promise<RunningServer> {
  try {
    return await startServerOnce(opts);
  } catch (e) {
    // A server killed by a signal before it answered (e.g. the machine reclaiming memory) is
    // started once more; a server that exits on its own with an error code fails at once.
    if (e instanceof Error && /killed by signal/.test(e.message)) return startServerOnce(opts);
    throw e;
  }
}

async function startServerOnce(opts: { beforeStart?: (env: NodeJS.ProcessEnv) => void }): Promise<RunningServer> {
  requireFile(SERVER_MAIN, 'run `npm install` (or `npx tsc -b packages/shared packages/parser packages/server`) first');
  requireFile(WEB_INDEX, 'run `npm install` (or `npm run build -w @xietong/web`) first');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'xietong-e2e-'));
  let log = '';
  // The journeys run on the embedded database in a fresh directory, even where CI sets DATABASE_URL.
  const { DATABASE_URL: _unused, ...baseEnv } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    XIETONG_WEB_DIST: join(ROOT, 'packages', 'web', 'dist'),
    XIETONG_DATA_DIR: dataDir,
    XIETONG_DEMO: '1',
    NODE_ENV: 'production',
  };
  // E.g. extra accounts through the CLI: the embedded database is used by one process at a time.
  opts.beforeStart?.(env);
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN, 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  let exited = null as number | null;
  let signal = null as string | null;
  child.on('exit', (code, sig) => {
    exited = code ?? -1;
    signal = sig;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(signal ? `server killed by signal ${signal} before it was healthy:\n${log}` : `server exited with ${exited} before it was healthy:\n${log}`);
    }
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy after 120 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    output: () => log,
    stop: async () => {
      if (exited === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Run the CLI against a server's environment (before it starts: PGlite is single-process). */
export function cli(env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync(process.execPath, [SERVER_MAIN, ...args], { env, cwd: ROOT, encoding: 'utf8' });
}

/** Debian's Chromium, headless; fails loudly when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser journeys`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newContext(browser: Browser, baseURL: string, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  ctx.setDefaultTimeout(20_000);
  return ctx;
}

/** Sign in through the login form, as a person would. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function logout(page: Page): Promise<void> {
  await page.context().clearCookies();
}

/** Save the journey's final screen under e2e/screenshots/ (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // A full-page capture of a 10,000-task overview can take long on a busy machine.
  await page.screenshot({ path, fullPage: true, timeout: 90_000 });
  return path;
}
