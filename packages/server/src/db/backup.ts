import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { rows, type Db } from './client.js';

/**
 * Portable logical backups: one gzip'd JSON-lines file with every row of every table as PostgreSQL
 * renders it (`to_jsonb`), read back with `jsonb_populate_recordset`. The same file restores into
 * PGlite or PostgreSQL (so it also moves a workspace from one to the other). Tables are read in
 * pages through a cursor, so a large history never sits in memory at once.
 */
const FORMAT = 'xietong-backup';
const PAGE = 2000;

interface Header {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

/**
 * The public tables, referenced tables before the tables that reference them, so a restore can
 * insert table by table with every foreign key checked. (Self-references are not declared as
 * foreign keys for this reason — see docs/adr/0003.)
 */
async function publicTables(db: Db): Promise<string[]> {
  const tables = (
    await rows<{ tablename: string }>(
      db,
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((r) => r.tablename);
  const edges = await rows<{ child: string; parent: string }>(
    db,
    sql`select cl.relname as child, pl.relname as parent from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid join pg_class pl on pl.oid = c.confrelid
        join pg_namespace n on n.oid = cl.relnamespace
        where c.contype = 'f' and n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    done.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function migrationHashes(db: Db): Promise<string[]> {
  return (
    await rows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by created_at`)
  ).map((r) => r.hash);
}

/**
 * Writes a backup of the whole database to `file`. Returns the row count per table.
 * `inTransaction`: `db` is a transaction that has run no statement yet (an HTTP request's); the
 * backup runs in it instead of opening its own.
 */
export async function backupDatabase(
  db: Db,
  file: string,
  now = new Date(),
  inTransaction = false,
  pageSize = PAGE,
): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(`${JSON.stringify(obj)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  // One repeatable-read transaction: every table from the same snapshot.
  const inSnapshot = (body: (tx: Db) => Promise<void>) => (inTransaction ? body(db) : db.transaction(body));
  await inSnapshot(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    const tables = await publicTables(tx);
    const header: Header = {
      format: FORMAT,
      version: 1,
      createdAt: now.toISOString(),
      migrations: await migrationHashes(tx),
      tables,
    };
    await write(header);
    for (const table of tables) {
      counts[table] = 0;
      // One scan per table through a cursor (paging by ctid re-sorted the rest of the table for
      // every page: quadratic, 624 s for a region-size database).
      await tx.execute(sql`declare backup_rows no scroll cursor for select to_jsonb(t) as r from ${sql.identifier(table)} t`);
      for (;;) {
        const page = await rows<{ r: Record<string, unknown> }>(tx, sql`fetch ${sql.raw(String(Math.max(1, Math.floor(pageSize))))} from backup_rows`);
        if (!page.length) break;
        await write({ table, rows: page.map((p) => p.r) });
        counts[table] += page.length;
        if (page.length < pageSize) break;
      }
      await tx.execute(sql`close backup_rows`);
    }
  });
  gzip.end();
  await once(out, 'finish');
  return counts;
}

export class BackupError extends Error {}

/**
 * Replaces every row of the database with the backup's, in one transaction: on any error nothing
 * changes. The backup must come from the same schema version (same migrations).
 */
export async function restoreDatabase(db: Db, file: string): Promise<Record<string, number>> {
  const input = createReadStream(file);
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    // Check the header before touching the database.
    let first: IteratorResult<string>;
    try {
      first = await iterator.next();
    } catch {
      throw new BackupError('备份文件无法读取（不是 gzip 格式或已损坏），请检查文件。');
    }
    let header: Header;
    try {
      header = JSON.parse(first.done ? '{}' : first.value) as Header;
    } catch {
      throw new BackupError('这不是协同的备份文件，请检查文件路径。');
    }
    if (header.format !== FORMAT) throw new BackupError('这不是协同的备份文件，请检查文件路径。');
    const counts: Record<string, number> = {};
    await db.transaction(async (tx) => {
      const current = await migrationHashes(tx);
      if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
        throw new BackupError(
          '备份文件来自另一个数据库结构版本，不能直接恢复。请用生成该备份的同一版本程序恢复。',
        );
      }
      const tables = await publicTables(tx);
      const unknown = header.tables.filter((t) => !tables.includes(t));
      if (unknown.length)
        throw new BackupError(
          `备份中有当前数据库没有的表：${unknown.join('、')}。请用生成该备份的同一版本程序恢复。`,
        );
      await tx.execute(
        sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`),
      );
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (!next.value.trim()) continue;
        const chunk = JSON.parse(next.value) as { table: string; rows: unknown[] };
        if (!header.tables.includes(chunk.table))
          throw new BackupError(`备份文件已损坏（未知的表 ${chunk.table}）。`);
        await tx.execute(
          sql`insert into ${sql.identifier(chunk.table)} select * from jsonb_populate_recordset(null::${sql.identifier(chunk.table)}, ${JSON.stringify(chunk.rows)}::jsonb)`,
        );
        counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
      }
    });
    return counts;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Every row of every table, as canonical JSON sorted per table: for comparing two databases. */
export async function databaseFingerprint(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await publicTables(db)) {
    const found = await rows<{ r: string }>(
      db,
      sql`select to_jsonb(t)::text as r from ${sql.identifier(table)} t`,
    );
    out[table] = found.map((x) => x.r).sort();
  }
  return out;
}
