import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import { CSRF_HEADER } from '@xietong/shared';
import { DomainError } from '../errors.js';
import { isSignedIn, ruleAllows, type Actor } from '../policy.js';
import { idempotencyKeys } from '../modules/system/schema.js';
import { withContext, type Ctx, type Deps } from './context.js';
import { describeZodError } from './error-handler.js';
import type { AnyRoute } from './route.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session's CSRF token, when signed in. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Set on every /api route by the route helper; a test fails on a route without it. */
    policy?: { action: string };
  }
}

export interface RegisterOptions {
  /**
   * Tests only (the authorization matrix): take a resource's units from the
   * `x-test-resource-units` header instead of the database. Never set in production.
   */
  unsafeTestResourceUnits?: boolean;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function jsonSchema(s: z.ZodType | undefined, io: 'input' | 'output'): Record<string, unknown> | undefined {
  if (!s) return undefined;
  try {
    const js = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<
      string,
      unknown
    >;
    delete js.$schema;
    return js;
  } catch {
    return {};
  }
}

/**
 * The top-level field names a body schema accepts, or null when it accepts any (not an object
 * schema, or one that passes unknown keys through). Looks through transforms, optional and
 * default wrappers and unions, so `z.object({...}).transform(...)` is covered too.
 */
export function knownFields(schema: z.ZodType | undefined): Set<string> | null {
  if (!schema) return null;
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as { def?: { type?: string } } | undefined;
      if (catchall && catchall.def?.type !== 'never') return null;
      return new Set(Object.keys(def.shape as Record<string, unknown>));
    }
    case 'pipe':
      return knownFields(def.in as z.ZodType);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return knownFields(def.innerType as z.ZodType);
    case 'union': {
      const all = new Set<string>();
      for (const option of def.options as z.ZodType[]) {
        const keys = knownFields(option);
        if (!keys) return null;
        for (const k of keys) all.add(k);
      }
      return all;
    }
    default:
      return null;
  }
}

/**
 * Refuses fields the route does not know (they were silently dropped before — a typo or a client
 * sending `status`/`unitId` must learn that nothing of it was taken; bench/FINDINGS.md finding 2).
 */
function refuseUnknownFields(known: Set<string> | null, body: unknown): void {
  if (!known || !body || typeof body !== 'object' || Array.isArray(body)) return;
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (!unknown.length) return;
  const shown = unknown.slice(0, 10).map((k) => k.slice(0, 60));
  throw new DomainError(
    'validation.failed',
    `未知字段：${shown.join('、')}${unknown.length > shown.length ? ' 等' : ''}。请只提交表单中的字段。`,
    { unknownFields: shown },
  );
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success)
    throw new DomainError('validation.failed', describeZodError(r.error, where), { issues: r.error.issues });
  return r.data;
}

/**
 * True when any string in the value contains a NUL character (PostgreSQL text cannot store one).
 * Walks with an explicit stack: a hostile body nested 100,000 levels deep must not overflow it.
 */
function hasNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v && typeof v === 'object') {
      for (const item of Object.values(v as Record<string, unknown>)) stack.push(item);
    }
  }
  return false;
}

function authorize(route: AnyRoute, actor: Actor, unitIds: readonly string[] | undefined): void {
  if (ruleAllows(route.policy.rule, actor, unitIds)) return;
  if (!isSignedIn(actor)) throw new DomainError('auth.required', '请先登录后再进行此操作。');
  throw new DomainError(
    'forbidden',
    '您的账号没有进行此操作的权限。如需办理，请联系本单位或统筹部门的管理员分配权限。',
  );
}

/** Registers route specs on the Fastify app, wiring CSRF, policy, validation, transaction and audit. */
export function registerRoutes(
  app: FastifyInstance,
  routes: readonly AnyRoute[],
  deps: Deps,
  options: RegisterOptions = {},
): void {
  for (const route of routes) {
    const successStatus = route.status ?? 200;
    const bodyFields = knownFields(route.body as z.ZodType | undefined);
    const parseResponse = !route.trustedResponse || process.env.NODE_ENV !== 'production';
    app.route({
      method: route.method,
      url: route.url,
      config: { policy: { action: route.policy.action } },
      schema: {
        summary: route.summary,
        tags: route.tags ?? [route.url.split('/')[2] ?? 'api'],
        ...(route.params ? { params: jsonSchema(route.params as z.ZodType, 'input') } : {}),
        ...(route.query ? { querystring: jsonSchema(route.query as z.ZodType, 'input') } : {}),
        ...(route.body && !route.multipart ? { body: jsonSchema(route.body as z.ZodType, 'input') } : {}),
        response: { [successStatus]: jsonSchema(route.response, 'output') ?? {} },
      },
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const actor = req.actor;
        if (STATE_CHANGING.has(route.method) && !route.csrfExempt && isSignedIn(actor)) {
          const sent = req.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !req.csrfToken || sent !== req.csrfToken) {
            throw new DomainError('csrf.invalid', '页面的安全令牌已失效。请刷新页面后重新操作。');
          }
        }
        // Role-level check first, so callers who may never do this learn nothing from validation.
        if (!ruleAllows(route.policy.rule, actor, undefined)) authorize(route, actor, []);
        const idemKey = route.idempotent && isSignedIn(actor) ? req.headers['idempotency-key'] : undefined;
        const routeKey = `${route.method} ${req.url}`;
        const result = await withContext(deps, actor, async (ctx: Ctx) => {
          if (route.resourceUnits) {
            const testUnits = options.unsafeTestResourceUnits
              ? req.headers['x-test-resource-units']
              : undefined;
            const units =
              typeof testUnits === 'string'
                ? testUnits.split(',').filter(Boolean)
                : await route.resourceUnits(ctx, req.params as Record<string, string>);
            // null: no such resource; the handler answers 404 for whoever may look it up.
            if (units !== null) authorize(route, actor, units);
          }
          if (typeof idemKey === 'string' && idemKey && isSignedIn(actor)) {
            // Claim the key: a retry arriving while the first request still runs waits on the
            // claimed row until that commits (PostgreSQL; PGlite runs one transaction at a time),
            // then finds the first answer. The claim is rolled back with a failed request.
            const claimed = await ctx.tx
              .insert(idempotencyKeys)
              .values({
                key: idemKey,
                userId: actor.userId,
                route: routeKey,
                status: 0,
                response: sql`'null'::jsonb`,
              })
              .onConflictDoNothing()
              .returning({ key: idempotencyKeys.key });
            if (!claimed.length) {
              const [seen] = await ctx.tx
                .select()
                .from(idempotencyKeys)
                .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, idemKey)));
              if (seen) {
                if (seen.route !== routeKey) {
                  throw new DomainError(
                    'idempotency.conflict',
                    '该请求编号已用于另一项操作。请刷新页面后重新提交。',
                  );
                }
                return { status: seen.status, body: seen.response };
              }
            }
          }
          if (hasNul(req.body) || hasNul(req.query)) {
            throw new DomainError(
              'validation.failed',
              '提交的内容含有不可见的空字符（\\0），请删除后重新提交。',
            );
          }
          const multipart = route.multipart && req.isMultipart();
          if (!multipart) refuseUnknownFields(bodyFields, req.body);
          const input = {
            params: parse(route.params, req.params, '地址参数'),
            query: parse(route.query, req.query, '查询条件'),
            body: multipart ? undefined : parse(route.body, req.body ?? {}, '提交的内容'),
            req,
            reply,
          };
          const out = await route.handler(ctx, input);
          const body: unknown = parseResponse ? route.response.parse(out) : out;
          if (typeof idemKey === 'string' && idemKey && isSignedIn(actor)) {
            await ctx.tx
              .update(idempotencyKeys)
              .set({ status: successStatus, response: body ?? null })
              .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, idemKey)));
          }
          return { status: successStatus, body };
        });
        // Acknowledge a write only once it is durable (embedded mode: fdatasync of the WAL,
        // shared by concurrent writers; PostgreSQL: already so at commit).
        if (route.method !== 'GET') await deps.database.flush();
        if (reply.sent) return reply;
        return reply.status(result.status).send(result.body);
      },
    });
  }
}
