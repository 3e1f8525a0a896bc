#!/usr/bin/env node
// Gzipped JavaScript each route of the production build loads before it can render:
// the entry chunk and its static imports, plus the route's lazy screen chunk and its static imports.
// Usage: npm run build -w @xietong/web && node packages/web/scripts/bundle-size.mjs
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No build manifest at ${manifestPath}: run "npm run build -w @xietong/web" first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = new Map();
const gzipped = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return gz.get(file);
};

/** Files a chunk needs synchronously: itself and its static imports, recursively. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const k of chunk.imports ?? []) closure(k, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entry = closure(entryKey);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (files) => [...files].filter((f) => f.endsWith('.js')).reduce((s, f) => s + gzipped(f), 0);

const SHELL = 'src/app/Shell.tsx';
const routes = {
  '/login 登录': ['src/screens/LoginPage.tsx'],
  '/ 工作台': [SHELL, 'src/screens/WorkbenchPage.tsx'],
  '/todo 单位待办': [SHELL, 'src/screens/UnitTodoPage.tsx'],
  '/reports/:id 填报': [SHELL, 'src/screens/ReportPage.tsx'],
  '/plans 规划总览': [SHELL, 'src/screens/PlansPage.tsx'],
  '/public 公开': ['src/screens/PublicPage.tsx'],
  '/import/:id 校核': [SHELL, 'src/screens/DraftReviewPage.tsx'],
  '/indicators 指标': [SHELL, 'src/screens/IndicatorsPage.tsx'],
  '/map 地图': [SHELL, 'src/screens/MapPage.tsx'],
};
const rows = [];
for (const [route, screens] of Object.entries(routes)) {
  const files = new Set(entry);
  for (const s of screens) closure(s, files);
  rows.push([route, sum(files)]);
}
console.log('gzipped JS per route (level 9):');
for (const [r, n] of rows) console.log(`  ${r.padEnd(22)} ${kb(n)}`);
const first = Math.max(rows[0][1], rows[1][1], rows[5][1]);
console.log(`first route (largest of /login, / and /public): ${kb(first)} — goal ≤ 250 KB: ${first <= 250 * 1024 ? 'met' : 'NOT met'}`);
