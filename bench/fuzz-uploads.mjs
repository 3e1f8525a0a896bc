#!/usr/bin/env node
// Hostile uploads against the BUILT server, heavy form (issue 6; the short form is
// packages/server/src/resilience/hostile-upload.test.ts):
//
//   node bench/fuzz-uploads.mjs [--bomb-mb 1500] [--rows 1000000]
//
// Starts `xietong serve` on an empty temp data dir with one coordinator, then uploads through
// POST /api/plans/import, one at a time: a DOCX whose document.xml inflates to --bomb-mb MB (zip
// directory honest, then lying: it claims 1 KB), an XLSX with --rows rows (honest) and with 5×
// that many behind a lying directory, a file over the size limit, a PDF without text, binary data.
// For each: status, code, Chinese message, time, and the server's resident memory (VmRSS) before
// and its peak (VmHWM) — read from /proc, so it is the server's own memory. Afterwards: the server
// still answers, and no plan was imported. Exit code 1 when an upload is not a Chinese 4xx, the
// server died, something was imported, or its peak memory grew by more than 300 MB (FINDINGS R1).
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, serverEnv } from './lib/spawn-env.mjs';
import { httpClient, rssOf, spawnServer } from './lib/http.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(ROOT, 'packages/server/dist/cli/main.js');
// The same hostile files as the short form (packages/server/src/resilience/hostile-files.ts), built.
const { binaryNoise, docxBomb, pdfWithoutText, xlsxRows } = await import(
  join(ROOT, 'packages/server/dist/resilience/hostile-files.js')
);
const { values: o } = parseArgs({
  options: { 'bomb-mb': { type: 'string', default: '1500' }, rows: { type: 'string', default: '1000000' } },
});
const BOMB_MB = Number(o['bomb-mb']);
const ROWS = Number(o.rows);

// ---- the server ----------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'xietong-uploads-'));
const port = await freePort();
const BASE = `http://127.0.0.1:${port}`;
const env = serverEnv(port, { dataDir: work });
const PASSWORD = 'uploads-password-1';
const made = spawnSync(
  process.execPath,
  [
    MAIN,
    'user',
    'add',
    '--username',
    'fuzz-coordinator',
    '--name',
    '导入测试',
    '--role',
    'coordinator',
    '--password',
    PASSWORD,
  ],
  { env, encoding: 'utf8' },
);
if (made.status !== 0) throw new Error(`user add failed: ${made.stdout}${made.stderr}`);
const server = spawnServer(env);
const api = httpClient(BASE);
const memory = () => {
  const m = rssOf(server.pid);
  return { rss: m.rssMB, peak: m.peakMB };
};
await api.waitHealthy(server, 60_000, 100);
const { headers } = await api.login('fuzz-coordinator', PASSWORD);

// ---- the uploads ---------------------------------------------------------------------------
const cases = [
  [`DOCX bomb, ${BOMB_MB} MB inflated, honest sizes`, 'bomb.docx', () => docxBomb(BOMB_MB, false)],
  [`DOCX bomb, ${BOMB_MB} MB inflated, directory claims 1 KB`, 'bomb.docx', () => docxBomb(BOMB_MB, true)],
  [`XLSX with ${ROWS} rows`, 'rows.xlsx', () => xlsxRows(ROWS, false)],
  [`XLSX with ${ROWS * 5} rows, directory claims 2 KB`, 'rows.xlsx', () => xlsxRows(ROWS * 5, true)],
  ['over the 20 MB limit', 'big.txt', async () => Buffer.alloc(25 * 1048576, 0x41)],
  ['PDF without a text layer', 'scan.pdf', async () => pdfWithoutText()],
  ['binary data named .txt', 'binary.txt', async () => binaryNoise(65536)],
];
const failures = [];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`fuzz-uploads: server pid ${server.pid}, load average ${load()}`);
const start = memory();
/** Growth of the server's peak resident memory allowed over all uploads (FINDINGS R1). */
const PEAK_GROWTH_MB = 300;
for (const [what, filename, make] of cases) {
  const bytes = await make();
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  const before = memory();
  const t = performance.now();
  let status = 0;
  let body = {};
  try {
    const res = await fetch(`${BASE}/api/plans/import`, { method: 'POST', headers, body: form });
    status = res.status;
    body = await res.json().catch(() => ({}));
  } catch (e) {
    body = { message: String(e) };
  }
  const ms = performance.now() - t;
  const after = memory();
  const ok = status >= 400 && status < 500 && /[\u4e00-\u9fff]/.test(body.message ?? '');
  if (!ok) failures.push(what);
  console.log(
    `${ok ? '  ✓' : '  ✗'} ${what}: ${(bytes.length / 1048576).toFixed(2)} MB file → ${status} ${body.code ?? ''} in ${(ms / 1000).toFixed(1)} s; server RSS ${before.rss} → ${after.rss} MB, peak so far ${after.peak} MB\n      「${String(body.message ?? '').slice(0, 90)}」`,
  );
}
const end = memory();
const bounded = end.peak - start.rss <= PEAK_GROWTH_MB;
if (!bounded) failures.push(`peak RSS grew by ${end.peak - start.rss} MB`);
console.log(
  `${bounded ? '  ✓' : '  ✗'} server memory bounded: RSS ${start.rss} MB at start, peak ${end.peak} MB (at most +${PEAK_GROWTH_MB} MB)`,
);
const plans = await fetch(`${BASE}/api/plans`, { headers });
const list = await plans.json();
const alive = plans.ok && server.exitCode === null;
if (!alive) failures.push('server answers afterwards');
const imported = (list.items ?? []).length;
if (imported) failures.push(`${imported} plan(s) imported`);
console.log(
  `${alive ? '  ✓' : '  ✗'} server still answers; plans imported: ${imported}; load average ${load()}`,
);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(work, { recursive: true, force: true });
writeFileSync(join(tmpdir(), 'xietong-fuzz-uploads.log'), server.log);
console.log(
  failures.length
    ? `fuzz-uploads: ${failures.length} failed: ${failures.join('; ')}`
    : 'fuzz-uploads: all refused cleanly',
);
process.exit(failures.length ? 1 : 0);
