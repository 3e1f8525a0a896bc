import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only audit trail. Each event carries the hash of the previous one (`prevHash`) and
 * its own hash over its content and `prevHash`, so altering or removing any event breaks the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId, t.seq),
    index('audit_unit_idx').on(t.unitId, t.seq),
  ],
);

/**
 * One row (id = 1): the last sequence number and hash. Appending updates it under its row lock,
 * which orders concurrent writers and lets verify detect events removed from the end.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
