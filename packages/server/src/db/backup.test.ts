import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestWorkspace } from '../testing/workspace.js';
import { loadDirectory } from '../modules/directory/commands.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { backupDatabase, databaseFingerprint, restoreDatabase } from './backup.js';

const ws = useTestWorkspace();
const SEED_002 = readFileSync(
  new URL('../../../../../shared/seeds/002_40f578ca70fc5b5d.txt', import.meta.url),
  'utf8',
);

describe('backup and restore', () => {
  test('backup → changes → restore gives back exactly the backed-up database, original file bytes included', async () => {
    await ws.run((ctx) => loadDirectory(ctx));
    const c = await ws.as(['coordinator']);
    const imported = await c.post('/api/plans/import', { filename: '002.txt', text: SEED_002 });
    expect((await c.post(`/api/plans/${imported.body.id}/publish`, {})).status).toBe(200);
    const before = await databaseFingerprint(ws.db);
    expect(before.tasks!.length).toBeGreaterThan(10);

    const file = join(mkdtempSync(join(tmpdir(), 'xt-backup-')), 'backup.xtb');
    // Small pages, so every table of more than 50 rows is read in several fetches of its cursor.
    const counts = await backupDatabase(ws.db, file, new Date(), false, 50);
    expect(counts.tasks).toBe(before.tasks!.length);
    expect(counts.units).toBe(before.units!.length);
    expect(counts.units).toBeGreaterThan(200);

    // Life goes on after the backup…
    await c.post('/api/plans/import', { filename: 'again.txt', text: SEED_002 });
    await ws.db.execute(sql`delete from units where code like 'hn.%'`);
    expect(await databaseFingerprint(ws.db)).not.toEqual(before);

    await restoreDatabase(ws.db, file);
    expect(await databaseFingerprint(ws.db)).toEqual(before);
    expect((await verifyAuditChain(ws.db)).ok).toBe(true);
    const fileRes = await c.get(`/api/plans/${imported.body.id}/file`);
    expect(fileRes.body).toBe(SEED_002);
  });

  test('an administrator downloads an online backup that restores to the state it was taken in', async () => {
    await ws.run((ctx) => loadDirectory(ctx));
    const admin = await ws.as(['admin']);
    expect((await (await ws.as(['reporter'])).get('/api/backup')).status).toBe(403);
    const before = await databaseFingerprint(ws.db);
    const res = await ws.app.inject({
      method: 'GET',
      url: '/api/backup',
      headers: { cookie: `xt_session=${admin.cookie}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="xietong-\d+\.xtb"/);
    const file = join(mkdtempSync(join(tmpdir(), 'xt-backup-')), 'online.xtb');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, res.rawPayload);
    await ws.db.execute(sql`delete from units where code like 'jx.%'`);
    await restoreDatabase(ws.db, file);
    expect(await databaseFingerprint(ws.db)).toEqual(before);
  });

  test('a file that is not a backup is refused and nothing changes', async () => {
    await ws.as(['admin']);
    const before = await databaseFingerprint(ws.db);
    const dir = mkdtempSync(join(tmpdir(), 'xt-backup-'));
    const bogus = join(dir, 'bogus.xtb');
    const { gzipSync } = await import('node:zlib');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bogus, gzipSync('{"format":"something-else"}\n'));
    await expect(restoreDatabase(ws.db, bogus)).rejects.toThrow(/不是协同的备份文件/);
    expect(await databaseFingerprint(ws.db)).toEqual(before);
  });
});
