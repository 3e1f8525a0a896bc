import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';

const dist = mkdtempSync(join(tmpdir(), 'xt-web-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>协同</title><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');

const ws = useTestWorkspace({ config: { webDist: dist } });

describe('web app', () => {
  test('/ and client-side routes get index.html; files are served; API 404s stay JSON', async () => {
    const c = ws.client();
    for (const path of ['/', '/plans/123', '/inbox?x=1']) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      expect(String(res.body)).toContain('<div id="root">');
    }
    const js = await c.get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(String(js.headers['content-type'])).toMatch(/javascript/);
    expect((await c.get('/assets/missing.js')).status).toBe(404);
    const api = await c.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('route.not_found');
  });
});
