import type { auditEvents } from './schema.js';

/** A sealed audit event as the API shows it (the list reads sealed events only). */
export function presentAuditEvent(e: typeof auditEvents.$inferSelect) {
  return {
    seq: e.seq ?? 0,
    at: e.at,
    actor: { userId: e.actorUserId, name: e.actorName, unitId: e.actorUnitId },
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    unitId: e.unitId,
    before: e.before ?? null,
    after: e.after ?? null,
    hash: e.hash ?? '',
  };
}
