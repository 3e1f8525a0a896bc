import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { backupDatabase } from '../../db/backup.js';
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
    response: z.object({
      status: z.literal('ok'),
      database: z.string(),
      version: z.string(),
      time: z.string(),
    }),
    handler: async (ctx) => {
      await ctx.tx.execute(sql`select 1`);
      return {
        status: 'ok' as const,
        database: ctx.config.databaseUrl ? 'postgres' : 'pglite',
        version: VERSION,
        time: ctx.now.toISOString(),
      };
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
  defineRoute({
    method: 'GET',
    url: '/api/backup',
    summary: '在线备份：下载整个数据库的备份文件（可用 xietong restore 恢复）',
    policy: systemPolicy.ref('system.backup'),
    response: z.any(),
    handler: async (ctx, { reply }) => {
      const dir = mkdtempSync(join(tmpdir(), 'xietong-backup-'));
      const file = join(dir, 'backup.xtb');
      await backupDatabase(ctx.tx, file, ctx.now, true);
      await ctx.audit({ action: 'system.backup', entityType: 'system', entityId: 'backup' });
      const stream = createReadStream(file);
      stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
      const stamp = ctx.now.toISOString().slice(0, 19).replace(/[-:T]/g, '');
      reply.header('content-type', 'application/gzip');
      reply.header('content-disposition', `attachment; filename="xietong-${stamp}.xtb"`);
      return reply.send(stream);
    },
  }),
];
