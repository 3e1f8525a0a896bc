#!/usr/bin/env node
// The web app at region scale (issue 6), in Debian's headless Chromium against the BUILT server
// and the built web app (packages/web/dist):
//
//   node bench/web.mjs [--data bench/.data/region-pglite] [--runs 5] [--record]
//   node bench/web.mjs --db postgres --url postgres://…/region --data bench/.data/region-postgres
//
// 1. First-route JavaScript: from an empty cache, the JS the browser loads for the login route
//    (/login until the form is drawn and the network is idle) and for the plan overview
//    (/plans/:id of a 1,000-task plan, signed in): every script response, its size as sent and
//    gzipped here (zlib level 6 — the server itself sends them uncompressed; a proxy in front
//    would compress them).
// 2. Time until the overview is interactive, from an empty cache per load (a new browser context):
//    navigation start → the plan's outline or task rows are drawn AND the main thread has had no
//    long task (≥ 50 ms, PerformanceObserver 'longtask') for 1 s after them; TTI = the later of
//    "content drawn" and the end of the last long task before that quiet second. Also reported:
//    first contentful paint, content drawn, total blocking time (sum of long tasks beyond 50 ms).
// Medians of --runs loads. `--record` appends a section to bench/BENCHMARKS.md.
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/server.mjs';
import { median, startServer } from './lib/http.mjs';
import { cloneDatabase, dropDatabase, databaseOf } from './lib/pg.mjs';

const { values: o } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    data: { type: 'string' },
    url: { type: 'string' },
    runs: { type: 'string', default: '5' },
    record: { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
  },
});
const CHROMIUM = '/usr/bin/chromium';
// The flags of the browser journeys (e2e/support/harness.ts).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WEB_DIST = join(ROOT, 'packages/web/dist');
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} 不存在：请安装 Debian 的 chromium（apt-get install chromium）。`);
if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('packages/web/dist 不存在：请先运行 npm run build。');
const dataDir = o.data ?? join(ROOT, `bench/.data/region-${o.db}`);
const url = o.url ?? process.env.DATABASE_URL ?? null;
if (!existsSync(join(dataDir, 'manifest.json')))
  throw new Error(`${dataDir} 中没有生成的数据：请先运行 node bench/generate.mjs --size region --db ${o.db}。`);
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));
const RUNS = Number(o.runs);
const planId = manifest.planIds[0];
const loadBefore = loadavg();

let work = null;
let runUrl = null;
if (o.db === 'pglite') {
  work = mkdtempSync(join(tmpdir(), 'xietong-web-'));
  cpSync(join(dataDir, 'pglite'), join(work, 'pglite'), { recursive: true });
} else {
  runUrl = (await cloneDatabase(url, `${databaseOf(url)}_web`)).url;
}
const server = await startServer({ dataDir: work, url: runUrl, extraEnv: { XIETONG_WEB_DIST: WEB_DIST } });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

const newContext = () =>
  browser.newContext({
    baseURL: server.base,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });

/** Every script the page loads while `go` runs: name, bytes as sent, gzipped bytes. */
async function scriptsOf(page, go) {
  const seen = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') seen.push(res);
  });
  await go(page);
  await page.waitForLoadState('networkidle');
  const out = [];
  for (const res of seen) {
    const body = await res.body();
    out.push({ name: basename(new URL(res.url()).pathname), bytes: body.length, gzip: gzipSync(body, { level: 6 }).length });
  }
  return out.sort((a, b) => b.gzip - a.gzip);
}

async function signIn(context) {
  const r = await context.request.post('/api/session', {
    data: { username: 'bench-leader', password: manifest.password },
  });
  if (r.status() !== 200) throw new Error(`sign-in: ${r.status()} ${await r.text()}`);
}

// Long tasks and paints, recorded from the very start of every document.
const OBSERVE = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
};
const CONTENT = '.ant-tree-treenode:not([aria-hidden="true"]), .ant-table-row';

async function overviewLoad() {
  const context = await newContext();
  try {
    await context.addInitScript(OBSERVE);
    await signIn(context);
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`/plans/${planId}`, { waitUntil: 'commit' });
    const contentAt = await page
      .waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : 0), CONTENT, {
        polling: 'raf',
      })
      .then((h) => h.jsonValue());
    // Wait for a quiet second after the content (no long task starting within it).
    const result = await page.waitForFunction(
      (content) => {
        const ends = window.__longTasks.map((t) => t.end);
        const quietSince = Math.max(content, ...ends);
        if (performance.now() - quietSince < 1000) return null;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
        const blocking = window.__longTasks.reduce((s, t) => s + Math.max(0, t.end - t.start - 50), 0);
        return { tti: quietSince, content, fcp, blocking, longTasks: window.__longTasks.length };
      },
      contentAt,
      { polling: 100 },
    );
    return await result.jsonValue();
  } finally {
    await context.close();
  }
}

try {
  // 1. First-route JavaScript, empty cache each.
  let context = await newContext();
  const loginScripts = await scriptsOf(await context.newPage(), async (page) => {
    await page.goto('/login');
    await page.getByLabel('用户名').waitFor();
  });
  await context.close();
  context = await newContext();
  await signIn(context);
  const overviewScripts = await scriptsOf(await context.newPage(), async (page) => {
    await page.goto(`/plans/${planId}`);
    await page.locator(CONTENT).first().waitFor({ timeout: 120_000 });
  });
  await context.close();
  const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
  const kb = (n) => Math.round(n / 102.4) / 10;

  // 2. Time to interactive of the overview (one warm-up load first: the server's caches and the
  //    plan's memoised parts, as on a working day; the browser cache is empty every time).
  await overviewLoad();
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    loads.push(await overviewLoad());
    console.log(JSON.stringify(loads.at(-1)));
  }
  const med = (k) => Math.round(median(loads.map((l) => l[k])));
  const loadAfter = loadavg();

  const lines = [
    `## web · ${manifest.size} · ${o.db} · ${new Date().toISOString()}`,
    '',
    `Command: \`node bench/web.mjs --db ${o.db}${o.db === 'postgres' ? ' --url …' : ''} --runs ${RUNS}\`${o.note ? ` — ${o.note}` : ''}`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}, Chromium ${browser.version()} headless (flags of e2e/support/harness.ts), 1366×768; \`free -g\`: ${execSync('free -g').toString().split('\n')[1]?.replace(/\s+/g, ' ')}`,
    `Load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
    `Data: ${JSON.stringify(manifest.counts)} (fingerprint ${manifest.fingerprint}); overview of plan ${planId} (${Math.round(manifest.counts.tasks / manifest.planIds.length).toLocaleString('en')} tasks) as bench-leader`,
    '',
    '| first-route JavaScript (empty cache) | files | as sent | gzipped (level 6) |',
    '|---|---|---|---|',
    `| login route (/login) | ${loginScripts.length} | ${kb(sum(loginScripts, 'bytes'))} KB | **${kb(sum(loginScripts, 'gzip'))} KB** |`,
    `| plan overview (/plans/:id, signed in) | ${overviewScripts.length} | ${kb(sum(overviewScripts, 'bytes'))} KB | **${kb(sum(overviewScripts, 'gzip'))} KB** |`,
    '',
    `Largest on the overview (gzipped): ${overviewScripts
      .slice(0, 5)
      .map((s) => `${s.name} ${kb(s.gzip)} KB`)
      .join(', ')}.`,
    '',
    `| plan overview, empty cache, medians of ${RUNS} loads | ms |`,
    '|---|---|',
    `| first contentful paint | ${med('fcp')} |`,
    `| outline/task rows drawn | ${med('content')} |`,
    `| **interactive** (rows drawn and no long task for 1 s) | **${med('tti')}** |`,
    `| total blocking time (long tasks beyond 50 ms) | ${med('blocking')} |`,
    '',
    `Per load: interactive ${loads.map((l) => Math.round(l.tti)).join(' / ')} ms; long tasks ${loads.map((l) => l.longTasks).join(' / ')}.`,
    '',
  ];
  console.log(lines.join('\n'));
  if (o.record) appendFileSync(join(ROOT, 'bench/BENCHMARKS.md'), `${lines.join('\n')}\n`);
} finally {
  await browser.close();
  await server.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  if (runUrl) await dropDatabase(runUrl);
}
