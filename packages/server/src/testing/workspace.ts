import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import { buildApp, type XietongApp } from '../http/app.js';
import { withContext, type Ctx } from '../http/context.js';
import type { Actor } from '../policy.js';
import { createTestDatabase, truncateAll, type TestDatabase } from './database.js';
import { buildUser, type UserRow } from './factories.js';
import { TestClient } from './client.js';
import type { Role } from '@xietong/shared';

export interface TestWorkspace {
  readonly database: Database;
  readonly db: Db;
  readonly app: XietongApp;
  readonly config: Config;
  /** The per-file database (for tests that open a second connection, e.g. backup/restore). */
  readonly testDb: TestDatabase;
  /** An anonymous client. */
  client(): TestClient;
  /** A signed-in client for a new account with these roles (and a new unit unless given). */
  as(roles: Role[], overrides?: Parameters<typeof buildUser>[1]): Promise<TestClient & { user: UserRow }>;
  /** Runs a command as the system actor, in a transaction, like the CLI does. */
  run<T>(fn: (ctx: Ctx) => Promise<T>, actor?: Actor): Promise<T>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent-test-data-dir',
    databaseUrl: null,
    demo: false,
    trustProxy: false,
    webDist: '/nonexistent-web-dist',
    ...overrides,
  };
}

/**
 * A fresh workspace per test: one migrated database per test file (PGlite in memory, or a
 * PostgreSQL database when XIETONG_TEST_DB=postgres), emptied before every test, with one app
 * per file whose login limiter is cleared before every test.
 */
export function useTestWorkspace(
  options: { config?: Partial<Config>; unsafeTestResourceUnits?: boolean } = {},
): TestWorkspace {
  let testDb: TestDatabase | null = null;
  let app: XietongApp | null = null;
  const config = testConfig(options.config);
  const need = <T>(v: T | null, what: string): T => {
    if (v === null) throw new Error(`test workspace: ${what} not ready (use inside a test)`);
    return v;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // One app per file: it holds no state but the login limiter, which is cleared per test.
    app = await buildApp({
      db: testDb.database,
      config: { ...config, databaseUrl: testDb.url },
      unsafeTestResourceUnits: options.unsafeTestResourceUnits ?? false,
    });
  });
  beforeEach(async () => {
    const t = need(testDb, 'database');
    await truncateAll(t.database.db);
    need(app, 'app').loginLimiter.clear();
  });
  afterAll(async () => {
    if (app) await app.close();
    if (testDb) await testDb.drop();
  });

  const ws: TestWorkspace = {
    get database() {
      return need(testDb, 'database').database;
    },
    get db() {
      return need(testDb, 'database').database.db;
    },
    get app() {
      return need(app, 'app');
    },
    get testDb() {
      return need(testDb, 'database');
    },
    config,
    client: () => new TestClient(need(app, 'app')),
    async as(roles, overrides = {}) {
      const user = await buildUser(ws.db, { roles, ...overrides });
      const client = new TestClient(ws.app) as TestClient & { user: UserRow };
      client.user = user;
      await client.login(user.username);
      return client;
    },
    run: (fn, actor = { kind: 'system', name: '测试' }) =>
      withContext({ database: ws.database, config }, actor, fn),
  };
  return ws;
}
