import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { units } from '../directory/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A plan (规划 / 实施方案 / 分工方案 / 工作方案). Drafts come from import; publishing assigns
 * every task to its units. `upstreamPlanId` links a plan to the plan it implements.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** plan | implementation | division | work | other */
    kind: text('kind').notNull(),
    /** draft | published | archived */
    status: text('status').notNull().default('draft'),
    docNumber: text('doc_number'),
    /** Issuer as printed, and the unit it resolved to (the context for unit names). */
    issuerText: text('issuer_text'),
    issuerUnitId: uuid('issuer_unit_id').references(() => units.id, { onDelete: 'set null' }),
    docDate: date('doc_date', { mode: 'string' }),
    year: integer('year'),
    // No FK to its own table: a backup restores table by table (docs/adr/0003).
    upstreamPlanId: uuid('upstream_plan_id'),
    /** The published plan this draft revises (re-import of a revised document). */
    revisesPlanId: uuid('revises_plan_id'),
    sourceFileId: uuid('source_file_id').references((): AnyPgColumn => planFiles.id),
    /** Parser warnings, leading group, references, removed spans: kept for review. */
    review: jsonb('review').notNull().default({}),
    /** The normalised text all spans point into. */
    text: text('text').notNull().default(''),
    /** Optimistic concurrency: bumped by every edit. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    /** Maintained counts (hot reads never count rows). */
    taskCount: integer('task_count').notNull().default(0),
    finishedTaskCount: integer('finished_task_count').notNull().default(0),
  },
  (t) => [
    index('plans_status_idx').on(t.status, t.createdAt),
    index('plans_upstream_idx').on(t.upstreamPlanId),
  ],
);

/** The original uploaded or pasted document, kept byte for byte. */
export const planFiles = pgTable('plan_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The plan's outline (chapters, headings, items) with source spans. */
export const planNodes = pgTable(
  'plan_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    // No FK to its own table: a backup restores table by table (docs/adr/0003).
    parentId: uuid('parent_id'),
    /** The parser's node id ("n12") for spans and warnings. */
    parseId: text('parse_id'),
    kind: text('kind').notNull(),
    level: integer('level').notNull(),
    marker: text('marker'),
    path: text('path').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    ord: integer('ord').notNull(),
    span: jsonb('span'),
  },
  (t) => [index('plan_nodes_plan_idx').on(t.planId, t.ord)],
);

/** A task of a plan. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    nodeId: uuid('node_id').references((): AnyPgColumn => planNodes.id, { onDelete: 'set null' }),
    path: text('path').notNull(),
    ord: integer('ord').notNull(),
    text: text('text').notNull(),
    annotation: text('annotation'),
    deadlineText: text('deadline_text'),
    deadlineDate: date('deadline_date', { mode: 'string' }),
    weight: doublePrecision('weight'),
    // No FK to its own table: a backup restores table by table (docs/adr/0003).
    upstreamTaskId: uuid('upstream_task_id'),
    /** draft | assigned | finished | signed_off */
    status: text('status').notNull().default('draft'),
    span: jsonb('span'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('tasks_plan_idx').on(t.planId, t.ord),
    // The lights dashboard pages one colour at a time in path order (supervision/routes.ts).
    index('tasks_path_idx').on(t.path, t.id),
    index('tasks_upstream_idx').on(t.upstreamTaskId),
    index('tasks_deadline_idx').on(t.deadlineDate),
  ],
);

/**
 * A unit's part in a task: lead (牵头), responsible (责任) or cooperating (配合). After publishing
 * each row is an assignment (交办) the unit accepts (签收) or returns (退回).
 * `planStatus` is copied from the plan so a unit's open work is one index range scan.
 */
export const taskUnits = pgTable(
  'task_units',
  {
    taskId: uuid('task_id')
      .notNull()
      .references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    /** lead | responsible | cooperating */
    role: text('role').notNull(),
    ord: integer('ord').notNull().default(0),
    /** The name as printed in the document. */
    printedName: text('printed_name'),
    /** none (draft) | assigned | accepted | returned */
    assignment: text('assignment').notNull().default('none'),
    assignedAt: ts('assigned_at'),
    planStatus: text('plan_status').notNull().default('draft'),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.unitId] }),
    index('task_units_unit_idx').on(t.unitId, t.planStatus, t.taskId),
    index('task_units_plan_idx').on(t.planId),
  ],
);

/** Indicators with baseline and target. */
export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references((): AnyPgColumn => tasks.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    target: doublePrecision('target').notNull(),
    unit: text('unit'),
    comparator: text('comparator').notNull(),
    year: integer('year'),
    baseline: doublePrecision('baseline'),
    baselineYear: integer('baseline_year'),
    binding: boolean('binding'),
    responsible: text('responsible').array().notNull().default([]),
    responsibleUnitIds: uuid('responsible_unit_ids').array().notNull().default([]),
    span: jsonb('span'),
    ord: integer('ord').notNull().default(0),
  },
  // By task: a report's indicators, and the `on delete set null` of a deleted task.
  (t) => [index('indicators_plan_idx').on(t.planId), index('indicators_task_idx').on(t.taskId)],
);

/** Key projects (重点工程项目). */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    text: text('text').notNull(),
    places: text('places').array().notNull().default([]),
    path: text('path').notNull(),
    span: jsonb('span'),
    ord: integer('ord').notNull().default(0),
  },
  (t) => [index('projects_plan_idx').on(t.planId)],
);

/** Work phases with their dates (工作部署阶段 2022年3月底之前…). */
export const phases = pgTable(
  'phases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    printed: text('printed'),
    activities: text('activities').notNull().default(''),
    span: jsonb('span'),
    ord: integer('ord').notNull().default(0),
  },
  (t) => [index('phases_plan_idx').on(t.planId)],
);

/**
 * Reporting cadences the document sets (月调度、季通报、半年报). Publishing hands these to the
 * reporting module, which opens its cycles from them.
 */
export const cadences = pgTable(
  'cadences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    /** monthly | quarterly | half-yearly | yearly | other */
    period: text('period').notNull(),
    what: text('what').notNull(),
    toText: text('to_text'),
    toUnitId: uuid('to_unit_id').references(() => units.id, { onDelete: 'set null' }),
    span: jsonb('span'),
    ord: integer('ord').notNull().default(0),
  },
  (t) => [index('cadences_plan_idx').on(t.planId)],
);
