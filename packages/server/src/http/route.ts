import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { PolicyRef } from '../policy.js';
import type { Ctx } from './context.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One HTTP endpoint. Every route declares its method, url, zod schemas and its policy; the route
 * helper (http/register.ts) checks CSRF, then the policy, then validates, then runs `handler`
 * in a transaction, then validates the result against `response`.
 */
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends z.ZodType> {
  method: HttpMethod;
  /** Fastify path, e.g. "/api/plans/:id/publish". */
  url: string;
  /** One line for the OpenAPI description (Chinese is fine). */
  summary: string;
  tags?: string[];
  /** The typed action from the module's policy file: `plansPolicy.ref('plan.publish')`. */
  policy: PolicyRef;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; default 200. */
  status?: number;
  /**
   * The units the addressed resource belongs to, for rules with `ownUnit` roles. Return null when
   * the resource does not exist (the handler then answers 404). Called before validation with the
   * raw params, so check id formats yourself (`isUuid`).
   */
  resourceUnits?: (ctx: Ctx, params: Record<string, string>) => Promise<readonly string[] | null>;
  /** Also accept multipart/form-data (the handler reads files from `req`); body is then not parsed. */
  multipart?: boolean;
  /**
   * Honour an `Idempotency-Key` header: a retry with the same key returns the first response
   * instead of running again (submits).
   */
  idempotent?: boolean;
  /**
   * The handler's result comes from presenters that list every field, so in production
   * (`NODE_ENV=production`) it is sent as is, without the `response.parse` pass (its cost grows
   * with the size of the answer). Everywhere else — the tests — it is still parsed, so a presenter
   * that drifts from the schema fails them.
   */
  trustedResponse?: boolean;
  /** Only the login route: state-changing but without a session yet, so no CSRF token exists. */
  csrfExempt?: boolean;
  handler: (ctx: Ctx, input: RouteInput<P, Q, B>) => Promise<z.input<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, z.ZodType>;

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<
  R extends z.ZodType,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(spec: RouteSpec<P, Q, B, R>): AnyRoute {
  return spec;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True for a syntactically valid UUID (so a raw param can be used in a query). */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);
