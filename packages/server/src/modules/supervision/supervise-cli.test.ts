import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Config } from '../../config.js';
import { runCli } from '../../cli/commands.js';
import { createTestDatabase, testDbKind, type TestDatabase } from '../../testing/database.js';
import { testConfig } from '../../testing/workspace.js';

let config: Config;
let pg: TestDatabase | null = null;
const out: string[] = [];

beforeAll(async () => {
  if (testDbKind() === 'postgres') {
    pg = await createTestDatabase();
    await pg.database.close();
    config = testConfig({ databaseUrl: pg.url });
  } else {
    config = testConfig({ dataDir: mkdtempSync(join(tmpdir(), 'xt-supervise-')) });
  }
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterAll(async () => {
  vi.restoreAllMocks();
  if (pg) {
    const { openPostgres } = await import('../../db/client.js');
    const admin = await openPostgres(process.env.DATABASE_URL!, 1);
    await admin.db.execute(
      sql.raw(`drop database if exists ${new URL(pg.url!).pathname.slice(1)} with (force)`),
    );
    await admin.close();
  }
});

describe('xietong supervise', () => {
  test('runs the sweep once (for a scheduler) and says what it did', async () => {
    const code = await runCli('supervise', [], config);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/已开启 0 个填报任务，重新计算 0 项任务的亮灯/);
  });
});
