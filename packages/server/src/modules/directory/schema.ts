import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Units: governments, departments, development zones, enterprises, central units in a province,
 * and collective groups (各市、州、县人民政府). A tree through `parentId`: a department's parent is
 * its government, a city government's parent is its province's.
 */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key for shipped directory data ("hb", "hb.wh.fgw"); null for units made here. */
    code: text('code'),
    name: text('name').notNull(),
    /** national | province | prefecture | county | other */
    level: text('level').notNull(),
    /** government | department | party | zone | enterprise | central | people | group | other */
    kind: text('kind').notNull(),
    /** Province the unit sits in (湖北省), or null for national units. */
    region: text('region'),
    // No FK to its own table: a backup restores table by table (docs/adr/0003).
    parentId: uuid('parent_id'),
    /** active | proposed (named by an imported document, waiting for the coordinator). */
    status: text('status').notNull().default('active'),
    /** For proposed units: the unit whose document named it (context of the printed name). */
    proposedInId: uuid('proposed_in_id'),
    /** Proposed units: the plan whose import named it. */
    proposedByPlanId: uuid('proposed_by_plan_id'),
    isGroup: boolean('is_group').notNull().default(false),
    /** Maintained count of open task assignments (per-unit aggregate for hot reads). */
    openTasks: integer('open_tasks').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_parent_idx').on(t.parentId),
    index('units_status_idx').on(t.status),
    index('units_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/**
 * Every name a unit is printed with: its full name, short names (市发改委) and aliases (武圈办).
 * `scopeUnitId` says in whose documents the name means this unit: 市发改委 means Wuhan's only in a
 * document issued under 武汉市人民政府; null means everywhere (a full name).
 */
export const unitNames = pgTable(
  'unit_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** full | short | alias */
    kind: text('kind').notNull(),
    scopeUnitId: uuid('scope_unit_id').references(() => units.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('unit_names_name_idx').on(t.name),
    index('unit_names_unit_idx').on(t.unitId),
    uniqueIndex('unit_names_uq').on(
      t.unitId,
      t.name,
      sql`coalesce(${t.scopeUnitId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** Members of a collective group unit (长江中游城市群相关城市人民政府 → its city governments). */
export const unitGroupMembers = pgTable(
  'unit_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.memberId] }),
    index('unit_group_members_member_idx').on(t.memberId),
  ],
);
