import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rows } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../policy.js';
import { plans } from './schema.js';
import { plansPolicy } from './policy.js';
import { findPlan, findTask, unitsOfTasks, type PlanRow } from './repository.js';
import { presentPlanDetail, presentTask, type PlanHead, type PresentedPlanParts } from './present.js';

/** A plan the actor may see: drafts only for those who may read drafts; otherwise "not found". */
export async function visiblePlan(db: Db, actor: Actor, id: string): Promise<PlanRow> {
  const plan = await findPlan(db, id);
  if (!plan || (plan.status === 'draft' && !plansPolicy.can(actor, 'plan.read_drafts')))
    throw notFound('plan.not_found', '规划');
  return plan;
}

// Every plan column but the document text (up to megabytes; only the review's source view needs it).
const { text: _text, ...HEAD_COLUMNS } = getTableColumns(plans);

/** Like `visiblePlan`, without the document text. */
export async function visiblePlanHead(db: Db, actor: Actor, id: string): Promise<PlanHead> {
  const [plan] = await db.select(HEAD_COLUMNS).from(plans).where(eq(plans.id, id));
  if (!plan || (plan.status === 'draft' && !plansPolicy.can(actor, 'plan.read_drafts')))
    throw notFound('plan.not_found', '规划');
  return plan;
}

/** One JSON value computed by the database (one row, one column, one round trip). */
async function jsonOf<T>(db: Db, expr: SQL): Promise<T> {
  const [row] = await rows<{ j: unknown }>(db, sql`select ${expr} as j`);
  const v = row?.j;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

const ROLE_RANK = sql`case tu.role when 'lead' then 0 when 'responsible' then 1 else 2 end`;

/**
 * The parts of a plan's full view, built as JSON by the database in one statement: a 1,000-task
 * plan is one value to decode instead of ~5,000 rows through the driver (bench/FINDINGS.md #11).
 * Field names and order match the presenters' (`presentTask`, `presentPlanDetail`).
 */
function planPartsJson(planId: string, taskActions: string[]): SQL {
  const actions = JSON.stringify(taskActions);
  return sql`json_build_object(
    'issuerUnitName', (select u.name from plans p join units u on u.id = p.issuer_unit_id where p.id = ${planId}),
    'file', (select json_build_object('id', f.id, 'filename', f.filename, 'size', f.size, 'mime', f.mime)
             from plans p join plan_files f on f.id = p.source_file_id where p.id = ${planId}),
    'outline', coalesce((select json_agg(json_build_object('id', n.id, 'parentId', n.parent_id, 'kind', n.kind,
        'level', n.level, 'marker', n.marker, 'path', n.path, 'title', n.title, 'span', n.span) order by n.ord)
      from plan_nodes n where n.plan_id = ${planId}), '[]'::json),
    'tasks', coalesce((select json_agg(json_build_object('id', t.id, 'planId', t.plan_id, 'nodeId', t.node_id,
        'path', t.path, 'ord', t.ord, 'text', t.text, 'annotation', t.annotation, 'deadlineText', t.deadline_text,
        'deadlineDate', t.deadline_date, 'weight', t.weight, 'upstreamTaskId', t.upstream_task_id, 'status', t.status,
        'version', t.version, 'span', t.span, 'units', coalesce(tu.units, '[]'::json), 'actions', ${actions}::json) order by t.ord)
      from tasks t left join (
        select tu.task_id, json_agg(json_build_object('unitId', tu.unit_id, 'unitName', u.name, 'role', tu.role,
            'printedName', tu.printed_name, 'unitStatus', u.status, 'isGroup', u.is_group, 'assignment', tu.assignment)
            order by ${ROLE_RANK}, tu.ord) as units
        from task_units tu join units u on u.id = tu.unit_id where tu.plan_id = ${planId} group by tu.task_id
      ) tu on tu.task_id = t.id
      where t.plan_id = ${planId}), '[]'::json),
    'indicators', coalesce((select json_agg(json_build_object('id', i.id, 'name', i.name, 'target', i.target,
        'unit', i.unit, 'comparator', i.comparator, 'year', i.year, 'baseline', i.baseline, 'baselineYear', i.baseline_year,
        'binding', i.binding, 'responsible', i.responsible, 'responsibleUnitIds', i.responsible_unit_ids) order by i.ord)
      from indicators i where i.plan_id = ${planId}), '[]'::json),
    'projects', coalesce((select json_agg(json_build_object('id', x.id, 'name', x.name, 'text', x.text,
        'places', x.places, 'path', x.path) order by x.ord)
      from projects x where x.plan_id = ${planId}), '[]'::json),
    'phases', coalesce((select json_agg(json_build_object('id', x.id, 'name', x.name, 'start', x.start_date,
        'end', x.end_date, 'printed', x.printed, 'activities', x.activities) order by x.ord)
      from phases x where x.plan_id = ${planId}), '[]'::json),
    'cadences', coalesce((select json_agg(json_build_object('id', x.id, 'period', x.period, 'what', x.what,
        'to', x.to_text, 'toUnitId', x.to_unit_id) order by x.ord)
      from cadences x where x.plan_id = ${planId}), '[]'::json)
  )`;
}

/**
 * A fingerprint of every row the parts are built from: per table the row count and the sum of the
 * rows' `xmin` (the id of the transaction that wrote each row version: an insert, update or delete
 * changes it), over the plan's rows, the unit directory and the plan's file. Cheap: no row leaves
 * the database. `null` inside a transaction that has written: it may see its own uncommitted rows,
 * so it neither reads nor fills the memo.
 */
export function rowVersionsOf(tables: string[], planId: string): SQL {
  return sql`case when txid_current_if_assigned() is null then concat_ws(':', ${sql.join(
    tables.map(
      (t) =>
        sql`(select count(*) || '/' || coalesce(sum(x.xmin::text::bigint), 0) from ${sql.identifier(t)} x where x.plan_id = ${planId})`,
    ),
    sql`, `,
  )}, (select count(*) || '/' || coalesce(sum(u.xmin::text::bigint), 0) from units u),
    (select coalesce(sum(f.xmin::text::bigint), 0) from plans p join plan_files f on f.id = p.source_file_id where p.id = ${planId})) end`;
}

/**
 * Parts already built from committed rows, per plan and task actions, with the fingerprint they
 * were built from. Per process; the fingerprint is read in the caller's transaction.
 */
const partsMemo = new Map<string, { fingerprint: string; parts: PresentedPlanParts }>();
const MEMO_PLANS = 50;

/** The full plan view: summary, outline, every task with its units, indicators, projects, phases, cadences. */
export async function planDetail(db: Db, actor: Actor, id: string) {
  const plan = await visiblePlanHead(db, actor, id);
  const taskActions = plan.status === 'draft' ? plansPolicy.allowed(actor, ['task.edit']) : [];
  const key = `${id}|${taskActions.join(',')}|${plan.issuerUnitId ?? ''}|${plan.sourceFileId ?? ''}`;
  const [fp] = await rows<{ f: string | null }>(
    db,
    sql`select ${rowVersionsOf(['tasks', 'task_units', 'plan_nodes', 'indicators', 'projects', 'phases', 'cadences'], id)} as f`,
  );
  const fingerprint = fp?.f ?? null;
  const hit = partsMemo.get(key);
  let parts = fingerprint !== null && hit?.fingerprint === fingerprint ? hit.parts : undefined;
  if (!parts) {
    parts = await jsonOf<PresentedPlanParts>(db, planPartsJson(id, taskActions));
    if (fingerprint !== null) {
      partsMemo.delete(key);
      partsMemo.set(key, { fingerprint, parts });
      while (partsMemo.size > MEMO_PLANS) partsMemo.delete(partsMemo.keys().next().value!);
    }
  }
  return presentPlanDetail(plan, parts, actor);
}

/** One task, if its plan is visible. */
export async function taskDetail(db: Db, actor: Actor, id: string) {
  const task = await findTask(db, id);
  if (!task) throw notFound('task.not_found', '任务');
  const plan = await visiblePlanHead(db, actor, task.planId).catch(() => {
    throw notFound('task.not_found', '任务');
  });
  const unitMap = await unitsOfTasks(db, [id]);
  return presentTask(task, unitMap.get(id) ?? [], actor, plan.status);
}
