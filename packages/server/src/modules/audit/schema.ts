import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The order in which events were written, before they are sealed (docs/adr/0006). */
export const auditPendingNo = pgSequence('audit_pending_no');

/**
 * The append-only audit trail. Each sealed event carries the hash of the previous one (`prevHash`)
 * and its own hash over its content and `prevHash`, so altering or removing any sealed event breaks
 * the chain. On PostgreSQL a write inserts its events unsealed (`seq`, `prevHash`, `hash` null) and
 * takes no shared lock; the sealer links them into the chain right after commit (docs/adr/0006).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    /** Position in the chain; null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    /** Write order of unsealed events (the sealer's order; not unique across a restore). */
    pendingNo: bigint('pending_no', { mode: 'number' })
      .notNull()
      .default(sql`nextval('audit_pending_no')`),
    /** ISO 8601 UTC with milliseconds, exactly as hashed. */
    at: text('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    /** The unit the actor acted for (their unit at the time). */
    actorUnitId: uuid('actor_unit_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** The unit the entity belongs to, if any (scopes who may read the event). */
    unitId: uuid('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_seq_uq').on(t.seq),
    index('audit_unsealed_idx')
      .on(t.pendingNo)
      .where(sql`${t.seq} is null`),
    index('audit_entity_idx').on(t.entityType, t.entityId, t.seq),
    index('audit_unit_idx').on(t.unitId, t.seq),
  ],
);

/**
 * One row (id = 1): the last sealed sequence number and hash. Sealing (and embedded appends) update
 * it under its row lock, which orders sealers and lets verify detect events removed from the end.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
