import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { preparedRows, rows } from './client.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.database.db.execute(sql`create table prep_probe (id int primary key, label text not null)`);
  await t.database.db.execute(sql`insert into prep_probe values (1, '一'), (2, '二'), (3, '三')`);
});
afterAll(async () => {
  await t.database.db.execute(sql`drop table if exists prep_probe`);
  await t.drop();
});

const byId = (id: number) =>
  sql`select json_build_object('id', p.id, 'label', p.label) as j from prep_probe p where p.id >= ${id} order by p.id`;
const labels = (rs: { j: unknown }[]) =>
  rs
    .map((r) => (typeof r.j === 'string' ? JSON.parse(r.j) : r.j) as { id: number; label: string })
    .map((x) => x.label);

describe('preparedRows (named prepared statements)', () => {
  test('same rows as an ordinary query, with new parameters each call, outside and inside a transaction', async () => {
    const { db } = t.database;
    expect(labels(await preparedRows(db, 'probe.by_id', byId(2)))).toEqual(labels(await rows(db, byId(2))));
    expect(labels(await preparedRows(db, 'probe.by_id', byId(1)))).toEqual(['一', '二', '三']);
    await db.transaction(async (tx) => {
      await tx.execute(sql`update prep_probe set label = '贰' where id = 2`);
      // Inside the transaction: its own write is seen.
      expect(labels(await preparedRows(tx, 'probe.by_id', byId(2)))).toEqual(['贰', '三']);
    });
    expect(labels(await preparedRows(db, 'probe.by_id', byId(2)))).toEqual(['贰', '三']);
  });

  test('a statement outside a transaction never runs inside another one (sees only committed rows)', async () => {
    const { db } = t.database;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const writer = db
      .transaction(async (tx) => {
        await tx.execute(sql`update prep_probe set label = '未提交' where id = 3`);
        entered();
        await held;
        tx.rollback();
      })
      .catch(() => undefined);
    await inside;
    const reading = preparedRows(db, 'probe.by_id', byId(3));
    // Give the read a chance to run while the writer's transaction is open.
    await new Promise((r) => setTimeout(r, 50));
    release();
    await writer;
    expect(labels(await reading)).toEqual(['三']);
  });

  test('a failed execution leaves the statement usable', async () => {
    const { db } = t.database;
    const bad = (id: string) => sql`select p.label from prep_probe p where p.id = ${id}::int`;
    await expect(preparedRows(db, 'probe.cast', bad('x'))).rejects.toThrow();
    expect((await preparedRows<{ label: string }>(db, 'probe.cast', bad('1'))).map((r) => r.label)).toEqual([
      '一',
    ]);
  });
});
