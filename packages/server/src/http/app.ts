import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import { CSRF_COOKIE, LIMITS, SESSION_COOKIE } from '@xietong/shared';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { PUBLIC } from '../policy.js';
import { extendSession, findLiveSession } from '../modules/access/repository.js';
import { LoginLimiter } from '../modules/access/login-limiter.js';
import { modules } from '../modules/registry.js';
import { VERSION } from '../modules/system/routes.js';
import { installErrorHandler } from './error-handler.js';
import { registerRoutes, type RegisterOptions } from './register.js';
import type { AnyRoute } from './route.js';
import { DEFAULT_WEB_DIST, installWeb } from './web.js';

export interface BuildAppOptions extends RegisterOptions {
  db: Database;
  config: Config;
  /** Fastify's logger (off in tests). */
  logger?: boolean;
}

export interface XietongApp extends FastifyInstance {
  /** Every route spec registered through the route helper, for the route-table tests. */
  routeTable: readonly AnyRoute[];
  /** The login limiter of this process (tests reset it between tests). */
  loginLimiter: LoginLimiter;
  /** Every route Fastify registered by any means (plugins too), with the policy it declared. */
  registeredRoutes: { method: string; url: string; policy: { action: string } | undefined }[];
}

/** Builds the HTTP app over an open database. Does not listen. */
export async function buildApp({
  db,
  config,
  logger = false,
  ...options
}: BuildAppOptions): Promise<XietongApp> {
  const app = Fastify({
    logger: logger ? { level: 'info' } : false,
    trustProxy: config.trustProxy,
    bodyLimit: LIMITS.importTextChars * 4,
  }) as unknown as XietongApp;

  // zod does the validation in the route helper; the JSON schemas are only for OpenAPI.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandler(app);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: LIMITS.importFileBytes, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '协同 Xietong API',
        version: VERSION,
        description: '规划任务闭环管理平台接口。错误统一返回 { code, message }。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });

  app.registeredRoutes = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      app.registeredRoutes.push({ method: String(method), url: r.url, policy: r.config?.policy });
    }
  });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    req.actor = PUBLIC;
    req.csrfToken = null;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const now = new Date();
    const s = await findLiveSession(db.db, token, now);
    if (!s) return;
    if (await extendSession(db.db, s.id, s.expiresAt, now, LIMITS.sessionIdleMs)) {
      const cookie = {
        path: '/',
        sameSite: 'lax' as const,
        secure: req.protocol === 'https',
        maxAge: Math.floor(LIMITS.sessionIdleMs / 1000),
      };
      reply.setCookie(SESSION_COOKIE, token, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...cookie, httpOnly: false });
    }
    req.actor = {
      kind: 'user',
      userId: s.userId,
      username: s.username,
      name: s.name,
      unitId: s.unitId,
      roles: s.roles,
    };
    req.csrfToken = s.csrfToken;
  });

  const deps = { database: db, config };
  const moduleDeps = { loginLimiter: new LoginLimiter() };
  app.loginLimiter = moduleDeps.loginLimiter;
  const routes = modules.flatMap((m) => m.routes(moduleDeps));
  registerRoutes(app, routes, deps, options);
  app.routeTable = routes;

  await installWeb(app, config.webDist ?? DEFAULT_WEB_DIST, db.kind);
  return app;
}
