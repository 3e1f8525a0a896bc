// PostgreSQL databases for the bench: a throwaway copy of a generated database per run
// (`create database … template …`: a file copy, so every run and every surge starts from the same
// data and the generated database itself is never consumed).
import pg from 'pg';

/** The same server, another database. */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const databaseOf = (url) => decodeURIComponent(new URL(url).pathname.slice(1));

async function admin(url, fn) {
  const c = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const ident = (s) => `"${s.replace(/"/g, '""')}"`;

/**
 * Copies the database of `url` into a new database `name` (dropped first if it exists) and returns
 * its URL and the seconds the copy took. Nobody may be connected to the source meanwhile.
 */
export async function cloneDatabase(url, name) {
  const t = performance.now();
  await admin(url, async (c) => {
    await c.query(`drop database if exists ${ident(name)} with (force)`);
    await c.query(`create database ${ident(name)} template ${ident(databaseOf(url))}`);
  });
  return { url: withDatabase(url, name), seconds: (performance.now() - t) / 1000 };
}

export async function dropDatabase(url) {
  await admin(url, (c) => c.query(`drop database if exists ${ident(databaseOf(url))} with (force)`));
}

/** Size of the database of `url` in MB. */
export async function databaseMB(url) {
  return admin(url, async (c) => {
    const r = await c.query('select pg_database_size($1)::bigint n', [databaseOf(url)]);
    return Math.round(Number(r.rows[0].n) / 1048576);
  });
}
