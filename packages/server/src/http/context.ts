import type { Config } from '../config.js';
import type { Database, Tx } from '../db/client.js';
import type { Actor } from '../policy.js';
import { appendAuditEvents, insertUnsealedAuditEvents, type AuditInput } from '../modules/audit/append.js';
import { toJsonValue } from '../modules/audit/chain.js';
import { sealAfterCommit } from '../modules/audit/seal.js';

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

const beforeCommitByTx = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * Runs `fn` when the transaction `tx` of a `withContext` is about to commit, after the unit of work
 * and its audit events, as the last statements: for writes to rows every writer shares (the plan's
 * and units' counts), so their row locks are held only from there to the commit.
 * Returns false outside `withContext` (the caller then writes at once).
 */
export function onBeforeCommit(tx: object, fn: () => Promise<void>): boolean {
  const hooks = beforeCommitByTx.get(tx);
  if (!hooks) return false;
  hooks.push(fn);
  return true;
}

/**
 * Runs `fn` in one transaction with a fresh context; commits when it resolves, rolls back when it
 * throws. Audit events are written at the end, just before commit. Embedded: appended to the chain
 * there (one transaction at a time). PostgreSQL: inserted unsealed, taking no shared lock, and
 * sealed into the chain right after commit, before this resolves (docs/adr/0006).
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
  const pending: AuditInput[] = [];
  const result = await deps.database.db.transaction(async (tx) => {
    pending.length = 0;
    const hooks: (() => Promise<void>)[] = [];
    beforeCommitByTx.set(tx, hooks);
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
    const out = await fn(ctx);
    const write = (events: AuditInput[]) =>
      deps.database.kind === 'postgres'
        ? insertUnsealedAuditEvents(tx, actor, now, events)
        : appendAuditEvents(tx, actor, now, events);
    // The audit events first (they take no shared lock on PostgreSQL), the hooks' shared rows last.
    const written = pending.length;
    await write(pending);
    for (let hook = hooks.shift(); hook; hook = hooks.shift()) await hook();
    beforeCommitByTx.delete(tx);
    if (pending.length > written) await write(pending.slice(written));
    return out;
  });
  if (pending.length && deps.database.kind === 'postgres') await sealAfterCommit(deps.database);
  return result;
}
