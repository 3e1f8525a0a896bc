import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { defineRoute } from '../../http/route.js';
import { systemPolicy } from './policy.js';

export const VERSION = '0.1.0';

export const systemRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/health',
    summary: '健康检查：服务与数据库是否可用',
    policy: systemPolicy.ref('system.health'),
    response: z.object({ status: z.literal('ok'), database: z.string(), version: z.string(), time: z.string() }),
    handler: async (ctx) => {
      await ctx.tx.execute(sql`select 1`);
      return { status: 'ok' as const, database: ctx.config.databaseUrl ? 'postgres' : 'pglite', version: VERSION, time: ctx.now.toISOString() };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/openapi.json',
    summary: 'OpenAPI 3 接口说明',
    policy: systemPolicy.ref('system.openapi'),
    response: z.record(z.string(), z.unknown()),
    handler: (_ctx, { req }) => Promise.resolve(req.server.swagger() as unknown as Record<string, unknown>),
  }),
];
