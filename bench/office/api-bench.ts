// Office documents through the HTTP API on the embedded database (PGlite): what a user waits for,
// including the queries and every save. Medians of repeated runs, in milliseconds.
//   npx tsx bench/office/api-bench.ts [runs]
// Builds: a 200-task plan (12 units, 60 reports submitted, 20 of them lagging) for the 通报; a
// 2,000-task plan led by one unit for its 2,000-row progress sheet; 100 indicators with three
// past quarters of values for the coordinator's indicator sheet (400 rows).
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../packages/server/src/http/app.js';
import { withContext } from '../../packages/server/src/http/context.js';
import { loadDirectory } from '../../packages/server/src/modules/directory/commands.js';
import { units } from '../../packages/server/src/modules/directory/schema.js';
import { indicators } from '../../packages/server/src/modules/plans/schema.js';
import { reports } from '../../packages/server/src/modules/reporting/schema.js';
import { indicatorValues } from '../../packages/server/src/modules/indicators/schema.js';
import { periodOf, previousPeriod, localDate } from '../../packages/server/src/modules/reporting/periods.js';
import { createTestDatabase } from '../../packages/server/src/testing/database.js';
import { buildUser } from '../../packages/server/src/testing/factories.js';
import { TestClient } from '../../packages/server/src/testing/client.js';
import { SESSION_COOKIE } from '../../packages/shared/src/api.js';

const runs = Number(process.argv[2] ?? 5);
const Y = new Date().getUTCFullYear() + 1;
const UNITS = ['市交通运输局', '市自然资源规划局', '市发改委', '市经信局', '市科技局', '市商务局', '市公安局', '市人社局', '市医保局', '市教育局', '市水务局', '市生态环境局'];

async function median(label: string, fn: (i: number) => Promise<unknown>, n = runs): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const own = await fn(i);
    // A step that times itself (after its own preparation) returns its milliseconds.
    times.push(typeof own === 'number' ? own : performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(60)} median ${m.toFixed(0).padStart(6)} ms   (min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)}, n=${n})`);
  return m;
}

function planText(title: string, n: number, unitOf: (i: number) => string): string {
  const tasks = Array.from({ length: n }, (_, i) => `${i + 1}.推进第${i + 1}项重点工作，完善协调推进机制。（牵头单位：${unitOf(i)}；完成时限：${Y}年12月底）`);
  return [`武汉市人民政府办公厅关于印发${title}的通知`, '一、重点任务', ...tasks, '二、保障措施', '建立月调度制度。各牵头单位每月20日前向市发改委报送任务进展情况。', ''].join('\n');
}

function multipart(bytes: Buffer): [Buffer, Record<string, string>] {
  const b = '----xietong-bench';
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="sheet.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return [body, { 'content-type': `multipart/form-data; boundary=${b}` }];
}

const testDb = await createTestDatabase();
const config = { port: 0, host: '127.0.0.1', dataDir: '/nonexistent-bench-data-dir', databaseUrl: testDb.url, demo: false, trustProxy: false, webDist: '/nonexistent-web-dist' };
const app = await buildApp({ db: testDb.database, config });
const db = testDb.database.db;
const system = <T>(fn: Parameters<typeof withContext<T>>[2]) => withContext({ database: testDb.database, config }, { kind: 'system', name: 'bench' }, fn);
await system((ctx) => loadDirectory(ctx));
const unitId = async (name: string) => (await db.select({ id: units.id }).from(units).where(eq(units.name, name.replace(/^市/, '武汉市').replace('自然资源规划局', '自然资源和规划局'))))[0]?.id;
const client = async (roles: ('coordinator' | 'reporter')[], unit?: string) => {
  const user = await buildUser(db, { roles, ...(unit ? { unitId: unit } : {}) });
  return new TestClient(app).login(user.username);
};
const coordinator = await client(['coordinator']);

async function publish(title: string, n: number, unitOf: (i: number) => string): Promise<string> {
  const t = performance.now();
  const imported = await coordinator.post<{ id: string }>('/api/plans/import', { filename: `${title}.txt`, text: planText(title, n, unitOf) });
  if (imported.status !== 201) throw new Error(`import: ${JSON.stringify(imported.body).slice(0, 300)}`);
  const published = await coordinator.post<unknown>(`/api/plans/${imported.body.id}/publish`, {});
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body).slice(0, 300)}`);
  console.log(`(setup) ${title}: ${n} tasks imported and published in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return imported.body.id;
}

console.log(`office through the API (PGlite), node ${process.version}, ${runs} runs each`);

// 1. The 通报 of a 200-task plan.
const bulletinPlan = await publish('二百项任务测试方案', 200, (i) => UNITS[i % UNITS.length]!);
const slots200 = await db.select().from(reports).where(eq(reports.planId, bulletinPlan));
for (const [k, s] of slots200.filter((r) => r.isLead).slice(0, 60).entries()) {
  const reporter = await client(['reporter'], s.unitId);
  const lagging = k < 20;
  await reporter.put(`/api/reports/${s.id}`, { workStatus: lagging ? 'lagging' : 'in_progress', percent: lagging ? 20 : 60, done: '按计划推进。', problems: lagging ? '用地报批进度慢于预期。' : '无', nextSteps: '加快推进。' });
  await reporter.post(`/api/reports/${s.id}/submit`, {});
}
const period = slots200[0]!.periodKey;
await median('通报 .docx, 200 tasks, 12 units: GET bulletin.docx', async () => {
  const res = await coordinator.get(`/api/plans/${bulletinPlan}/bulletin.docx?period=${period}&docNumber=${encodeURIComponent('武圈办〔2026〕1号')}`);
  if (res.status !== 200) throw new Error(`bulletin ${res.status}`);
});

// 2. The 2,000-row progress sheet of one unit.
const bigPlan = await publish('两千项任务测试方案', 2000, () => '市交通运输局');
const transport = (await unitId('市交通运输局'))!;
const reporter = await client(['reporter'], transport);
const download = async () => {
  const res = await app.inject({ method: 'GET', url: '/api/reports/progress-sheet.xlsx', headers: { cookie: `${SESSION_COOKIE}=${reporter.cookie}` } });
  if (res.statusCode !== 200) throw new Error(`progress sheet ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.rawPayload;
};
await median('progress sheet .xlsx, 2,000 rows: GET (generate)', download);
let rows = 0;
await median(
  'progress sheet .xlsx, 2,000 rows: POST (read, validate, save all)',
  async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('进度填报')!;
    rows = 0;
    for (let r = 3; r <= ws.rowCount; r++) {
      if (!ws.getCell(r, 1).text) continue;
      rows++;
      ws.getCell(r, 8).value = '推进中';
      ws.getCell(r, 9).value = 40 + (r % 50);
      ws.getCell(r, 10).value = `批量填报第${r}行。`;
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const t = performance.now();
    const res = await reporter.post<{ saved: number }>('/api/reports/progress-sheet', ...multipart(bytes));
    if (res.status !== 200 || res.body.saved !== rows) throw new Error(`upload ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return performance.now() - t;
  },
  Math.min(runs, 3),
);
console.log(`  (${rows} rows saved per upload, each a version-checked, audited report save)`);
void bigPlan;

// 3. The coordinator's indicator sheet: 100 indicators × (3 past quarters with values + this one).
const inds = await db
  .insert(indicators)
  .values(Array.from({ length: 100 }, (_, i) => ({ planId: bulletinPlan, name: `监测指标${i + 1}`, target: 60 + i, unit: '%', comparator: '>=', year: Y, baseline: 50, baselineYear: Y - 2, ord: i })))
  .returning();
let q = periodOf('quarterly', localDate(new Date()));
const past = [(q = previousPeriod('quarterly', q)), (q = previousPeriod('quarterly', q)), (q = previousPeriod('quarterly', q))];
await db.insert(indicatorValues).values(
  inds.flatMap((ind, i) => past.map((p, k) => ({ indicatorId: ind.id, planId: bulletinPlan, periodKey: p.key, periodLabel: p.label, periodEnd: p.end, value: 50 + i / 10 + k, source: 'sheet', statedAt: new Date(), version: 1 }))),
);
const indicatorSheet = async () => {
  const res = await app.inject({ method: 'GET', url: `/api/plans/${bulletinPlan}/indicator-sheet.xlsx`, headers: { cookie: `${SESSION_COOKIE}=${coordinator.cookie}` } });
  if (res.statusCode !== 200) throw new Error(`indicator sheet ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.rawPayload;
};
await median('indicator sheet .xlsx, 100 indicators × 4 periods: GET', indicatorSheet);
await median('indicator sheet .xlsx, 400 rows: POST (read, validate, save changed)', async (i) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await indicatorSheet()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('指标数据填报')!;
  for (let r = 3; r <= ws.rowCount; r++) ws.getCell(r, 10).value = 1000 + r + i; // never a stored value: every row changes
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const t = performance.now();
  const res = await coordinator.post<{ saved: number }>(`/api/plans/${bulletinPlan}/indicator-sheet`, ...multipart(bytes));
  if (res.status !== 200 || res.body.saved !== 400) throw new Error(`indicator upload ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return performance.now() - t;
});

await app.close();
await testDb.drop();
