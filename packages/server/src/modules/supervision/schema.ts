import { sql } from 'drizzle-orm';
import {
  date,
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
import { plans, tasks } from '../plans/schema.js';

const planRef = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' });
const taskRef = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' });
const unitRef = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => units.id, { onDelete: 'cascade' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Light rules (亮灯规则), one row per scope: `global`, or a plan id for a plan's own rules.
 * `rules` holds the LightRules object (see rules.ts); missing fields take the defaults.
 */
export const supervisionSettings = pgTable('supervision_settings', {
  scope: text('scope').primaryKey(),
  rules: jsonb('rules').notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * One step of the escalation ladder for a task and unit: 提醒 (remind) → 催办 (urge) → 督办单
 * (notice, numbered, blue/yellow/red, reply date) → 通报 (circulate). The unit replies; the
 * coordinator closes. A higher step supersedes the open lower one (status `escalated`).
 */
export const notices = pgTable(
  'supervision_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: planRef('plan_id'),
    taskId: taskRef('task_id'),
    unitId: unitRef('unit_id'),
    /** remind | urge | notice | circulate */
    level: text('level').notNull(),
    /** blue | yellow | red (督办单 colour) */
    color: text('color'),
    /** 督办〔2026〕3号 for notices; null for the lower steps. */
    number: text('number'),
    text: text('text').notNull(),
    replyBy: date('reply_by', { mode: 'string' }),
    /** open | replied | escalated | closed */
    status: text('status').notNull().default('open'),
    reply: text('reply'),
    repliedAt: ts('replied_at'),
    repliedBy: uuid('replied_by'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by'),
    closeNote: text('close_note'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('supervision_notices_unit_open_idx')
      .on(t.unitId, t.createdAt)
      .where(sql`${t.status} = 'open'`),
    index('supervision_notices_task_idx').on(t.taskId, t.unitId, t.createdAt),
    index('supervision_notices_created_idx').on(t.createdAt),
  ],
);

/** Numbering of 督办单 per year. */
export const noticeCounters = pgTable(
  'supervision_notice_counters',
  { year: integer('year').notNull(), kind: text('kind').notNull(), n: integer('n').notNull().default(0) },
  (t) => [primaryKey({ columns: [t.year, t.kind] })],
);

/** 延期申请: a unit asks to move a task's deadline; only before the deadline; approved or refused. */
export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: planRef('plan_id'),
    taskId: taskRef('task_id'),
    unitId: unitRef('unit_id'),
    currentDeadline: date('current_deadline', { mode: 'string' }).notNull(),
    requestedDate: date('requested_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    /** pending | approved | refused */
    status: text('status').notNull().default('pending'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('extension_requests_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    index('extension_requests_task_idx').on(t.taskId),
    index('extension_requests_unit_idx').on(t.unitId, t.createdAt),
  ],
);
