import type { Role } from '@xietong/shared';

/** Who is calling: a signed-in account, or the anonymous public. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      username: string;
      name: string;
      unitId: string | null;
      roles: readonly Role[];
    }
  | { kind: 'public' }
  /** The CLI, start-up and the demo loader: never passes a policy check, only calls commands. */
  | { kind: 'system'; name: string };

export const PUBLIC: Actor = { kind: 'public' };

/**
 * A declarative rule for one action. Rules are data, so the authorization matrix test can derive
 * what every role may do on every route and check the HTTP layer enforces exactly that.
 */
export interface Rule {
  /** Anonymous callers (and everyone else) may do it. */
  public?: boolean;
  /** Any signed-in account may do it. */
  authenticated?: boolean;
  /** These roles may do it whatever unit the resource belongs to. */
  anyUnit?: readonly Role[];
  /**
   * These roles may do it only on resources of their own unit. On a route without a resource
   * (a list), they may call it and the query is scoped to their unit.
   */
  ownUnit?: readonly Role[];
}

export interface PolicyRef<A extends string = string> {
  action: A;
  rule: Rule;
}

export interface Policy<A extends string> {
  readonly rules: Readonly<Record<A, Rule>>;
  /** The rule of one action, for a route's `policy` field. */
  ref(action: A): PolicyRef<A>;
  /** May the actor do this? `unitIds`: the units the resource belongs to, or undefined for none. */
  can(actor: Actor, action: A, unitIds?: readonly string[]): boolean;
  /** Subset of `actions` the actor may do on a resource of these units (for presenters). */
  allowed(actor: Actor, actions: readonly A[], unitIds?: readonly string[]): A[];
}

/** Small named predicates the rules are evaluated with. */
export const isSignedIn = (a: Actor): a is Extract<Actor, { kind: 'user' }> => a.kind === 'user';
export const hasRole = (a: Actor, roles: readonly Role[] | undefined): boolean =>
  isSignedIn(a) && !!roles && a.roles.some((r) => roles.includes(r));
export const belongsToUnit = (a: Actor, unitIds: readonly string[] | undefined): boolean =>
  isSignedIn(a) && a.unitId !== null && (unitIds === undefined || unitIds.includes(a.unitId));
export const isCoordinator = (a: Actor): boolean => hasRole(a, ['coordinator', 'admin']);

/** Evaluates a rule for an actor and the units of the resource. */
export function ruleAllows(rule: Rule, actor: Actor, unitIds?: readonly string[]): boolean {
  if (rule.public) return true;
  if (!isSignedIn(actor)) return false;
  if (rule.authenticated) return true;
  if (hasRole(actor, rule.anyUnit)) return true;
  if (hasRole(actor, rule.ownUnit) && belongsToUnit(actor, unitIds)) return true;
  return false;
}

/** Registry of every policy, so GET /api/session can list all allowed actions. */
const allPolicies: Policy<string>[] = [];

/** Declares a module's policy: its typed actions and their rules. */
export function definePolicy<A extends string>(rules: Record<A, Rule>): Policy<A> {
  const policy: Policy<A> = {
    rules,
    ref: (action) => ({ action, rule: rules[action] }),
    can: (actor, action, unitIds) => ruleAllows(rules[action], actor, unitIds),
    allowed: (actor, actions, unitIds) => actions.filter((a) => ruleAllows(rules[a], actor, unitIds)),
  };
  allPolicies.push(policy);
  return policy;
}

/**
 * Every action the actor may do somewhere (own unit counts): the `actions` list of the session.
 * Per-resource permissions come with each resource's `actions`.
 */
export function actionsOf(actor: Actor): string[] {
  const out = new Set<string>();
  for (const p of allPolicies) {
    for (const [action, rule] of Object.entries<Rule>(p.rules)) {
      if (ruleAllows(rule, actor, undefined)) out.add(action);
    }
  }
  return [...out].sort();
}
