import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type * as PGliteModuleNs from '@electric-sql/pglite';
type PGliteModule = typeof PGliteModuleNs;
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
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
  /**
   * Makes every transaction committed so far durable (on disk, surviving a power cut) before it is
   * acknowledged. PostgreSQL: its commit already is (no-op). Embedded: fdatasync of the WAL, see
   * `walSyncer` and docs/adr/0005-embedded-durability.md.
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * PGlite's start parameters: its default `-F` (fsync off) dropped and `synchronous_commit=on`, so
 * PostgreSQL writes each commit's WAL before the commit returns — but the wasm build's fsync and
 * fdatasync are no-ops that only check the file descriptor (`___syscall_fdatasync` in
 * @electric-sql/pglite 0.5), so the WAL reaches the OS page cache, not the disk. That survives a
 * killed process, not a power cut: `walSyncer` below does the fdatasync PGlite cannot. The WAL is
 * kept small for a desktop data dir.
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

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

async function syncFile(path: string, data: boolean): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await (data ? fh.datasync() : fh.sync());
  } finally {
    await fh.close();
  }
}

/** A file PostgreSQL removed between listing and syncing has nothing left to sync. */
const ignoreGone = (err: NodeJS.ErrnoException) => {
  if (err.code !== 'ENOENT') throw err;
};

/** Every regular file under a directory, and the directories themselves (for new entries). */
async function walk(dir: string, out: { files: string[]; dirs: string[] }): Promise<void> {
  out.dirs.push(dir);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) await walk(join(dir, e.name), out);
    else if (e.isFile()) out.files.push(join(dir, e.name));
  }
}

/**
 * Group commit for the embedded database: `flush()` resolves once the WAL written by every
 * transaction committed before the call is on disk (fdatasync of the WAL segments — two to four
 * files — and of pg_wal itself when segments were added or renamed). Concurrent callers
 * share syncs (`groupCommit`), so 50 concurrent writers cost a few syncs, not 50. After a
 * checkpoint (pg_control changed) the data files are synced too before anything more is
 * acknowledged, since a checkpoint lets PostgreSQL recycle the WAL that covered them.
 */
export function walSyncer(dataDir: string): () => Promise<void> {
  const walDir = join(dataDir, 'pg_wal');
  const control = join(dataDir, 'global', 'pg_control');
  let names = '';
  let controlSeen: Buffer | null = null;
  const syncOnce = async () => {
    const segments = (await readdir(walDir)).filter((n) => WAL_SEGMENT.test(n)).sort();
    const listed = segments.join(',');
    // Every segment, every time: file times are too coarse (a jiffy) to tell whether a segment was
    // written since the last sync, and fdatasync of a segment with nothing dirty returns at once.
    for (const name of segments) await syncFile(join(walDir, name), true);
    if (listed !== names) {
      await syncFile(walDir, false);
      names = listed;
    }
    // Its content, not its time (too coarse): a checkpoint rewrites the checkpoint location.
    const checkpoint = await readFile(control);
    if (!controlSeen || !checkpoint.equals(controlSeen)) {
      if (controlSeen) {
        const all = { files: [] as string[], dirs: [] as string[] };
        await walk(dataDir, all);
        for (const f of all.files) await syncFile(f, true).catch(ignoreGone);
        for (const d of all.dirs) await syncFile(d, false);
      }
      controlSeen = checkpoint;
    }
  };
  return groupCommit(syncOnce);
}

/**
 * Shares one `sync` among concurrent callers without ever answering early: a call resolves after
 * a sync that *started* after the call (a sync already running may have begun before the
 * caller's commit), and all calls arriving during one sync share the next.
 */
export function groupCommit(sync: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const flush = (): Promise<void> => {
    if (next) return next;
    if (!running) {
      running = sync().finally(() => {
        running = null;
      });
      return running;
    }
    next = running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return flush();
      });
    return next;
  };
  return flush;
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
  const db = drizzle({ client: withRawHandle(client) }) as unknown as Db;
  const flush = dataDir ? walSyncer(dataDir) : () => Promise.resolve();
  if (dataDir) await flush(); // Learn the current segments and checkpoint; sync what start-up wrote.
  return {
    db,
    kind: 'pglite',
    pglite: client,
    pool: null,
    flush,
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
  return {
    db,
    kind: 'postgres',
    pglite: null,
    pool,
    flush: () => Promise.resolve(),
    close: () => pool.end(),
  };
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

/** The PGlite instance behind a drizzle client or one of its transactions (`preparedRows`). */
const RAW = Symbol('xietong.pglite');
type WithRaw = { [RAW]?: PGlite };

/**
 * The PGlite client drizzle is given: its transactions carry the instance (`RAW`), so a query
 * inside a transaction can use the instance's extended protocol (named prepared statements).
 */
function withRawHandle(client: PGlite): PGlite {
  (client as WithRaw)[RAW] = client;
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (tx: object) => Promise<unknown>) =>
    transaction((tx) => fn(Object.assign(tx, { [RAW]: client })))) as PGlite['transaction'];
  return client;
}

const dialect = new PgDialect();
/** Names prepared so far, per PGlite instance (a statement lives as long as the instance's session). */
const preparedOn = new WeakMap<PGlite, Set<string>>();

/** A bound parameter as text (the statements prepared here take text parameters only). */
const asText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
};

/**
 * Runs a statement as a NAMED prepared statement on the connection: parsed and planned once per
 * connection, then only bound and executed (the inbox's four-part statement spent more time in the
 * planner than in the executor: bench/FINDINGS.md #14 and "Session 3 — reads"). Same rows as
 * `rows` for json/text/number columns; on PGlite every column comes back as text (callers parse
 * json columns). `name` must identify the statement's text: one text per name, for the process.
 * PostgreSQL: `pg` prepares the name once per pooled connection. PGlite: one session, prepared
 * once per instance through its wire protocol.
 */
export async function preparedRows<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client as
    (WithRaw & { query?: unknown }) | undefined;
  const pglite = client?.[RAW];
  if (pglite) {
    // PGlite's wire protocol takes none of its locks: take them as its own queries do — both
    // outside a transaction (so the statement never runs inside another request's transaction),
    // the query lock only inside one (the caller's transaction already holds the other).
    const run = () => pglite._runExclusiveQuery(() => pgliteNamed<T>(pglite, name, text, params.map(asText)));
    return client === pglite ? pglite._runExclusiveTransaction(run) : run();
  }
  if (client && typeof client.query === 'function') {
    const result = await (client as unknown as pg.Pool).query({ name, text, values: params.map(asText) });
    return result.rows as T[];
  }
  return rows<T>(db, query);
}

/** PGlite's wire-protocol helpers, loaded with PGlite itself (on the first prepared statement). */
let pgliteProtocol: PGliteModule['protocol'] | null = null;

async function pgliteNamed<T>(
  pglite: PGlite,
  name: string,
  text: string,
  values: (string | null)[],
): Promise<T[]> {
  const { serialize } = (pgliteProtocol ??= (await import('@electric-sql/pglite')).protocol);
  let names = preparedOn.get(pglite);
  if (!names) preparedOn.set(pglite, (names = new Set()));
  const parts: Uint8Array[] = [];
  // Closing a statement that does not exist is no error: a parse that failed half-way is retried.
  if (!names.has(name))
    parts.push(serialize.close({ type: 'S', name }), serialize.parse({ name, text, types: [] }));
  parts.push(
    serialize.bind({ statement: name, values }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  );
  const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    message.set(p, at);
    at += p.length;
  }
  const { messages } = await pglite.execProtocol(message);
  names.add(name);
  let fields: string[] = [];
  const out: T[] = [];
  for (const m of messages) {
    if (m.name === 'rowDescription')
      fields = (m as unknown as { fields: { name: string }[] }).fields.map((f) => f.name);
    else if (m.name === 'dataRow') {
      const values = (m as unknown as { fields: (string | null)[] }).fields;
      const row: Record<string, string | null> = {};
      fields.forEach((f, i) => (row[f] = values[i] ?? null));
      out.push(row as T);
    }
  }
  return out;
}
