import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import { rows, type Db } from './client.js';

/** packages/server/drizzle — the same relative place from src/db and dist/db. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary constant: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK = 0x78_69_65_74; // "xiet"

export class MigrationMismatchError extends Error {}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two servers starting
 * together never migrate twice. Records applied migrations in drizzle's own table.
 * Returns the number of migrations applied.
 */
export async function migrate(db: Db, folder = MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`create extension if not exists pg_trgm`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const applied = await rows<{ hash: string; created_at: string | number }>(
      tx,
      sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`,
    );
    const known = new Set(migrations.map((m) => m.hash));
    const stranger = applied.find((a) => !known.has(a.hash));
    if (stranger) {
      // Before the first release the initial migration is regenerated (docs/adr/0002): a database
      // made by an older development build cannot be upgraded in place.
      throw new MigrationMismatchError(
        '数据库结构来自本程序的另一个开发版本，无法自动升级。请备份需要的数据后删除数据目录（或清空该 PostgreSQL 数据库），再重新启动。',
      );
    }
    const done = new Set(applied.map((a) => a.hash));
    let count = 0;
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`,
      );
      count += 1;
    }
    return count;
  });
}
