#!/usr/bin/env node
// The embedded (PGlite) load path for large sizes: generate on PostgreSQL, then move the workspace
// with the product's own bulk path — `xietong backup` on PostgreSQL, `xietong restore` into a fresh
// PGlite data dir (packages/server/src/db/backup.ts). Generating national size on PGlite through
// publishPlan/openPeriod would take well over an hour; this takes minutes.
//
//   node bench/restore-load.mjs --url postgres://…/national --from bench/.data/national-postgres \
//        --dir bench/.data/national-pglite [--force]
//
// 1. `xietong backup FILE` against the PostgreSQL database (DATABASE_URL), timed.
// 2. `xietong restore FILE` into an empty data dir (embedded), timed; then `analyze` (as the
//    generator ends with), timed.
// 3. Identical data: per table the row count and an order-independent checksum of the rows
//    (sum of the first 60 bits of md5(row::text), in UTC) on both databases, and the generator's
//    fingerprint of the seeded content.
// 4. Writes DIR/manifest.json (the PostgreSQL manifest with db = pglite, the fingerprint measured
//    here and the load path's times), so `npm run bench -- --db pglite --data DIR` runs on it.
// Exit code 0 only when every table matches.
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { DIST, client } from './lib/server.mjs';
import { fingerprint, countsOf } from './generate.mjs';

const { values: o } = parseArgs({
  options: {
    url: { type: 'string' },
    from: { type: 'string' },
    dir: { type: 'string' },
    file: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const url = o.url ?? process.env.DATABASE_URL;
if (!url || !o.from || !o.dir) throw new Error('用法：node bench/restore-load.mjs --url URL --from 生成目录 --dir 目标目录');
const source = JSON.parse(readFileSync(join(o.from, 'manifest.json'), 'utf8'));
const dir = resolve(o.dir);
if (existsSync(dir) && readdirSync(dir).length) {
  if (!o.force) throw new Error(`${dir} 已存在且不为空：换一个 --dir，或加 --force 覆盖（会删除）。`);
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(dir, { recursive: true });
const file = o.file ?? join(tmpdir(), `xietong-${source.size}-${Date.now()}.jsonl.gz`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function cli(env, ...args) {
  const t = performance.now();
  const full = { ...process.env, XIETONG_DEMO: '0', ...env };
  if (!env.DATABASE_URL) delete full.DATABASE_URL;
  const r = spawnSync(process.execPath, [join(DIST, 'cli/main.js'), ...args], {
    env: full,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) throw new Error(`xietong ${args.join(' ')} failed (${r.status}):\n${out}`);
  return { out, seconds: (performance.now() - t) / 1000 };
}

console.log(`restore-load: ${source.size} (${JSON.stringify(source.counts)}) from PostgreSQL into ${dir}, load average ${load()}`);
const backup = cli({ DATABASE_URL: url }, 'backup', file);
console.log(`  backup: ${backup.seconds.toFixed(1)} s, ${(statSync(file).size / 1048576).toFixed(1)} MB — ${backup.out.split('\n').at(-1)} (load ${load()})`);
const restore = cli({ XIETONG_DATA_DIR: dir }, 'restore', file);
console.log(`  restore: ${restore.seconds.toFixed(1)} s — ${restore.out.split('\n').join(' ')} (load ${load()})`);

/** Per table: rows and an order-independent checksum of the rows as text (UTC). */
async function tableSums(db) {
  await db.execute(sql`set timezone = 'UTC'`);
  const tables = (
    await client.rows(db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)
  ).map((r) => r.tablename);
  const out = {};
  for (const t of tables) {
    const [r] = await client.rows(
      db,
      sql`select count(*)::bigint::text n, coalesce(sum(('x' || substr(md5(x::text), 1, 15))::bit(60)::bigint::numeric), 0)::text s from ${sql.identifier(t)} x`,
    );
    out[t] = `${r.n} rows, sum ${r.s}`;
  }
  return out;
}

let t = performance.now();
const lite = await client.openPglite(join(dir, 'pglite'));
await lite.db.execute(sql`analyze`);
const analyzeSeconds = (performance.now() - t) / 1000;
console.log(`  analyze: ${analyzeSeconds.toFixed(1)} s`);
t = performance.now();
const liteSums = await tableSums(lite.db);
const liteCounts = await countsOf(lite.db);
let liteFingerprint;
try {
  liteFingerprint = await fingerprint(lite.db);
} catch (err) {
  liteFingerprint = `not computed: ${err.message}`;
}
await lite.close();
const pgDb = await client.openPostgres(url, 1);
const pgSums = await tableSums(pgDb.db);
const pgFingerprint = await fingerprint(pgDb.db);
await pgDb.close();
console.log(`  checksums of both databases: ${((performance.now() - t) / 1000).toFixed(1)} s`);

const differ = Object.keys({ ...pgSums, ...liteSums }).filter((k) => pgSums[k] !== liteSums[k]);
for (const k of Object.keys(pgSums)) console.log(`  ${differ.includes(k) ? '✗' : '✓'} ${k}: ${pgSums[k]}${differ.includes(k) ? ` ≠ ${liteSums[k]}` : ''}`);
const sameFingerprint = pgFingerprint === liteFingerprint && pgFingerprint === source.fingerprint;
console.log(`  ${sameFingerprint ? '✓' : '✗'} fingerprint ${liteFingerprint} (PostgreSQL ${pgFingerprint}, manifest ${source.fingerprint})`);

const manifest = {
  ...source,
  db: 'pglite',
  fingerprint: liteFingerprint,
  counts: liteCounts,
  loadSeconds: source.loadSeconds + backup.seconds + restore.seconds + analyzeSeconds,
  loadPath: {
    how: 'generated on PostgreSQL, xietong backup, xietong restore into a fresh PGlite dir, analyze',
    generateSeconds: source.loadSeconds,
    backupSeconds: backup.seconds,
    restoreSeconds: restore.seconds,
    analyzeSeconds,
    backupMB: Math.round(statSync(file).size / 1048576),
    identical: differ.length === 0 && sameFingerprint,
  },
  generatedAt: new Date().toISOString(),
};
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
if (!o.file) rmSync(file, { force: true });
console.log(
  `PGlite ${source.size}: backup ${backup.seconds.toFixed(1)} s + restore ${restore.seconds.toFixed(1)} s + analyze ${analyzeSeconds.toFixed(1)} s; ${differ.length ? `${differ.length} table(s) DIFFER: ${differ.join(', ')}` : `all ${Object.keys(pgSums).length} tables identical`}; manifest ${join(dir, 'manifest.json')}`,
);
process.exit(differ.length || !sameFingerprint ? 1 : 0);
