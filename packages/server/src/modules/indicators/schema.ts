import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { indicators, plans } from '../plans/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The value of an indicator for one period (指标数据): one row per indicator × period, holding the
 * latest statement — from a unit's report (`source` report) or the coordinator's bulk sheet
 * (`source` sheet). `version` grows with every change (the sheet's conflict check); every change is
 * an audit event with the value before and after, so the row is the maintained latest state and
 * the audit chain its history. The 指标 chart and the bulletin read these rows, never report history.
 */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references((): AnyPgColumn => indicators.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references((): AnyPgColumn => plans.id, { onDelete: 'cascade' }),
    /** Reporting period key: "2026", "2026-H2", "2026-Q3", "2026-09". */
    periodKey: text('period_key').notNull(),
    periodLabel: text('period_label').notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
    note: text('note').notNull().default(''),
    /** report | sheet */
    source: text('source').notNull(),
    /** The report the value came from (source report); no foreign key: the value outlives a purged slot. */
    reportId: uuid('report_id'),
    /** When the value was stated: the report's submission, the sheet's upload. A later statement wins. */
    statedAt: ts('stated_at').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('indicator_values_slot_uq').on(t.indicatorId, t.periodKey),
    index('indicator_values_plan_idx').on(t.planId, t.periodKey),
  ],
);
