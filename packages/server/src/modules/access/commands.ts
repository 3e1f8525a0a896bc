import { eq } from 'drizzle-orm';
import { sessions } from './schema.js';
import { LIMITS, type Role } from '@xietong/shared';
import { DomainError } from '../../errors.js';
import type { Ctx } from '../../http/context.js';
import { units } from '../directory/schema.js';
import { users } from './schema.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import {
  createSession,
  deleteSession,
  findUserById,
  findUserByUsername,
  type UserRow,
} from './repository.js';
import { notFound } from '../../errors.js';
import type { LoginLimiter } from './login-limiter.js';

export interface LoginInput {
  username: string;
  password: string;
  address: string;
}

/** Checks a username and password and opens a session; refuses while the limiter says wait. */
export async function login(ctx: Ctx, input: LoginInput, limiter: LoginLimiter) {
  const wait = limiter.blockedFor(input.address, input.username, ctx.now.getTime());
  if (wait > 0) {
    throw new DomainError(
      'auth.rate_limited',
      `登录失败次数过多，请 ${wait} 分钟后再试；忘记密码请联系系统管理员重置。`,
    );
  }
  const user = await findUserByUsername(ctx.tx, input.username);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyHash(), input.password), false);
  if (!user || !ok) {
    limiter.recordFailure(input.address, input.username, ctx.now.getTime());
    throw new DomainError('auth.invalid_credentials', '用户名或密码不正确，请检查后重新输入。');
  }
  if (!user.active)
    throw new DomainError('auth.account_disabled', '该账号已停用。如需恢复，请联系系统管理员。');
  limiter.recordSuccess(input.address, input.username);
  const session = await createSession(ctx.tx, user.id, ctx.now, LIMITS.sessionIdleMs);
  await ctx.audit({
    action: 'session.login',
    entityType: 'user',
    entityId: user.id,
    unitId: user.unitId,
    actor: {
      kind: 'user',
      userId: user.id,
      username: user.username,
      name: user.name,
      unitId: user.unitId,
      roles: user.roles as Role[],
    },
  });
  return { user, ...session };
}

/** Ends the session of this cookie token. */
export async function logout(ctx: Ctx, token: string, userId: string) {
  await deleteSession(ctx.tx, token);
  await ctx.audit({ action: 'session.logout', entityType: 'user', entityId: userId });
}

export interface CreateUserInput {
  username: string;
  name: string;
  password: string;
  roles: Role[];
  unitId: string | null;
}

/** Creates an account (administrators, the CLI and the demo loader). */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserRow> {
  if (await findUserByUsername(ctx.tx, input.username)) {
    throw new DomainError('user.username_taken', `用户名「${input.username}」已被使用，请换一个用户名。`);
  }
  if (input.unitId) {
    const [unit] = await ctx.tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw new DomainError('unit.not_found', '所选单位不存在，请从单位目录中重新选择。');
  }
  const [user] = await ctx.tx
    .insert(users)
    .values({
      username: input.username,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      unitId: input.unitId,
    })
    .returning();
  if (!user) throw new Error('insert returned nothing');
  await ctx.audit({
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    unitId: user.unitId,
    after: { username: user.username, name: user.name, roles: user.roles, unitId: user.unitId },
  });
  return user;
}

export interface UpdateUserInput {
  name?: string;
  roles?: Role[];
  unitId?: string | null;
  active?: boolean;
  password?: string;
}

/**
 * Changes an account (administrators). Deactivating it or setting a new password ends its sessions.
 */
export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserRow> {
  const before = await findUserById(ctx.tx, id);
  if (!before) throw notFound('user.not_found', '账号');
  if (input.unitId) {
    const [unit] = await ctx.tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw new DomainError('unit.not_found', '所选单位不存在，请从单位目录中重新选择。');
  }
  const { password, ...fields } = input;
  const [after] = await ctx.tx
    .update(users)
    .set({ ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) })
    .where(eq(users.id, id))
    .returning();
  if (password || input.active === false) await ctx.tx.delete(sessions).where(eq(sessions.userId, id));
  const visible = (u: UserRow) => ({ name: u.name, roles: u.roles, unitId: u.unitId, active: u.active });
  await ctx.audit({
    action: 'user.update',
    entityType: 'user',
    entityId: id,
    unitId: after!.unitId,
    before: visible(before),
    after: { ...visible(after!), ...(password ? { passwordChanged: true } : {}) },
  });
  return after!;
}
