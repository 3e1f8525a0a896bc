import { and, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../../http/context.js';
import { rows } from '../../db/client.js';
import { bumpCounts, counted, markUnitLights } from '../reporting/counters.js';
import { addWorkingDays, localDate } from '../reporting/periods.js';
import { unitStates } from '../reporting/schema.js';
import { tasks } from '../plans/schema.js';
import { supervisionSettings } from './schema.js';
import {
  computeTaskLight,
  DEFAULT_RULES,
  lightRulesSchema,
  type Light,
  type LightReason,
  type LightRules,
} from './rules.js';

/** The light rules for a plan from the stored settings: the plan's own, else the global ones, else the defaults. */
function rulesFrom(found: { scope: string; rules: unknown }[], planId?: string | null): LightRules {
  let rules: LightRules = { ...DEFAULT_RULES };
  for (const scope of planId ? ['global', planId] : ['global']) {
    const row = found.find((r) => r.scope === scope);
    if (row) rules = lightRulesSchema.parse({ ...rules, ...(row.rules as object) });
  }
  return rules;
}

/** The light rules for a plan: the plan's own, else the global ones, else the defaults. */
export async function loadRules(db: Db, planId?: string | null): Promise<LightRules> {
  const scopes = planId ? ['global', planId] : ['global'];
  const found = await db.select().from(supervisionSettings).where(inArray(supervisionSettings.scope, scopes));
  return rulesFrom(found, planId);
}

const toDate = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null;
/** A timestamp column read through raw SQL: a Date (PGlite, pg) or an ISO string. */
const toInstant = (v: unknown): Date | null =>
  v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;

/** What the rules read about a task, an overdue slot and an assignment (dates as ISO strings). */
interface Facts {
  id: string;
  plan_id: string;
  status: string;
  deadline_date: unknown;
  published_at: unknown;
  extended_deadline: unknown;
  percent: number | null;
  work_status: string | null;
  light: string | null;
  light_reasons: unknown;
  return_count: number | null;
}
interface Overdue {
  task_id: string;
  unit_name: string;
  period_label: string;
  due_date: unknown;
}
interface Assigned {
  task_id: string;
  unit_id: string;
  unit_name: string;
  assignment: string;
  assigned_at: unknown;
}

const groupBy = <T>(xs: T[], key: (x: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const list = out.get(key(x));
    if (list) list.push(x);
    else out.set(key(x), [x]);
  }
  return out;
};

/** Rows per multi-row statement (6 parameters each: well under PostgreSQL's 65,535). */
const CHUNK = 1000;

/**
 * Writes recomputed lights set-based: one multi-row upsert of `task_states` per chunk, and for the
 * tasks whose colour changed one delete and one multi-row insert of their units' inbox rows
 * (bench/FINDINGS.md #9: publishing a 1,000-task plan ran three statements per task).
 */
async function writeLights(
  ctx: Ctx,
  states: { taskId: string; planId: string; light: Light; reasons: LightReason[] }[],
  relit: { taskId: string; planId: string; light: Light; unitIds: string[] }[],
): Promise<void> {
  for (let i = 0; i < states.length; i += CHUNK) {
    const chunk = states.slice(i, i + CHUNK);
    await ctx.tx
      .execute(sql`insert into task_states (task_id, plan_id, light, light_reasons, light_at, updated_at)
        values ${sql.join(
          chunk.map(
            (s) =>
              sql`(${s.taskId}::uuid, ${s.planId}::uuid, ${s.light}, ${JSON.stringify(s.reasons)}::jsonb, ${ctx.now}, ${ctx.now})`,
          ),
          sql`, `,
        )}
        on conflict (task_id) do update set light = excluded.light, light_reasons = excluded.light_reasons,
          light_at = excluded.light_at, updated_at = excluded.updated_at`);
  }
  // The units' inbox rows follow the light.
  for (let i = 0; i < relit.length; i += CHUNK) {
    const chunk = relit.slice(i, i + CHUNK);
    await ctx.tx.execute(
      sql`delete from unit_work where kind in ('red', 'yellow') and task_id in (${sql.join(
        chunk.map((r) => sql`${r.taskId}::uuid`),
        sql`, `,
      )})`,
    );
    const lit = chunk.flatMap((r) =>
      r.light === 'green'
        ? []
        : r.unitIds.map(
            (u) => sql`(${u}::uuid, ${r.light}, ${r.taskId}::uuid, ${r.planId}::uuid, ${ctx.now})`,
          ),
    );
    for (let j = 0; j < lit.length; j += CHUNK) {
      await ctx.tx.execute(sql`insert into unit_work (unit_id, kind, task_id, plan_id, since)
          values ${sql.join(lit.slice(j, j + CHUNK), sql`, `)} on conflict do nothing`);
    }
  }
}

/**
 * Recomputes the lights of these tasks from the rules, in the caller's transaction, and keeps the
 * per-unit and per-plan red/yellow counts (and each unit's light) in step. Called by every write
 * that can change a light, and by the scheduled full recompute.
 */
export async function recomputeTaskLights(
  ctx: Ctx,
  taskIds: readonly string[],
): Promise<{ changed: number }> {
  return counted(ctx.tx, async () => {
    const ids = [...new Set(taskIds)];
    if (!ids.length) return { changed: 0 };
    const today = localDate(ctx.now);
    const idList = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    // Everything the rules read, in one statement (one round trip on a submit, where this runs for
    // one task): the tasks' facts, their overdue slots, their units and the plans' rule settings.
    const [read] = await rows<{
      facts: Facts[] | string;
      overdue: Overdue[] | string;
      assigned: Assigned[] | string;
      settings: { scope: string; rules: unknown }[] | string;
    }>(
      ctx.tx,
      sql`select
          (select coalesce(json_agg(x), '[]'::json) from (
            select t.id, t.plan_id, t.status, t.deadline_date, p.published_at, s.extended_deadline, s.percent, s.work_status,
              s.light, s.light_reasons, lr.return_count
            from tasks t join plans p on p.id = t.plan_id
            left join task_states s on s.task_id = t.id
            left join reports lr on lr.id = s.latest_report_id
            where t.id in (${idList}) and p.status = 'published') x) as facts,
          (select coalesce(json_agg(x order by x.due_date, x.unit_name), '[]'::json) from (
            select r.task_id, u.name as unit_name, r.period_label, r.due_date from reports r join units u on u.id = r.unit_id
            where r.task_id in (${idList}) and r.open and r.status in ('pending', 'draft') and r.due_date < ${today}) x) as overdue,
          (select coalesce(json_agg(x), '[]'::json) from (
            select tu.task_id, tu.unit_id, u.name as unit_name, tu.assignment, tu.assigned_at from task_units tu join units u on u.id = tu.unit_id
            where tu.task_id in (${idList}) and tu.plan_status = 'published' and tu.assignment <> 'returned') x) as assigned,
          (select coalesce(json_agg(x), '[]'::json) from (
            select ss.scope, ss.rules from supervision_settings ss
            where ss.scope = 'global' or ss.scope in (select t.plan_id::text from tasks t where t.id in (${idList}))) x) as settings`,
    );
    const json = <T>(v: T[] | string | undefined): T[] =>
      typeof v === 'string' ? (JSON.parse(v) as T[]) : (v ?? []);
    const facts = json(read?.facts);
    if (!facts.length) return { changed: 0 };
    const overdue = json(read?.overdue);
    const assigned = json(read?.assigned);
    const settings = json(read?.settings);
    const overdueByTask = groupBy(overdue, (o) => o.task_id);
    const assignedByTask = groupBy(assigned, (a) => a.task_id);
    const rulesByPlan = new Map<string, LightRules>();
    const touchedUnits = new Set<string>();
    const changedStates: { taskId: string; planId: string; light: Light; reasons: LightReason[] }[] = [];
    const relit: { taskId: string; planId: string; light: Light; unitIds: string[] }[] = [];
    for (const f of facts) {
      let rules = rulesByPlan.get(f.plan_id);
      if (!rules) rulesByPlan.set(f.plan_id, (rules = rulesFrom(settings, f.plan_id)));
      const myUnits = assignedByTask.get(f.id) ?? [];
      const publishedAt = toInstant(f.published_at) ?? ctx.now;
      const result = computeTaskLight(
        {
          today,
          status: f.status,
          deadline: toDate(f.extended_deadline) ?? toDate(f.deadline_date),
          start: localDate(publishedAt),
          percent: f.percent,
          workStatus: f.work_status,
          returnCount: f.return_count ?? 0,
          overdueReports: (overdueByTask.get(f.id) ?? []).map((o) => ({
            unitName: o.unit_name,
            periodLabel: o.period_label,
            dueDate: toDate(o.due_date)!,
          })),
          notAccepted: myUnits.flatMap((a) => {
            const at = toInstant(a.assigned_at);
            if (a.assignment !== 'assigned' || !at) return [];
            const since = localDate(at);
            return addWorkingDays(since, rules.assignmentWorkingDays) < today
              ? [{ unitName: a.unit_name, since }]
              : [];
          }),
        },
        rules,
      );
      const before = (f.light ?? 'green') as Light;
      if (before === result.light && JSON.stringify(f.light_reasons ?? []) === JSON.stringify(result.reasons))
        continue;
      changedStates.push({ taskId: f.id, planId: f.plan_id, light: result.light, reasons: result.reasons });
      if (before !== result.light) {
        const deltas = {
          redTasks: (result.light === 'red' ? 1 : 0) - (before === 'red' ? 1 : 0),
          yellowTasks: (result.light === 'yellow' ? 1 : 0) - (before === 'yellow' ? 1 : 0),
        };
        // Collected in memory by `counted`, applied once at the end of the command.
        await bumpCounts(ctx.tx, { planId: f.plan_id }, deltas);
        for (const u of myUnits) {
          await bumpCounts(ctx.tx, { unitId: u.unit_id }, deltas);
          touchedUnits.add(u.unit_id);
        }
        relit.push({
          taskId: f.id,
          planId: f.plan_id,
          light: result.light,
          unitIds: myUnits.map((u) => u.unit_id),
        });
      }
    }
    await writeLights(ctx, changedStates, relit);
    await markUnitLights(ctx.tx, [...touchedUnits]);
    return { changed: changedStates.length };
  });
}

/**
 * The scheduled recompute: every task of published plans (or of one plan), in batches. Time alone
 * changes lights (a due date passes), so this runs on a schedule as well as after writes.
 */
export async function recomputeAllLights(
  ctx: Ctx,
  planId?: string,
): Promise<{ tasks: number; changed: number }> {
  return counted(ctx.tx, async () => {
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    let changed = 0;
    for (;;) {
      const batch = await ctx.tx
        .select({ id: tasks.id })
        .from(tasks)
        .where(
          and(
            gt(tasks.id, after),
            planId ? eq(tasks.planId, planId) : sql`true`,
            sql`${tasks.status} <> 'draft'`,
          ),
        )
        .orderBy(tasks.id)
        .limit(2000);
      if (!batch.length) break;
      const r = await recomputeTaskLights(
        ctx,
        batch.map((b) => b.id),
      );
      total += batch.length;
      changed += r.changed;
      after = batch[batch.length - 1]!.id;
    }
    return { tasks: total, changed };
  });
}
