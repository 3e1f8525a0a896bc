import { randomUUID } from 'node:crypto';
import type { Role } from '@xietong/shared';
import type { Db } from '../db/client.js';
import { users } from '../modules/access/schema.js';
import { unsafeCheapHashForTests } from '../modules/access/passwords.js';
import { unitNames, units } from '../modules/directory/schema.js';

/** The password every factory-made account has. */
export const TEST_PASSWORD = 'test-password-1';
let testHash: Promise<string> | null = null;
const passwordHash = () => (testHash ??= unsafeCheapHashForTests(TEST_PASSWORD));

let counter = 0;
const next = () => (counter += 1);

export type UnitRow = typeof units.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** Inserts a unit (an active department by default) with its full name registered. */
export async function buildUnit(
  db: Db,
  overrides: Partial<typeof units.$inferInsert> = {},
): Promise<UnitRow> {
  const n = next();
  const [unit] = await db
    .insert(units)
    .values({
      id: randomUUID(),
      name: `测试单位${n}`,
      level: 'prefecture',
      kind: 'department',
      region: '湖北省',
      ...overrides,
    })
    .returning();
  await db.insert(unitNames).values({ unitId: unit!.id, name: unit!.name, kind: 'full', scopeUnitId: null });
  return unit!;
}

/** Inserts an account with TEST_PASSWORD; `roles` default to reporter, with a new unit unless given. */
export async function buildUser(
  db: Db,
  overrides: Partial<Omit<typeof users.$inferInsert, 'roles'>> & { roles?: Role[] } = {},
): Promise<UserRow> {
  const n = next();
  const unitId = overrides.unitId === undefined ? (await buildUnit(db)).id : overrides.unitId;
  const [user] = await db
    .insert(users)
    .values({
      username: `user${n}`,
      name: `测试用户${n}`,
      passwordHash: await passwordHash(),
      roles: ['reporter'],
      ...overrides,
      unitId,
    })
    .returning();
  return user!;
}
