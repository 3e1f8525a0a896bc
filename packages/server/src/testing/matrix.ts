import { ROLES, type Role } from '@xietong/shared';
import { ruleAllows, type Actor } from '../policy.js';
import type { AnyRoute } from '../http/route.js';

export type Caller = Role | 'public';
export const CALLERS: readonly Caller[] = ['public', ...ROLES];
export type Ownership = 'own' | 'other';

export interface MatrixCase {
  route: AnyRoute;
  key: string;
  caller: Caller;
  ownership: Ownership;
  /** What the route's declared rule says this caller may do on a resource of this ownership. */
  allowed: boolean;
}

/**
 * Every route × every caller × own/other unit, with the expected outcome derived from the
 * route's declared rule. Routes without a resource (no `resourceUnits`) get one case per caller.
 */
export function authorizationMatrix(routes: readonly AnyRoute[]): MatrixCase[] {
  const cases: MatrixCase[] = [];
  const callerUnit = 'u-own';
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    for (const caller of CALLERS) {
      const actor: Actor =
        caller === 'public'
          ? { kind: 'public' }
          : { kind: 'user', userId: 'x', username: 'x', name: 'x', unitId: callerUnit, roles: [caller] };
      const ownerships: Ownership[] = route.resourceUnits ? ['own', 'other'] : ['own'];
      for (const ownership of ownerships) {
        const units = route.resourceUnits ? [ownership === 'own' ? callerUnit : 'u-other'] : undefined;
        cases.push({ route, key, caller, ownership, allowed: ruleAllows(route.policy.rule, actor, units) });
      }
    }
  }
  return cases;
}

/** Fills path parameters with a syntactically valid id. */
export function concreteUrl(url: string, id = '00000000-0000-4000-8000-000000000000'): string {
  return url.replace(/:[A-Za-z_]+/g, id);
}
