import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestWorkspace } from '../testing/workspace.js';
import { migrate, MigrationMismatchError } from './migrate.js';
import { rows } from './client.js';

const ws = useTestWorkspace();

describe('migrations', () => {
  test('applying them again changes nothing', async () => {
    expect(await migrate(ws.db)).toBe(0);
    const applied = await rows<{ n: number }>(
      ws.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]!.n).toBeGreaterThanOrEqual(1);
  });

  test('a database made by another development build is refused with advice, and left untouched', async () => {
    await ws.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-an-older-squash', 1)`,
    );
    try {
      await expect(migrate(ws.db)).rejects.toThrow(MigrationMismatchError);
      await expect(migrate(ws.db)).rejects.toThrow(/删除数据目录/);
    } finally {
      await ws.db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'from-an-older-squash'`);
    }
  });
});
