// The built server (packages/server/dist) as a library: the bench uses the product's own database
// client, migrations, commands and schema, never copies of them. Build first: `npm run build`
// (or `npx tsc -b packages/shared packages/parser packages/server`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../../packages/server/dist/', import.meta.url));

if (!existsSync(`${DIST}cli/main.js`)) {
  console.error('找不到 packages/server/dist：请先运行 npm run build（或 npx tsc -b packages/server）。');
  process.exit(2);
}

const load = (p) => import(new URL(`../../packages/server/dist/${p}`, import.meta.url).href);

export const client = await load('db/client.js');
export const migrations = await load('db/migrate.js');
export const context = await load('http/context.js');
export const config = await load('config.js');
export const plansCommands = await load('modules/plans/commands.js');
export const accessCommands = await load('modules/access/commands.js');
export const slots = await load('modules/reporting/slots.js');
export const periods = await load('modules/reporting/periods.js');
export const reportingRepo = await load('modules/reporting/repository.js');
export const lights = await load('modules/supervision/lights.js');
export const directorySchema = await load('modules/directory/schema.js');
export const plansSchema = await load('modules/plans/schema.js');
export const reportingSchema = await load('modules/reporting/schema.js');

/** The system actor the CLI uses for commands outside a request. */
export const SYSTEM = { kind: 'system', name: '基准数据生成' };

/** Opens the database the bench was told to use, the way the server does. */
export async function openBenchDatabase({ db, dataDir, url }) {
  if (db === 'postgres') {
    if (!url) throw new Error('--db postgres 需要 DATABASE_URL（或 --url）指向一个 PostgreSQL 数据库。');
    return client.openPostgres(url);
  }
  return client.openPglite(`${dataDir}/pglite`);
}
