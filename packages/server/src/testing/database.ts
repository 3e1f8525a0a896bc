import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { openPglite, openPostgres, rows, type Database, type Db } from '../db/client.js';
import { migrate, MIGRATIONS_DIR } from '../db/migrate.js';

/**
 * PGlite's initdb costs seconds; loading a dumped data directory well under one. The first test
 * file to need a database migrates one and dumps it to a template in the temp directory, keyed by
 * the migrations, and every later file starts from that template.
 */
async function openMigratedPglite(): Promise<Database> {
  const key = createHash('sha256')
    .update(
      readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR })
        .map((m) => m.hash)
        .join(','),
    )
    .digest('hex')
    .slice(0, 16);
  const template = join(tmpdir(), `xietong-test-pglite-${key}.tar`);
  if (existsSync(template)) {
    try {
      const database = await openPglite(null, new Blob([readFileSync(template)]));
      await migrate(database.db); // a no-op, and a check that the template is what we think
      return database;
    } catch {
      // A damaged template: fall through and rebuild it.
    }
  }
  const database = await openPglite(null);
  await migrate(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  const partial = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, template);
  return database;
}

export type TestDbKind = 'pglite' | 'postgres';

/** Which database the tests run on: XIETONG_TEST_DB=pglite (default) or postgres (needs DATABASE_URL). */
export function testDbKind(): TestDbKind {
  const kind = (process.env.XIETONG_TEST_DB ?? 'pglite').toLowerCase();
  if (kind !== 'pglite' && kind !== 'postgres')
    throw new Error(`XIETONG_TEST_DB must be pglite or postgres, got "${kind}"`);
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
    const database = await openMigratedPglite();
    return { database, url: null, drop: () => database.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    throw new Error(
      'XIETONG_TEST_DB=postgres needs DATABASE_URL pointing at a PostgreSQL server (see .ci/run); it is not set.',
    );
  }
  const name = `xt_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(adminUrl, 1);
  try {
    await admin.db.execute(sql.raw(`create database ${name} template template0 encoding 'UTF8'`));
  } catch (err) {
    await admin.close();
    throw new Error(
      `PostgreSQL at DATABASE_URL is unreachable or refused to create a test database: ${(err as Error).message}`,
    );
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
    await rows<{ tablename: string }>(
      db,
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((r) => `"${r.tablename}"`);
  if (tableList.length)
    await db.execute(sql.raw(`truncate ${tableList.join(', ')} restart identity cascade`));
}
