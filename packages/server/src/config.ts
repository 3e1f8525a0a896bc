import { resolve } from 'node:path';

/** Everything the server reads from the environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** Where the embedded database and uploaded files live. */
  dataDir: string;
  /** When set, PostgreSQL through `pg` instead of the embedded PGlite. */
  databaseUrl: string | null;
  /** Load the demo workspace into an empty database at start-up (default on). */
  demo: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (needed to know a request came over https). */
  trustProxy: boolean;
  /** Directory with the built web app; served at / with SPA fallback when it exists. */
  webDist: string | null;
}

/** Reads the configuration from environment variables, with the README's defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 必须是 0–65535 之间的整数，当前为「${env.PORT}」，请修改后重启。`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.XIETONG_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL?.trim() ? env.DATABASE_URL.trim() : null,
    demo: !['0', 'false', 'no', 'off'].includes((env.XIETONG_DEMO ?? '1').toLowerCase()),
    trustProxy: ['1', 'true', 'yes'].includes((env.XIETONG_TRUST_PROXY ?? '').toLowerCase()),
    webDist: env.XIETONG_WEB_DIST ?? null,
  };
}
