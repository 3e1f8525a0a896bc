import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DataDirInUseError, openDatabase } from './client.js';

describe('embedded data directory', () => {
  test('a second process cannot open a data directory another live process holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xt-lock-'));
    // The test runner's parent process is alive: it stands for a running server.
    writeFileSync(join(dir, 'xietong.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir, databaseUrl: null })).rejects.toThrow(DataDirInUseError);
    await expect(openDatabase({ dataDir: dir, databaseUrl: null })).rejects.toThrow(/请先停止正在运行的服务/);
    expect(readFileSync(join(dir, 'xietong.lock'), 'utf8')).toBe(String(process.ppid));
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
  });
});
