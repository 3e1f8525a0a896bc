import { and, eq, inArray, sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../errors.js';
import type { Ctx } from '../../http/context.js';
import { taskUnits, indicators } from '../plans/schema.js';
import { users } from '../access/schema.js';
import { unitGroupMembers, unitNames, units } from './schema.js';
import { directorySeeds } from './shipped/units.js';
import { addUnitName, ancestorChain, findUnit, normaliseUnitName, type UnitRow } from './repository.js';

/** Loads the shipped unit directory; units already present (by code) are left as they are. Returns how many were added. */
export async function loadDirectory(ctx: Ctx): Promise<number> {
  const seeds = directorySeeds();
  const existing = await ctx.tx
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(
      inArray(
        units.code,
        seeds.map((s) => s.code),
      ),
    );
  const idOf = new Map(existing.map((e) => [e.code!, e.id]));
  const fresh = seeds.filter((s) => !idOf.has(s.code));
  if (!fresh.length) return 0;
  for (const s of fresh) idOf.set(s.code, crypto.randomUUID());
  const unitRows = fresh.map((s) => ({
    id: idOf.get(s.code)!,
    code: s.code,
    name: s.name,
    level: s.level,
    kind: s.kind,
    region: s.region,
    parentId: s.parent ? (idOf.get(s.parent) ?? null) : null,
    isGroup: s.kind === 'group',
  }));
  const nameRows: (typeof unitNames.$inferInsert)[] = [];
  const memberRows: (typeof unitGroupMembers.$inferInsert)[] = [];
  for (const s of fresh) {
    const id = idOf.get(s.code)!;
    const seen = new Set<string>();
    const add = (name: string, kind: 'full' | 'short' | 'alias', scope: string | null) => {
      const key = `${name}|${scope}`;
      if (seen.has(key)) return;
      seen.add(key);
      nameRows.push({ unitId: id, name, kind, scopeUnitId: scope });
    };
    add(s.name, 'full', null);
    for (const a of s.aliases ?? []) add(a, 'alias', null);
    const scopeCode = s.scope ?? s.parent;
    const scope = scopeCode ? (idOf.get(scopeCode) ?? null) : null;
    for (const sh of s.short ?? []) add(sh, 'short', scope);
    for (const m of s.members ?? []) {
      const mid = idOf.get(m);
      if (mid) memberRows.push({ groupId: id, memberId: mid });
    }
  }
  for (let i = 0; i < unitRows.length; i += 500)
    await ctx.tx.insert(units).values(unitRows.slice(i, i + 500));
  for (let i = 0; i < nameRows.length; i += 500)
    await ctx.tx.insert(unitNames).values(nameRows.slice(i, i + 500));
  if (memberRows.length) await ctx.tx.insert(unitGroupMembers).values(memberRows);
  await ctx.audit({
    action: 'directory.load',
    entityType: 'directory',
    entityId: 'shipped',
    after: { units: fresh.length, names: nameRows.length },
  });
  return fresh.length;
}

export interface CreateUnitInput {
  name: string;
  level: string;
  kind: string;
  region: string | null;
  parentId: string | null;
  shortNames: string[];
  aliases: string[];
  memberIds: string[];
}

/** Creates an active unit with its names (short names valid in documents of its parent). */
export async function createUnit(ctx: Ctx, input: CreateUnitInput): Promise<UnitRow> {
  const name = normaliseUnitName(input.name);
  const [clash] = await ctx.tx
    .select({ id: unitNames.id })
    .from(unitNames)
    .where(and(eq(unitNames.name, name), sql`${unitNames.scopeUnitId} is null`));
  if (clash)
    throw new DomainError(
      'unit.name_taken',
      `单位目录中已有名为「${name}」的单位。请直接选用它，或换一个全称。`,
    );
  if (input.parentId && !(await findUnit(ctx.tx, input.parentId)))
    throw notFound('unit.not_found', '上级单位');
  const [unit] = await ctx.tx
    .insert(units)
    .values({
      name,
      level: input.level,
      kind: input.kind,
      region: input.region,
      parentId: input.parentId,
      isGroup: input.kind === 'group',
    })
    .returning();
  await addUnitName(ctx.tx, unit!.id, name, 'full', null);
  for (const a of input.aliases) await addUnitName(ctx.tx, unit!.id, normaliseUnitName(a), 'alias', null);
  for (const s of input.shortNames)
    await addUnitName(ctx.tx, unit!.id, normaliseUnitName(s), 'short', input.parentId);
  if (input.memberIds.length)
    await ctx.tx
      .insert(unitGroupMembers)
      .values(input.memberIds.map((memberId) => ({ groupId: unit!.id, memberId })));
  await ctx.audit({
    action: 'unit.create',
    entityType: 'unit',
    entityId: unit!.id,
    unitId: unit!.id,
    after: { ...input, name },
  });
  return unit!;
}

/** The nearest government at or above a unit (where a printed name from its documents is scoped). */
async function contextGovernment(ctx: Ctx, unitId: string): Promise<UnitRow | undefined> {
  for (const id of await ancestorChain(ctx.tx, unitId)) {
    const u = await findUnit(ctx.tx, id);
    if (u?.kind === 'government') return u;
  }
  return undefined;
}

/**
 * Records a name an imported document uses that the directory does not know, as a proposed unit
 * for the coordinator to confirm or map; it is scoped to the document's context.
 */
export async function proposeUnit(
  ctx: Ctx,
  printed: string,
  contextUnitId: string | null,
  planId: string,
): Promise<UnitRow> {
  const name = normaliseUnitName(printed);
  const gov = contextUnitId ? await contextGovernment(ctx, contextUnitId) : undefined;
  const [unit] = await ctx.tx
    .insert(units)
    .values({
      name,
      level: gov?.level ?? 'other',
      kind: 'other',
      region: gov?.region ?? null,
      parentId: gov?.id ?? null,
      status: 'proposed',
      proposedInId: gov?.id ?? null,
      proposedByPlanId: planId,
    })
    .returning();
  await addUnitName(ctx.tx, unit!.id, name, 'short', gov?.id ?? null);
  await ctx.audit({
    action: 'unit.propose',
    entityType: 'unit',
    entityId: unit!.id,
    unitId: unit!.id,
    after: { name, contextUnitId, planId },
  });
  return unit!;
}

async function proposed(ctx: Ctx, id: string): Promise<UnitRow> {
  const unit = await findUnit(ctx.tx, id);
  if (!unit) throw notFound('unit.not_found', '单位');
  if (unit.status !== 'proposed')
    throw new DomainError('unit.not_proposed', `「${unit.name}」已是正式单位，无需再确认或对应。`);
  return unit;
}

/** Confirms a proposed unit as a new directory unit, optionally with its full name and place in the tree. */
export async function confirmUnit(
  ctx: Ctx,
  id: string,
  input: { name?: string; parentId?: string | null; kind?: string; level?: string },
) {
  const before = await proposed(ctx, id);
  const name = input.name ? normaliseUnitName(input.name) : before.name;
  const [after] = await ctx.tx
    .update(units)
    .set({
      name,
      status: 'active',
      kind: input.kind ?? before.kind,
      level: input.level ?? before.level,
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
    })
    .where(eq(units.id, id))
    .returning();
  if (name !== before.name) await addUnitName(ctx.tx, id, name, 'full', null);
  await ctx.audit({ action: 'unit.confirm', entityType: 'unit', entityId: id, unitId: id, before, after });
  return after!;
}

/**
 * Maps a proposed unit onto an existing one: its task roles move to the target, the printed name
 * becomes the target's short name in the same context, and the proposal disappears.
 */
export async function mapProposedUnit(ctx: Ctx, id: string, targetId: string) {
  const before = await proposed(ctx, id);
  const target = await findUnit(ctx.tx, targetId);
  if (!target || target.id === id) throw notFound('unit.not_found', '目标单位');
  // Tasks that already name the target keep their own row; the others move over.
  await ctx.tx.execute(sql`delete from task_units tu where tu.unit_id = ${id}
    and exists (select 1 from task_units o where o.task_id = tu.task_id and o.unit_id = ${targetId})`);
  await ctx.tx.update(taskUnits).set({ unitId: targetId }).where(eq(taskUnits.unitId, id));
  await ctx.tx
    .update(indicators)
    .set({
      responsibleUnitIds: sql`array_replace(${indicators.responsibleUnitIds}, ${id}::uuid, ${targetId}::uuid)`,
    })
    .where(sql`${id}::uuid = any(${indicators.responsibleUnitIds})`);
  await ctx.tx.update(users).set({ unitId: targetId }).where(eq(users.unitId, id));
  await addUnitName(ctx.tx, targetId, before.name, 'short', before.proposedInId);
  await ctx.tx.delete(unitNames).where(eq(unitNames.unitId, id));
  await ctx.tx.delete(unitGroupMembers).where(eq(unitGroupMembers.memberId, id));
  await ctx.tx.delete(units).where(eq(units.id, id));
  await ctx.audit({
    action: 'unit.map',
    entityType: 'unit',
    entityId: id,
    unitId: targetId,
    before,
    after: { mappedTo: targetId, name: target.name },
  });
  return target;
}

/** Adds a printed name to a unit (global alias, or short name valid in one unit's documents). */
export async function addName(ctx: Ctx, unitId: string, input: { name: string; scopeUnitId: string | null }) {
  const unit = await findUnit(ctx.tx, unitId);
  if (!unit) throw notFound('unit.not_found', '单位');
  const name = normaliseUnitName(input.name);
  await addUnitName(ctx.tx, unitId, name, input.scopeUnitId ? 'short' : 'alias', input.scopeUnitId);
  await ctx.audit({ action: 'unit.name.add', entityType: 'unit', entityId: unitId, unitId, after: input });
}
