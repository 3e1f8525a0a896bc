import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDbKind, type TestDatabase } from '../testing/database.js';
import { testConfig } from '../testing/workspace.js';
import { openDatabase, rows } from '../db/client.js';
import { runCli } from './commands.js';
import type { Config } from '../config.js';

/**
 * The CLI as an operator uses it, each command opening and closing the database like a separate
 * process: on PGlite in a data directory on disk (so this also shows committed data survives a
 * restart), on PostgreSQL in a database of its own.
 */
let config: Config;
let pg: TestDatabase | null = null;
const out: string[] = [];

beforeAll(async () => {
  if (testDbKind() === 'postgres') {
    pg = await createTestDatabase();
    await pg.database.close();
    config = testConfig({ databaseUrl: pg.url });
  } else {
    config = testConfig({ dataDir: mkdtempSync(join(tmpdir(), 'xt-cli-')) });
  }
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterAll(async () => {
  vi.restoreAllMocks();
  if (pg) {
    const { openPostgres } = await import('../db/client.js');
    const admin = await openPostgres(process.env.DATABASE_URL!, 1);
    await admin.db.execute(
      sql.raw(`drop database if exists ${new URL(pg.url!).pathname.slice(1)} with (force)`),
    );
    await admin.close();
  }
});

const cli = async (...args: string[]) => {
  out.length = 0;
  const code = await runCli(args[0]!, args.slice(1), config);
  return { code, text: out.join('\n') };
};

describe('xietong CLI', () => {
  test('migrate, user add, import, backup, change, restore, audit verify', async () => {
    expect((await cli('migrate')).code).toBe(0);
    const add = await cli('user', 'add', '--username', 'boss', '--name', '管理员', '--role', 'admin');
    expect(add.code).toBe(0);
    expect(add.text).toMatch(/密码：\S+/);
    expect((await cli('user', 'add', '--username', 'boss', '--role', 'admin')).code).toBe(1);
    expect((await cli('user', 'add', '--username', 'x', '--role', 'king')).code).toBe(2);

    const imported = await cli('import', '../shared/seeds/002_40f578ca70fc5b5d.txt', '--plan-kind', 'work');
    expect(imported.code, imported.text).toBe(0);
    expect(imported.text).toMatch(/任务 2\d 项/);

    const file = join(mkdtempSync(join(tmpdir(), 'xt-cli-bak-')), 'b.xtb');
    expect((await cli('backup', file)).code).toBe(0);
    expect((await cli('user', 'add', '--username', 'later', '--role', 'reporter')).code).toBe(0);
    const restored = await cli('restore', file);
    expect(restored.code, restored.text).toBe(0);
    expect(restored.text).toMatch(/审计链校验通过/);

    const database = await openDatabase(config);
    const users = await rows<{ username: string }>(
      database.db,
      sql`select username from users order by username`,
    );
    await database.close();
    expect(users.map((r) => r.username)).toEqual(['boss']);

    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.text).toMatch(/审计链完整/);
  });

  test('unknown commands and missing arguments explain the usage', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('backup')).code).toBe(2);
    expect((await cli('import')).code).toBe(2);
    const help = await cli('help');
    expect(help.text).toMatch(/xietong <命令>/);
  });
});
