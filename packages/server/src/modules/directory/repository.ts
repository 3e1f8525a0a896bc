import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { unitGroupMembers, unitNames, units } from './schema.js';

export type UnitRow = typeof units.$inferSelect;

/** Printed names compared after removing spaces and unifying brackets and punctuation widths. */
export function normaliseUnitName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[〈<]/g, '（')
    .replace(/[〉>]/g, '）')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .trim();
}

export async function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  return u;
}

/** The unit and its ancestors, nearest first (a document's context for printed names). */
export async function ancestorChain(db: Db, unitId: string): Promise<string[]> {
  const found = await rows<{ id: string; depth: number }>(
    db,
    sql`with recursive chain(id, parent_id, depth) as (
          select id, parent_id, 0 from units where id = ${unitId}
          union all
          select u.id, u.parent_id, c.depth + 1 from units u join chain c on u.id = c.parent_id where c.depth < 20
        ) select id, depth from chain order by depth`,
  );
  return found.map((r) => r.id);
}

export interface NameCandidate {
  unitId: string;
  scopeUnitId: string | null;
  status: string;
}

/** Every unit a printed name may mean, with the scope in which it means it. */
export async function candidatesFor(db: Db, names: string[]): Promise<Map<string, NameCandidate[]>> {
  const out = new Map<string, NameCandidate[]>();
  if (!names.length) return out;
  const found = await db
    .select({
      name: unitNames.name,
      unitId: unitNames.unitId,
      scopeUnitId: unitNames.scopeUnitId,
      status: units.status,
    })
    .from(unitNames)
    .innerJoin(units, eq(units.id, unitNames.unitId))
    .where(inArray(unitNames.name, names));
  for (const r of found) {
    const list = out.get(r.name) ?? [];
    list.push({ unitId: r.unitId, scopeUnitId: r.scopeUnitId, status: r.status });
    out.set(r.name, list);
  }
  return out;
}

/** Adds a name to a unit unless it already has it in that scope. */
export async function addUnitName(
  db: Db,
  unitId: string,
  name: string,
  kind: 'full' | 'short' | 'alias',
  scopeUnitId: string | null,
) {
  const existing = await db
    .select({ id: unitNames.id })
    .from(unitNames)
    .where(
      and(
        eq(unitNames.unitId, unitId),
        eq(unitNames.name, name),
        scopeUnitId ? eq(unitNames.scopeUnitId, scopeUnitId) : isNull(unitNames.scopeUnitId),
      ),
    );
  if (existing.length) return;
  await db.insert(unitNames).values({ unitId, name, kind, scopeUnitId });
}

export async function namesOf(db: Db, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db.select().from(unitNames).where(inArray(unitNames.unitId, unitIds));
}

export async function membersOf(db: Db, groupId: string): Promise<UnitRow[]> {
  return db
    .select(unitsColumns)
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.memberId))
    .where(eq(unitGroupMembers.groupId, groupId));
}

const unitsColumns = {
  id: units.id,
  code: units.code,
  name: units.name,
  level: units.level,
  kind: units.kind,
  region: units.region,
  parentId: units.parentId,
  status: units.status,
  proposedInId: units.proposedInId,
  proposedByPlanId: units.proposedByPlanId,
  isGroup: units.isGroup,
  openTasks: units.openTasks,
  createdAt: units.createdAt,
};

/** Units whose full name or any name matches a search string (trigram index on names). */
export async function searchUnits(
  db: Db,
  q: string | undefined,
  status: string | undefined,
  limit: number,
  parentId?: string | null,
) {
  const conds = [];
  if (parentId === null) conds.push(sql`${units.parentId} is null`);
  else if (parentId) conds.push(eq(units.parentId, parentId));
  if (status) conds.push(eq(units.status, status));
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    conds.push(
      or(
        sql`${units.name} ilike ${like}`,
        sql`exists (select 1 from unit_names n where n.unit_id = ${units.id} and n.name ilike ${like})`,
      )!,
    );
  }
  return db
    .select()
    .from(units)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(units.level, units.name)
    .limit(limit);
}
