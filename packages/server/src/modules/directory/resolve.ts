import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitNames, units } from './schema.js';
import { ancestorChain, candidatesFor, normaliseUnitName } from './repository.js';

export interface Resolution {
  printed: string;
  status: 'resolved' | 'ambiguous' | 'unknown';
  unitId: string | null;
  /** For ambiguous names: the units it could mean. */
  candidates: string[];
}

/**
 * Resolves printed unit names in the context of the issuing unit: a name scoped to a unit in the
 * issuer's ancestor chain wins (nearest first: 市发改委 in a document of 武汉市人民政府办公厅 is
 * Wuhan's, because 武汉市人民政府 is its parent), then names valid everywhere.
 */
export async function resolveUnitNames(
  db: Db,
  printed: readonly string[],
  contextUnitId: string | null,
): Promise<Map<string, Resolution>> {
  const chain = contextUnitId ? await ancestorChain(db, contextUnitId) : [];
  const normalised = new Map(printed.map((p) => [p, normaliseUnitName(p)]));
  const cands = await candidatesFor(db, [...new Set(normalised.values())]);
  const out = new Map<string, Resolution>();
  for (const [p, n] of normalised) {
    let best = Infinity;
    let ids = new Set<string>();
    for (const c of cands.get(n) ?? []) {
      const rank = c.scopeUnitId === null ? chain.length : chain.indexOf(c.scopeUnitId);
      if (rank < 0) continue;
      if (rank < best) {
        best = rank;
        ids = new Set([c.unitId]);
      } else if (rank === best) ids.add(c.unitId);
    }
    const list = [...ids];
    out.set(p, {
      printed: p,
      status: list.length === 1 ? 'resolved' : list.length > 1 ? 'ambiguous' : 'unknown',
      unitId: list.length === 1 ? list[0]! : null,
      candidates: list,
    });
  }
  return out;
}

/**
 * Finds the unit that issued a document from the issuer as printed (湖北省人民政府办公厅): its exact
 * name, else the government whose name or alias the issuer begins with (武汉市… → 武汉市人民政府).
 */
export async function resolveIssuer(db: Db, issuer: string | null): Promise<string | null> {
  if (!issuer) return null;
  const n = normaliseUnitName(issuer);
  const exact = await resolveUnitNames(db, [n], null);
  const hit = exact.get(n);
  if (hit?.unitId) return hit.unitId;
  const govNames = await db
    .select({ unitId: unitNames.unitId, name: unitNames.name })
    .from(unitNames)
    .innerJoin(units, eq(units.id, unitNames.unitId))
    .where(and(eq(units.kind, 'government'), isNull(unitNames.scopeUnitId), eq(units.status, 'active')));
  let best: { unitId: string; len: number } | null = null;
  for (const g of govNames) {
    if (n.startsWith(g.name) && (!best || g.name.length > best.len))
      best = { unitId: g.unitId, len: g.name.length };
  }
  return best?.unitId ?? null;
}
