import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy.js';
import { auditEvents, auditHead } from './schema.js';
import { GENESIS_HASH, hashEvent, toJsonValue } from './chain.js';

/** What a command says about one change; the actor and time come from the request context. */
export interface AuditInput {
  /** Dotted verb, e.g. "plan.publish", "session.login". */
  action: string;
  entityType: string;
  entityId: string;
  /** The unit the entity belongs to, when it has one. */
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted, when not the context's actor (a login acts as the user it signs in). */
  actor?: Actor;
}

/** The stored fields of an event that come from the input, the actor and the time. */
function contentOf(input: AuditInput, contextActor: Actor, now: Date) {
  const actor = input.actor ?? contextActor;
  return {
    at: now.toISOString(),
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorName: actor.kind === 'user' ? actor.name : actor.kind === 'system' ? actor.name : null,
    actorUnitId: actor.kind === 'user' ? actor.unitId : null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
  };
}

/**
 * Inserts events unsealed (no sequence number, no hashes), in one statement and without touching
 * the shared chain head: PostgreSQL writers never queue on one row. `sealAuditEvents` links them
 * into the chain right after commit (docs/adr/0006-audit-sealed-after-commit.md).
 */
export async function insertUnsealedAuditEvents(
  tx: Db,
  contextActor: Actor,
  now: Date,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (!inputs.length) return;
  await tx.insert(auditEvents).values(inputs.map((input) => contentOf(input, contextActor, now)));
}

/**
 * Appends events to the audit chain, sealed, in the caller's transaction, in two statements
 * whatever their number: reserve the sequence numbers on the head row (its lock orders concurrent
 * writers, so the chain never forks), then insert the events and move the head's hash in one
 * statement. For the embedded database, which runs one transaction at a time anyway.
 */
export async function appendAuditEvents(
  tx: Db,
  contextActor: Actor,
  now: Date,
  inputs: readonly AuditInput[],
): Promise<number[]> {
  if (!inputs.length) return [];
  const reserve = () =>
    tx
      .update(auditHead)
      .set({ seq: sql`${auditHead.seq} + ${inputs.length}` })
      .where(eq(auditHead.id, 1))
      .returning({ seq: auditHead.seq, hash: auditHead.hash });
  let [head] = await reserve();
  if (!head) {
    // The very first write of a new database.
    await tx.insert(auditHead).values({ id: 1, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
    [head] = await reserve();
    if (!head) throw new Error('audit head missing');
  }
  let prevHash = head.hash;
  const first = head.seq - inputs.length + 1;
  const rows = inputs.map((input, i) => {
    const event = { ...contentOf(input, contextActor, now), seq: first + i, prevHash };
    const hash = hashEvent(event);
    prevHash = hash;
    return { ...event, hash };
  });
  const insert = tx.insert(auditEvents).values(rows).getSQL();
  await tx.execute(sql`with appended as (${insert}) update audit_head set hash = ${prevHash} where id = 1`);
  return rows.map((r) => r.seq);
}
