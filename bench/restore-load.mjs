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
//    (sum of the first 60 bits of md5(row as text), in UTC; jsonb by its canonical JSON, since a
//    backup read through JSON writes 98.0 as 98) on both databases, and the generator's
//    fingerprint of the seeded content.
// 4. Writes DIR/manifest.json (the PostgreSQL manifest with db = pglite, the fingerprint measured
//    here and the load path's times), so `npm run bench -- --db pglite --data DIR` runs on it.
// Exit code 0 only when every table matches.
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
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
    // Only compare an already restored DIR with the database (no backup, no restore).
    'check-only': { type: 'boolean', default: false },
  },
});
const url = o.url ?? process.env.DATABASE_URL;
if (!url || !o.from || !o.dir) throw new Error('用法：node bench/restore-load.mjs --url URL --from 生成目录 --dir 目标目录');
const source = JSON.parse(readFileSync(join(o.from, 'manifest.json'), 'utf8'));
const dir = resolve(o.dir);
const checkOnly = o['check-only'];
if (!checkOnly && existsSync(dir) && readdirSync(dir).length) {
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
const previous = checkOnly ? JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).loadPath : null;
let backup = { seconds: previous?.backupSeconds ?? 0 };
let restore = { seconds: previous?.restoreSeconds ?? 0 };
let backupMB = previous?.backupMB ?? 0;
if (!checkOnly) {
  backup = cli({ DATABASE_URL: url }, 'backup', file);
  backupMB = Math.round(statSync(file).size / 1048576);
  console.log(`  backup: ${backup.seconds.toFixed(1)} s, ${backupMB} MB — ${backup.out.split('\n').at(-1)} (load ${load()})`);
  restore = cli({ XIETONG_DATA_DIR: dir }, 'restore', file);
  console.log(`  restore: ${restore.seconds.toFixed(1)} s — ${restore.out.split('\n').join(' ')} (load ${load()})`);
}

/** JSON with sorted keys and numbers as JavaScript writes them (jsonb keeps `98.0`; a backup, read through JSON, restores `98`). */
const canonical = (v) =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
const h60 = (text) => BigInt(`0x${createHash('md5').update(text).digest('hex').slice(0, 15)}`);

/**
 * Per table: rows and an order-independent checksum of the rows (sum of the first 60 bits of the
 * md5 of each row as text, in UTC). jsonb values other than null/[]/{} are compared by their
 * canonical JSON (read here through a cursor), the rest of the row in the database.
 */
async function tableSums(db) {
  await db.execute(sql`set timezone = 'UTC'`);
  const tables = (
    await client.rows(db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)
  ).map((r) => r.tablename);
  const out = {};
  for (const t of tables) {
    const jsonCols = (
      await client.rows(
        db,
        sql`select column_name c from information_schema.columns where table_schema = 'public' and table_name = ${t} and data_type = 'jsonb' order by column_name`,
      )
    ).map((r) => r.c);
    const x = sql.identifier('x');
    const trivial = (c) =>
      sql`(${x}.${sql.identifier(c)} is null or ${x}.${sql.identifier(c)} in ('[]'::jsonb, '{}'::jsonb))`;
    const rest = jsonCols.length
      ? sql`(to_jsonb(x) - ${`{${jsonCols.join(',')}}`}::text[])::text || ${sql.join(
          jsonCols.map((c) => sql`case when ${trivial(c)} then coalesce(${x}.${sql.identifier(c)}::text, '-') else '*' end`),
          sql` || `,
        )}`
      : sql`x::text`;
    const [r] = await client.rows(
      db,
      sql`select count(*)::bigint::text n, coalesce(sum(('x' || substr(md5(${rest}), 1, 15))::bit(60)::bigint::numeric), 0)::text s from ${sql.identifier(t)} x`,
    );
    let js = 0n;
    if (jsonCols.length) {
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`declare json_rows no scroll cursor for select md5(${rest}) k, ${sql.join(
            jsonCols.map((c) => sql`${x}.${sql.identifier(c)}`),
            sql`, `,
          )} from ${sql.identifier(t)} x where not (${sql.join(jsonCols.map(trivial), sql` and `)})`,
        );
        for (;;) {
          const page = await client.rows(tx, sql`fetch 5000 from json_rows`);
          for (const row of page) js += h60(`${row.k}|${jsonCols.map((c) => canonical(row[c])).join('|')}`);
          if (page.length < 5000) break;
        }
        await tx.execute(sql`close json_rows`);
      });
    }
    out[t] = `${r.n} rows, sum ${r.s}${jsonCols.length ? ` + ${js} (jsonb: ${jsonCols.join(', ')})` : ''}`;
  }
  return out;
}

let t = performance.now();
const lite = await client.openPglite(join(dir, 'pglite'));
if (!checkOnly) await lite.db.execute(sql`analyze`);
const analyzeSeconds = checkOnly ? (previous?.analyzeSeconds ?? 0) : (performance.now() - t) / 1000;
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
    backupMB,
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
