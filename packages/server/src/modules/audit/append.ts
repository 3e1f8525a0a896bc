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

/**
 * Appends one event to the audit chain, in the caller's transaction. The head row's lock orders
 * concurrent writers, so the chain never forks.
 */
export async function appendAuditEvent(
  tx: Db,
  contextActor: Actor,
  now: Date,
  input: AuditInput,
): Promise<number> {
  const actor = input.actor ?? contextActor;
  await tx.insert(auditHead).values({ id: 1, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx
    .update(auditHead)
    .set({ seq: sql`${auditHead.seq} + 1` })
    .where(eq(auditHead.id, 1))
    .returning({ seq: auditHead.seq, hash: auditHead.hash });
  if (!head) throw new Error('audit head missing');
  const event = {
    seq: head.seq,
    at: now.toISOString(),
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorUnitId: actor.kind === 'user' ? actor.unitId : null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    prevHash: head.hash,
  };
  const hash = hashEvent(event);
  await tx.insert(auditEvents).values({
    ...event,
    actorName: actor.kind === 'user' ? actor.name : actor.kind === 'system' ? actor.name : null,
    hash,
  });
  await tx.update(auditHead).set({ hash }).where(eq(auditHead.id, 1));
  return event.seq;
}
