import type { Config } from '../config.js';
import type { Database, Tx } from '../db/client.js';
import type { Actor } from '../policy.js';
import { appendAuditEvents, type AuditInput } from '../modules/audit/append.js';
import { toJsonValue } from '../modules/audit/chain.js';

/**
 * What every command receives: the transaction it must use (never a global client), who is acting,
 * the request's single notion of "now", and `audit` to append an event in the same transaction.
 */
export interface Ctx {
  tx: Tx;
  actor: Actor;
  now: Date;
  config: Config;
  audit(input: AuditInput): Promise<void>;
}

export interface Deps {
  database: Database;
  config: Config;
}

/**
 * Runs `fn` in one transaction with a fresh context; commits when it resolves, rolls back when it
 * throws. Audit events are appended at the end, just before commit: the audit head row is then the
 * last lock a transaction takes, so concurrent writers queue on it but can never deadlock on it.
 */
export async function withContext<T>(
  deps: Deps,
  actor: Actor,
  fn: (ctx: Ctx) => Promise<T>,
  now = new Date(),
): Promise<T> {
  // PostgreSQL may abort a transaction as a deadlock victim or on a serialization failure; the
  // whole unit of work is then safe to run again (nothing of it was committed).
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(deps, actor, fn, now);
    } catch (err) {
      if (attempt >= 3 || !isRetryable(err)) throw err;
    }
  }
}

function isRetryable(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '40P01' || e.code === '40001') return true;
  return e.cause !== undefined && e.cause !== err && isRetryable(e.cause);
}

async function runOnce<T>(deps: Deps, actor: Actor, fn: (ctx: Ctx) => Promise<T>, now: Date): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const pending: AuditInput[] = [];
    const ctx: Ctx = {
      tx,
      actor,
      now,
      config: deps.config,
      audit: (input) => {
        // Snapshot now: the objects may change before the events are written.
        pending.push({ ...input, before: toJsonValue(input.before), after: toJsonValue(input.after) });
        return Promise.resolve();
      },
    };
    const result = await fn(ctx);
    await appendAuditEvents(tx, actor, now, pending);
    return result;
  });
}
