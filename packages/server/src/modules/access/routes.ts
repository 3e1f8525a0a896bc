import type {} from '@fastify/cookie';
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import {
  CSRF_COOKIE,
  loginBodySchema,
  roleSchema,
  SESSION_COOKIE,
  sessionSchema,
  LIMITS,
} from '@xietong/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { units } from '../directory/schema.js';
import { users } from './schema.js';
import { accessPolicy } from './policy.js';
import { createUser, login, logout, updateUser } from './commands.js';
import { presentSession, presentUser } from './present.js';
import { unitName } from './repository.js';
import type { LoginLimiter } from './login-limiter.js';
import type { Actor } from '../../policy.js';

function setSessionCookies(req: FastifyRequest, reply: FastifyReply, token: string, csrfToken: string) {
  const secure = req.protocol === 'https';
  const maxAge = Math.floor(LIMITS.sessionIdleMs / 1000);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
  // Readable by the page's script, which echoes it in the x-csrf-token header.
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge });
}

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
});

const userName = (a: Actor) => (a.kind === 'user' ? a : null);

/** Routes of the access module; the limiter is per server process. */
export function accessRoutes(limiter: LoginLimiter) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/session',
      summary: '当前登录状态、允许的操作和 CSRF 令牌',
      policy: accessPolicy.ref('session.read'),
      response: sessionSchema,
      handler: async (ctx, { req }) => {
        const u = userName(ctx.actor);
        return presentSession(ctx.actor, u ? await unitName(ctx.tx, u.unitId) : null, req.csrfToken);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/session',
      summary: '登录',
      policy: accessPolicy.ref('session.create'),
      csrfExempt: true,
      body: loginBodySchema,
      response: sessionSchema,
      handler: async (ctx, { body, req, reply }) => {
        const { user, token, csrfToken } = await login(ctx, { ...body, address: req.ip }, limiter);
        setSessionCookies(req, reply, token, csrfToken);
        reply.header('x-csrf-token', csrfToken);
        const actor: Actor = {
          kind: 'user',
          userId: user.id,
          username: user.username,
          name: user.name,
          unitId: user.unitId,
          roles: user.roles as never,
        };
        return presentSession(actor, await unitName(ctx.tx, user.unitId), csrfToken);
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/session',
      summary: '退出登录',
      policy: accessPolicy.ref('session.delete'),
      response: sessionSchema,
      handler: async (ctx, { req, reply }) => {
        const token = req.cookies[SESSION_COOKIE];
        const u = userName(ctx.actor);
        if (token && u) await logout(ctx, token, u.userId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(CSRF_COOKIE, { path: '/' });
        return presentSession({ kind: 'public' }, null, null);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/users',
      summary: '账号列表（管理员）',
      policy: accessPolicy.ref('user.list'),
      response: z.object({ items: z.array(userSchema) }),
      handler: async (ctx) => {
        const rows = await ctx.tx
          .select({ user: users, unitName: units.name })
          .from(users)
          .leftJoin(units, eq(units.id, users.unitId))
          .orderBy(asc(users.username));
        return { items: rows.map((r) => presentUser(r.user, r.unitName)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      summary: '新建账号（管理员）',
      policy: accessPolicy.ref('user.create'),
      status: 201,
      body: z.object({
        username: z
          .string()
          .trim()
          .min(2)
          .max(64)
          .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符'),
        name: z.string().trim().min(1).max(64),
        password: z.string().min(8, '密码至少 8 位').max(256),
        roles: z.array(roleSchema).min(1),
        unitId: z.uuid().nullable(),
      }),
      response: userSchema,
      handler: async (ctx, { body }) => {
        const user = await createUser(ctx, body);
        return presentUser(user, await unitName(ctx.tx, user.unitId));
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:id',
      summary: '修改账号（姓名、角色、单位、停用、重设密码；停用或改密码会结束其登录）',
      policy: accessPolicy.ref('user.update'),
      params: z.object({ id: z.uuid() }),
      body: z.object({
        name: z.string().trim().min(1).max(64).optional(),
        roles: z.array(roleSchema).min(1).optional(),
        unitId: z.uuid().nullable().optional(),
        active: z.boolean().optional(),
        password: z.string().min(8, '密码至少 8 位').max(256).optional(),
      }),
      response: userSchema,
      handler: async (ctx, { params, body }) => {
        const user = await updateUser(ctx, params.id, body);
        return presentUser(user, await unitName(ctx.tx, user.unitId));
      },
    }),
  ];
}
