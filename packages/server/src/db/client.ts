import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type pg from 'pg';

type NoSchema = Record<string, never>;
/** The one drizzle interface every repository uses, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
/** A transaction; also accepted wherever a `Db` is. */
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance (embedded mode only): backup and tests use it. */
  pglite: PGlite | null;
  /** The pg pool (PostgreSQL mode only). */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

/**
 * PGlite's defaults run with fsync off (`-F`): a committed write could be lost on a power cut.
 * We drop `-F` so acknowledged commits are on disk, and keep the WAL small for a desktop data dir.
 */
export async function pgliteStartParams(): Promise<string[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  return [
    ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
    '-c',
    'max_wal_size=64MB',
    '-c',
    'min_wal_size=32MB',
    '-c',
    'synchronous_commit=on',
  ];
}

/**
 * Opens an embedded PGlite database. `dataDir` null keeps it in memory (tests).
 * `loadDataDir` starts from a dumped data directory (restore, test templates).
 */
export async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm },
    relaxedDurability: false,
    startParams: await pgliteStartParams(),
  });
  const db = drizzle({ client }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    pool: null,
    close: () => client.close(),
  };
}

/** Opens PostgreSQL through a `pg` pool. */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const { default: pgmod } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pgmod.Pool({ connectionString: url, max });
  pool.on('error', (err) => console.error('PostgreSQL 连接出错：', err.message));
  // A client checked out for a transaction has no listener of its own: without one, a server
  // restart ("terminating connection due to administrator command") kills the process.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error('PostgreSQL 连接中断：', err.message));
  });
  const db = drizzle({ client: pool }) as unknown as Db;
  return { db, kind: 'postgres', pglite: null, pool, close: () => pool.end() };
}

export class DataDirInUseError extends Error {}

/**
 * PGlite is one process's database: a second process opening the same directory (a CLI backup
 * while the server runs) would corrupt it. A lock file with the owner's pid guards the directory;
 * a lock left by a process that no longer exists is taken over.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'xietong.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lock, 'utf8').trim());
    let alive = false;
    if (owner && owner !== process.pid) {
      try {
        process.kill(owner, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new DataDirInUseError(
        `数据目录 ${dir} 正被另一个协同进程（进程号 ${owner}）使用。请先停止正在运行的服务，再执行此命令（服务运行时，管理员可从 /api/backup 下载在线备份）。`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in the data dir. */
export async function openDatabase(config: {
  dataDir: string;
  databaseUrl: string | null;
}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openPglite(join(config.dataDir, 'pglite'));
    return {
      ...database,
      close: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/** Runs raw SQL and returns its rows, the same way on both drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
