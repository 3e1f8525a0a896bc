import type { Actor } from '../../policy.js';
import { directoryPolicy } from './policy.js';
import type { unitNames } from './schema.js';
import type { UnitRow } from './repository.js';

/** A unit in lists. */
export function presentUnit(u: UnitRow, actor: Actor) {
  return {
    id: u.id,
    name: u.name,
    level: u.level,
    kind: u.kind,
    region: u.region,
    parentId: u.parentId,
    status: u.status as 'active' | 'proposed',
    isGroup: u.isGroup,
    proposedInId: u.proposedInId,
    proposedByPlanId: u.proposedByPlanId,
    actions: directoryPolicy
      .allowed(actor, ['unit.update', 'unit.confirm', 'unit.map'])
      .filter((a) => a === 'unit.update' || u.status === 'proposed'),
  };
}

/** A unit with its names and members. */
export function presentUnitDetail(
  u: UnitRow,
  names: (typeof unitNames.$inferSelect)[],
  members: UnitRow[],
  parentName: string | null,
  actor: Actor,
) {
  return {
    ...presentUnit(u, actor),
    parentName,
    names: names.map((n) => ({ name: n.name, kind: n.kind, scopeUnitId: n.scopeUnitId })),
    members: members.map((m) => presentUnit(m, actor)),
  };
}
