import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Role } from '@xietong/shared';
import { preparedRows, type Db } from '../../db/client.js';
import { units } from '../directory/schema.js';
import { sessions, users } from './schema.js';

export type UserRow = typeof users.$inferSelect;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function unitName(db: Db, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return u?.name ?? null;
}

/** Creates a session row and returns the cookie token and CSRF token. */
export async function createSession(db: Db, userId: string, now: Date, ttlMs: number) {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    id: tokenHash(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return { token, csrfToken };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, tokenHash(token)));
}

/**
 * The live session for a cookie token with its user, or undefined. Every signed-in request runs
 * this: a named prepared statement (planned once per connection), one JSON value back. Read from
 * the database each time (no process cache), so a logout, a role change or a deactivation in any
 * server process counts at once.
 */
export async function findLiveSession(db: Db, token: string, now: Date) {
  const [found] = await preparedRows<{ j: unknown }>(
    db,
    'access.live_session',
    sql`select json_build_object('id', s.id, 'expiresAt', s.expires_at, 'csrfToken', s.csrf_token,
        'userId', u.id, 'username', u.username, 'name', u.name, 'unitId', u.unit_id, 'roles', u.roles,
        'active', u.active) as j
      from sessions s join users u on u.id = s.user_id
      where s.id = ${tokenHash(token)} and s.expires_at > ${now.toISOString()}::timestamptz`,
  );
  if (!found) return undefined;
  const row = (typeof found.j === 'string' ? JSON.parse(found.j) : found.j) as {
    id: string;
    expiresAt: string;
    csrfToken: string;
    userId: string;
    username: string;
    name: string;
    unitId: string | null;
    roles: string[] | null;
    active: boolean;
  };
  if (!row.active) return undefined;
  return { ...row, expiresAt: new Date(row.expiresAt), roles: (row.roles ?? []) as Role[] };
}

/**
 * Sliding expiry: a session used within its lifetime lives on. Extended at most once a minute
 * per session, so reads do not turn into a write each.
 */
export async function extendSession(
  db: Db,
  id: string,
  expiresAt: Date,
  now: Date,
  ttlMs: number,
): Promise<Date | null> {
  if (expiresAt.getTime() - now.getTime() > ttlMs - 60_000) return null;
  const next = new Date(now.getTime() + ttlMs);
  await db.update(sessions).set({ expiresAt: next }).where(eq(sessions.id, id));
  return next;
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
