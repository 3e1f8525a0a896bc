import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { DomainError } from '../errors.js';
import { VERSION } from '../modules/system/routes.js';

/** packages/web/dist, the same relative place from src/http and dist/http. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

function statusPage(dbKind: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>协同 · 服务已启动</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2329}
code{background:#f2f3f5;padding:.1rem .3rem;border-radius:3px}</style></head><body>
<h1>协同 Xietong 服务已启动</h1>
<p>服务器正在运行（版本 ${VERSION}，数据库：${dbKind}）。网页端尚未构建：请在仓库根目录运行 <code>npm run build</code> 后刷新本页。</p>
<ul><li><a href="/api/health">/api/health</a> — 健康检查</li><li><a href="/api/openapi.json">/api/openapi.json</a> — 接口说明（OpenAPI 3）</li></ul>
</body></html>`;
}

/**
 * Serves the built web app at / with single-page-app fallback (any non-API GET that is not a file
 * gets index.html). Until the web app is built, a status page says the server is up.
 */
export async function installWeb(app: FastifyInstance, webDist: string, dbKind: string): Promise<void> {
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      throw new DomainError(
        'route.not_found',
        `没有这个接口（${req.method} ${path}）。请检查地址，接口说明见 /api/openapi.json。`,
      );
    }
    if (hasWeb && !/\.[a-z0-9]+$/i.test(path))
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    if (hasWeb) return reply.status(404).type('text/plain; charset=utf-8').send('文件不存在');
    return reply.type('text/html; charset=utf-8').send(statusPage(dbKind));
  });
}
