import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirInUseError, groupCommit, openDatabase, rows } from './client.js';

describe('embedded data directory', () => {
  test('a second process cannot open a data directory another live process holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xt-lock-'));
    // The test runner's parent process is alive: it stands for a running server.
    writeFileSync(join(dir, 'xietong.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir, databaseUrl: null })).rejects.toThrow(DataDirInUseError);
    await expect(openDatabase({ dataDir: dir, databaseUrl: null })).rejects.toThrow(/请先停止正在运行的服务/);
    expect(readFileSync(join(dir, 'xietong.lock'), 'utf8')).toBe(String(process.ppid));
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
  });
});

describe('durable commits in embedded mode (group commit)', () => {
  test('a flush never resolves on a sync that began before it; callers during one sync share the next', async () => {
    const syncs: { started: number; finish: () => void }[] = [];
    let clock = 0;
    const flush = groupCommit(
      () =>
        new Promise<void>((resolve) => {
          syncs.push({ started: ++clock, finish: resolve });
        }),
    );
    const done: string[] = [];
    const first = flush().then(() => done.push('first'));
    const calledAt = ++clock; // a commit lands while the first sync runs
    const laters = [flush(), flush(), flush()].map((p, i) => p.then(() => done.push(`later${i}`)));
    expect(syncs).toHaveLength(1);
    syncs[0]!.finish();
    await first;
    await new Promise((r) => setImmediate(r));
    // The first sync began before the later calls: they wait for a second, shared one.
    expect(done).toEqual(['first']);
    expect(syncs).toHaveLength(2);
    expect(syncs[1]!.started).toBeGreaterThan(calledAt);
    syncs[1]!.finish();
    await Promise.all(laters);
    expect(done).toEqual(['first', 'later0', 'later1', 'later2']);
    expect(syncs).toHaveLength(2);
  });

  test('writes flushed to a data directory are there after reopening it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xt-durable-'));
    try {
      const first = await openDatabase({ dataDir: dir, databaseUrl: null });
      await first.db.execute(sql`create table kept (v text)`);
      await first.db.transaction(async (tx) => {
        await tx.execute(sql`insert into kept values ('已确认的写入')`);
      });
      await first.flush();
      // After a checkpoint the next flush syncs the data files as well.
      await first.db.execute(sql`checkpoint`);
      await first.db.execute(sql`insert into kept values ('检查点之后')`);
      await first.flush();
      await first.close();
      const again = await openDatabase({ dataDir: dir, databaseUrl: null });
      const kept = (await rows<{ v: string }>(again.db, sql`select v from kept`)).map((r) => r.v);
      expect(kept.sort()).toEqual(['已确认的写入', '检查点之后'].sort());
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
