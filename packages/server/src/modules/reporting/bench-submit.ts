/**
 * Profile (not a test) of report submit in-process, through `app.inject`, with every statement
 * counted and timed at the driver:
 *   npx tsx packages/server/src/modules/reporting/bench-submit.ts --data /tmp/writes-data/m [--n 100] [--concurrency 1]
 *   DATABASE_URL=postgres://… npx tsx …/bench-submit.ts --n 100 --concurrency 50
 * `--data`: a bench/generate.mjs directory (its pglite dir is copied first: submits consume drafts).
 * Prints the statements of one submit with their times, then wall/CPU per submit over `--n`
 * submits (sequential, or `--concurrency` at once: throughput).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPglite, openPostgres, type Database } from '../../db/client.js';
import { buildApp } from '../../http/app.js';
import { TestClient } from '../../testing/client.js';
import { testConfig } from '../../testing/workspace.js';

const { values: o } = parseArgs({
  options: {
    data: { type: 'string' },
    n: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '1' },
    show: { type: 'string', default: '1' },
    prof: { type: 'string' },
    pool: { type: 'string', default: '10' },
  },
});
const url = process.env.DATABASE_URL ?? null;

interface Stmt {
  sql: string;
  ms: number;
}
let trace: Stmt[] | null = null;
const timed = async <T>(sqlText: string, run: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    trace?.push({ sql: sqlText.replace(/\s+/g, ' ').slice(0, 140), ms: performance.now() - t0 });
  }
};

let database: Database;
let scratch: string | null = null;
let accountsFile: string;
if (url) {
  const { default: pg } = await import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const result = original.apply(this, args);
    if (trace && result && typeof (result as Promise<unknown>).then === 'function')
      return timed(text, () => result as Promise<unknown>);
    return result;
  };
  database = await openPostgres(url, Number(o.pool));
  accountsFile = o.data ? join(o.data, 'manifest.json') : '';
} else {
  if (!o.data) throw new Error('--data DIR (bench/generate.mjs output) or DATABASE_URL');
  scratch = mkdtempSync(join(tmpdir(), 'bench-submit-'));
  cpSync(join(o.data, 'pglite'), join(scratch, 'pglite'), { recursive: true });
  database = await openPglite(join(scratch, 'pglite'));
  accountsFile = join(o.data, 'manifest.json');
  const client = database.pglite as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const m of ['query', 'exec'] as const) {
    const original = client[m]!.bind(client);
    client[m] = (...args: unknown[]) => timed(String(args[0]), () => original(...args));
  }
  const originalTx = client.transaction!.bind(client);
  client.transaction = (fn: unknown) =>
    originalTx(async (tx: Record<string, (...a: unknown[]) => Promise<unknown>>) => {
      const wrapped = Object.create(tx) as typeof tx;
      for (const m of ['query', 'exec'] as const) {
        const original = tx[m]!.bind(tx);
        wrapped[m] = (...args: unknown[]) => timed(String(args[0]), () => original(...args));
      }
      trace?.push({ sql: 'BEGIN', ms: 0 });
      const r = await (fn as (t: unknown) => Promise<unknown>)(wrapped);
      trace?.push({ sql: 'COMMIT (next)', ms: 0 });
      return r;
    });
}

const manifest = JSON.parse(readFileSync(accountsFile || 'manifest.json', 'utf8')) as {
  password: string;
  accounts: { username: string; roles: string[] }[];
};
const app = await buildApp({ db: database, config: testConfig() });
const reporters: TestClient[] = [];
for (const a of manifest.accounts.filter((x) => x.roles.includes('reporter'))) {
  const c = new TestClient(app);
  await c.login(a.username, manifest.password);
  reporters.push(c);
}
const queue: { id: string; version: number; who: TestClient }[] = [];
for (const r of reporters) {
  const res = await r.get('/api/reports?status=draft&open=true&limit=200');
  for (const it of (res.body.items ?? []) as { id: string; version: number; locked?: boolean }[])
    if (!it.locked) queue.push({ id: it.id, version: it.version, who: r });
}
queue.sort((a, b) => (a.id < b.id ? -1 : 1));
console.log(`${database.kind}: ${queue.length} submittable drafts, ${reporters.length} reporters`);

const submit = async (item: (typeof queue)[number]) => {
  const res = await item.who.post(
    `/api/reports/${item.id}/submit`,
    { version: item.version },
    { 'idempotency-key': `bench-${item.id}` },
  );
  if (res.status !== 200) throw new Error(`submit ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
};

// Warm-up, then the statements of a few single submits.
for (const item of queue.splice(0, 10)) await submit(item);
for (let i = 0; i < Number(o.show); i++) {
  trace = [];
  const t0 = performance.now();
  await submit(queue.shift()!);
  const wall = performance.now() - t0;
  const stmts = trace;
  trace = null;
  const sqlMs = stmts.reduce((s, x) => s + x.ms, 0);
  console.log(
    `\none submit: ${wall.toFixed(2)} ms wall, ${stmts.filter((s) => s.sql !== 'BEGIN' && s.sql !== 'COMMIT (next)').length} statements, ${sqlMs.toFixed(2)} ms in the driver`,
  );
  for (const s of stmts) console.log(`  ${s.ms.toFixed(2).padStart(6)}  ${s.sql}`);
}

const n = Math.min(Number(o.n), queue.length);
const items = queue.splice(0, n);
const conc = Number(o.concurrency);
let session: import('node:inspector/promises').Session | null = null;
if (o.prof) {
  const { Session } = await import('node:inspector/promises');
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const lat: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: conc }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const s = performance.now();
      await submit(item);
      lat.push(performance.now() - s);
    }
  }),
);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (session && o.prof) {
  const { profile } = await session.post('Profiler.stop');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(o.prof, JSON.stringify(profile));
}
lat.sort((a, b) => a - b);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(2);
console.log(
  `\n${n} submits, concurrency ${conc}: ${(wall / n).toFixed(2)} ms wall each, ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms CPU each, ${((n / wall) * 1000).toFixed(1)}/s, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`,
);
await app.close();
await database.close();
if (scratch) rmSync(scratch, { recursive: true, force: true });
