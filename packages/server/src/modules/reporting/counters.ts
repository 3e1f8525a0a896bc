import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planStates, unitStates } from './schema.js';

/** Counter columns kept per unit and per plan. */
export type CountDeltas = Partial<
  Record<
    | 'openReports'
    | 'submittedReports'
    | 'acceptedReports'
    | 'onTimeReports'
    | 'lateReports'
    | 'redTasks'
    | 'yellowTasks',
    number
  >
>;
const COLUMNS = {
  openReports: 'open_reports',
  submittedReports: 'submitted_reports',
  acceptedReports: 'accepted_reports',
  onTimeReports: 'on_time_reports',
  lateReports: 'late_reports',
  redTasks: 'red_tasks',
  yellowTasks: 'yellow_tasks',
} as const;

/**
 * Adds deltas to a unit's and a plan's maintained counts, in the caller's transaction (upsert:
 * the row appears on first use).
 */
export async function bumpCounts(
  db: Db,
  target: { unitId?: string | null; planId?: string | null },
  deltas: CountDeltas,
): Promise<void> {
  const entries = Object.entries(deltas).filter(([, v]) => v) as [keyof typeof COLUMNS, number][];
  if (!entries.length) return;
  if (target.unitId) {
    await db.insert(unitStates).values({ unitId: target.unitId }).onConflictDoNothing();
    await db.execute(
      sql`update unit_states set ${sql.join(
        entries.map(
          ([k, v]) => sql`${sql.identifier(COLUMNS[k])} = greatest(0, ${sql.identifier(COLUMNS[k])} + ${v})`,
        ),
        sql`, `,
      )} where unit_id = ${target.unitId}`,
    );
  }
  if (target.planId) {
    await db.insert(planStates).values({ planId: target.planId }).onConflictDoNothing();
    await db.execute(
      sql`update plan_states set ${sql.join(
        entries.map(
          ([k, v]) => sql`${sql.identifier(COLUMNS[k])} = greatest(0, ${sql.identifier(COLUMNS[k])} + ${v})`,
        ),
        sql`, `,
      )} where plan_id = ${target.planId}`,
    );
  }
}

/** Which count a report status belongs to. */
export function bucketOf(
  status: string,
  open: boolean,
): 'openReports' | 'submittedReports' | 'acceptedReports' {
  if (open) return 'openReports';
  if (status === 'accepted' || status === 'consolidated') return 'acceptedReports';
  return 'submittedReports';
}

/** Deltas for a report moving from one state to another. */
export function transitionDeltas(
  before: { status: string; open: boolean },
  after: { status: string; open: boolean },
): CountDeltas {
  const a = bucketOf(before.status, before.open);
  const b = bucketOf(after.status, after.open);
  if (a === b) return {};
  return { [a]: -1, [b]: 1 };
}
