import { createHash } from 'node:crypto';

/** The hash the first event points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface HashedEvent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorUnitId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Normalises a value the way it will come back from jsonb (dates to strings, undefined dropped). */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** SHA-256 over the event's content and the previous hash. */
export function hashEvent(e: HashedEvent): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        e.seq,
        e.at,
        e.actorUserId,
        e.actorUnitId,
        e.action,
        e.entityType,
        e.entityId,
        e.unitId,
        e.before,
        e.after,
        e.prevHash,
      ]),
    )
    .digest('hex');
}
