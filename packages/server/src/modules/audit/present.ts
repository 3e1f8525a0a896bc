import type { auditEvents } from './schema.js';

/** An audit event as the API shows it. */
export function presentAuditEvent(e: typeof auditEvents.$inferSelect) {
  return {
    seq: e.seq,
    at: e.at,
    actor: { userId: e.actorUserId, name: e.actorName, unitId: e.actorUnitId },
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    unitId: e.unitId,
    before: e.before ?? null,
    after: e.after ?? null,
    hash: e.hash,
  };
}
