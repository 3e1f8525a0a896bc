import type { Role, SessionBody } from '@xietong/shared';
import { actionsOf, type Actor } from '../../policy.js';
import type { UserRow } from './repository.js';

/** The session body: who is signed in, what they may do, and the CSRF token. */
export function presentSession(actor: Actor, unitName: string | null, csrfToken: string | null): SessionBody {
  if (actor.kind !== 'user') return { user: null, actions: actionsOf(actor), csrfToken: null };
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      name: actor.name,
      roles: [...actor.roles],
      unitId: actor.unitId,
      unitName,
    },
    actions: actionsOf(actor),
    csrfToken,
  };
}

/** An account as administrators see it (never the password hash). */
export function presentUser(u: UserRow, unitName: string | null) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    roles: u.roles as Role[],
    unitId: u.unitId,
    unitName,
    active: u.active,
  };
}
