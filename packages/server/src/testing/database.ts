import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';

export type TestDbKind = 'pglite' | 'postgres';

/** Which database the tests run on: XIETONG_TEST_DB=pglite (default) or postgres (needs DATABASE_URL). */
export function testDbKind(): TestDbKind {
  const kind = (process.env.XIETONG_TEST_DB ?? 'pglite').toLowerCase();
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`XIETONG_TEST_DB must be pglite or postgres, got "${kind}"`);
  return kind;
}

export interface TestDatabase {
  database: Database;
  /** The connection string of the per-file PostgreSQL database (postgres mode only). */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A migrated database for one test file. PGlite: a fresh in-memory instance. PostgreSQL: a new
 * database `xt_test_…` on the DATABASE_URL server, dropped afterwards. Migration runs once per
 * file; tests reset with `truncateAll` (milliseconds) instead of a new database (seconds).
 * Fails loudly when PostgreSQL is asked for but missing or unreachable.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    const database = await openPglite(null);
    await migrate(database.db);
    return { database, url: null, drop: () => database.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    throw new Error('XIETONG_TEST_DB=postgres needs DATABASE_URL pointing at a PostgreSQL server (see .ci/run); it is not set.');
  }
  const name = `xt_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(adminUrl, 1);
  try {
    await admin.db.execute(sql.raw(`create database ${name} template template0 encoding 'UTF8'`));
  } catch (err) {
    await admin.close();
    throw new Error(`PostgreSQL at DATABASE_URL is unreachable or refused to create a test database: ${(err as Error).message}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 4);
  await migrate(database.db);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

let tableList: string[] | null = null;

/** Empties every table (a fresh workspace) in one statement. */
export async function truncateAll(db: Db): Promise<void> {
  tableList ??= (
    await rows<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)
  ).map((r) => `"${r.tablename}"`);
  if (tableList.length) await db.execute(sql.raw(`truncate ${tableList.join(', ')} restart identity cascade`));
}
