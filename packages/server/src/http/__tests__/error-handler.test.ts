import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import { installErrorHandler, isConnectionError } from '../error-handler.js';

/** What node-postgres, its pool, drizzle and Node's sockets throw when PostgreSQL goes away. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
const LOST: [string, unknown][] = [
  ['admin shutdown (57P01)', pgError('terminating connection due to administrator command', '57P01')],
  [
    'crash shutdown (57P02)',
    pgError('terminating connection because of crash of another server process', '57P02'),
  ],
  ['starting up (57P03)', pgError('the database system is starting up', '57P03')],
  ['shutting down (57P03)', pgError('the database system is shutting down', '57P03')],
  ['connection failure (08006)', pgError('connection failure', '08006')],
  ['too many clients (53300)', pgError('sorry, too many clients already', '53300')],
  ['socket reset', pgError('read ECONNRESET', 'ECONNRESET')],
  ['refused', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
  ['pg: terminated', pgError('Connection terminated unexpectedly')],
  ['pg: client errored', pgError('Client has encountered a connection error and is not queryable')],
  ['pg: client closed', pgError('Client was closed and is not queryable')],
  ['pool: connect timeout', pgError('timeout exceeded when trying to connect')],
  ['pool: ended', pgError('Cannot use a pool after calling end on the pool')],
  [
    'drizzle wrapping a lost connection',
    Object.assign(new Error('Failed query: update "reports" set …'), {
      cause: pgError('Connection terminated unexpectedly'),
    }),
  ],
  [
    'AggregateError of refused addresses (localhost → ::1 and 127.0.0.1)',
    Object.assign(new AggregateError([pgError('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {}),
  ],
];

async function answerTo(error: unknown) {
  const app = Fastify();
  installErrorHandler(app);
  app.get('/boom', async () => {
    throw error;
  });
  const res = await app.inject({ method: 'GET', url: '/boom' });
  await app.close();
  return { status: res.statusCode, body: JSON.parse(res.body) as { code: string; message: string } };
}

describe('database connection loss', () => {
  test.each(LOST)('%s → 503 db.unavailable, in Chinese, saying to retry', async (_, error) => {
    expect(isConnectionError(error)).toBe(true);
    const res = await answerTo(error);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('db.unavailable');
    expect(res.body.message).toMatch(/没有保存.*重试/);
  });

  test('other database errors stay 500 internal (a bug, not a restart)', async () => {
    for (const error of [
      pgError('duplicate key value violates unique constraint "x"', '23505'),
      pgError('syntax error at or near "selec"', '42601'),
      new Error('Failed query: select 1'),
    ]) {
      expect(isConnectionError(error)).toBe(false);
      const res = await answerTo(error);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('internal');
    }
  });
});
