// What a bench script needs to start the built server on its own port: a free loopback port and
// the environment for the embedded database (dataDir) or PostgreSQL (url), without the demo.
import { createServer } from 'node:net';

/** A port nobody listens on now (the OS picks it; closed again before the server takes it). */
export function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

/** The server's environment: its data dir, and `url` to run on PostgreSQL instead of PGlite. */
export function serverEnv(port, { dataDir, url }) {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', XIETONG_DEMO: '0' };
  delete env.DATABASE_URL;
  if (url) env.DATABASE_URL = url;
  if (dataDir) env.XIETONG_DATA_DIR = dataDir;
  return env;
}
