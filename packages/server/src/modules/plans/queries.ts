import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedRows, rows } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../policy.js';
import { plans } from './schema.js';
import { plansPolicy } from './policy.js';
import { findPlan, findTask, unitsOfTasks, type PlanRow } from './repository.js';
import {
  presentPlanDetail,
  presentPlanSummary,
  presentTask,
  type PlanHead,
  type PresentedPlanParts,
} from './present.js';

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

/** `jsonOf` as a named prepared statement (planned once per connection): `name` fixes the text. */
async function preparedJsonOf<T>(db: Db, name: string, expr: SQL): Promise<T> {
  const [row] = await preparedRows<{ j: unknown }>(db, name, sql`select ${expr} as j`);
  const v = row?.j;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
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

/** Outline node of the light overview: the node and what its subtree holds. */
export interface OverviewNode {
  id: string;
  parentId: string | null;
  kind: string;
  level: number;
  marker: string | null;
  path: string;
  title: string;
  /** Tasks under the node and its descendants (cancelled ones left out). */
  tasks: number;
  /** Weighted mean progress of the subtree's live tasks (weight 1 when unset; signed off = 100). */
  percent: number | null;
  red: number;
  yellow: number;
  finished: number;
}

type NodeRow = Omit<OverviewNode, 'tasks' | 'percent' | 'red' | 'yellow' | 'finished'>;
type NodeSums = {
  nodeId: string | null;
  n: number;
  live: number;
  w: number;
  wp: number;
  red: number;
  yellow: number;
  finished: number;
};

/**
 * Sums per node carried up to every ancestor (a node counts each task of its subtree once), and
 * the plan's totals (tasks not under any node count in the totals only).
 */
export function rollUpOverview(nodes: NodeRow[], sums: NodeSums[]) {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const acc = new Map<string, Omit<NodeSums, 'nodeId'>>();
  const zero = () => ({ n: 0, live: 0, w: 0, wp: 0, red: 0, yellow: 0, finished: 0 });
  const total = zero();
  const add = (a: Omit<NodeSums, 'nodeId'>, s: NodeSums) => {
    a.n += s.n;
    a.live += s.live;
    a.w += s.w;
    a.wp += s.wp;
    a.red += s.red;
    a.yellow += s.yellow;
    a.finished += s.finished;
  };
  for (const s of sums) {
    add(total, s);
    const seen = new Set<string>();
    for (let id = s.nodeId; id && !seen.has(id) && parent.has(id); id = parent.get(id) ?? null) {
      seen.add(id);
      const a = acc.get(id) ?? zero();
      add(a, s);
      acc.set(id, a);
    }
  }
  const pct = (a: { live: number; w: number; wp: number }) =>
    a.live > 0 && a.w > 0 ? Math.round((a.wp / a.w) * 10) / 10 : null;
  const outline: OverviewNode[] = nodes.map((n) => {
    const a = acc.get(n.id) ?? zero();
    return { ...n, tasks: a.n, percent: pct(a), red: a.red, yellow: a.yellow, finished: a.finished };
  });
  return {
    outline,
    totals: {
      tasks: total.n,
      percent: pct(total),
      red: total.red,
      yellow: total.yellow,
      finished: total.finished,
    },
  };
}

/**
 * Outlines already read, per plan, with the version of their rows (count and sum of `xmin` of the
 * plan's nodes, read in the caller's transaction; `null` in a transaction that has written, which
 * neither reads nor fills the memo). The outline changes only in drafts and revisions; its ~1,000
 * nodes were most of the overview's bytes from the database.
 */
const outlineMemo = new Map<string, { version: string; nodes: NodeRow[] }>();

async function outlineOf(db: Db, planId: string, version: string | null): Promise<NodeRow[]> {
  const hit = outlineMemo.get(planId);
  if (version !== null && hit?.version === version) return hit.nodes;
  const nodes =
    (await preparedJsonOf<NodeRow[] | null>(
      db,
      'plans.outline',
      sql`(select json_agg(json_build_object('id', n.id, 'parentId', n.parent_id, 'kind', n.kind, 'level', n.level,
          'marker', n.marker, 'path', n.path, 'title', n.title) order by n.ord)
        from plan_nodes n where n.plan_id = ${planId})`,
    )) ?? [];
  if (version !== null) {
    outlineMemo.delete(planId);
    outlineMemo.set(planId, { version, nodes });
    while (outlineMemo.size > MEMO_PLANS) outlineMemo.delete(outlineMemo.keys().next().value!);
  }
  return nodes;
}

/**
 * Overviews already rolled up, per plan, with the versions of the outline's and the sums' rows
 * (tasks and task states: every report, light and status change writes one of them, so a new
 * report shows at once). Per process, read in the caller's transaction like `outlineMemo`; a
 * request then skips the per-node sums over the plan's task states.
 */
const overviewMemo = new Map<string, { version: string; rolled: ReturnType<typeof rollUpOverview> }>();

async function rolledUpOverview(db: Db, planId: string, nodesVersion: string | null, sumsVersion: string | null) {
  const version = nodesVersion !== null && sumsVersion !== null ? `${nodesVersion}|${sumsVersion}` : null;
  const hit = overviewMemo.get(planId);
  if (version !== null && hit?.version === version) return hit.rolled;
  const nodes = await outlineOf(db, planId, nodesVersion);
  const sums = await preparedJsonOf<NodeSums[] | null>(
      db,
      'plans.overview.sums',
      sql`(select json_agg(x) from (
          select t.node_id as "nodeId", count(*)::int as n,
            count(*) filter (where t.status <> 'draft')::int as live,
            coalesce(sum(coalesce(t.weight, 1)) filter (where t.status <> 'draft'), 0)::float8 as w,
            coalesce(sum(coalesce(t.weight, 1) * case when t.status = 'signed_off' then 100 else coalesce(s.percent, 0) end)
              filter (where t.status <> 'draft'), 0)::float8 as wp,
            count(*) filter (where t.status <> 'draft' and s.light = 'red')::int as red,
            count(*) filter (where t.status <> 'draft' and s.light = 'yellow')::int as yellow,
            count(*) filter (where t.status in ('finished', 'signed_off') or s.finish <> 'none')::int as finished
          from tasks t left join (select s.task_id, s.percent, s.light, s.finish from task_states s
              where s.plan_id = ${planId}) s on s.task_id = t.id
          where t.plan_id = ${planId} and t.status <> 'cancelled'
          group by t.node_id) x)`,
  );
  const rolled = rollUpOverview(nodes, sums ?? []);
  if (version !== null) {
    overviewMemo.delete(planId);
    overviewMemo.set(planId, { version, rolled });
    while (overviewMemo.size > MEMO_PLANS) overviewMemo.delete(overviewMemo.keys().next().value!);
  }
  return rolled;
}

/**
 * The plan page's light overview: the head, the outline with per-node task counts, progress and
 * lights, and the small parts (projects, phases, cadences) — no task list (fetched page by page,
 * `planTasksPage`). One statement for the head's parts and the versions; the rolled-up outline
 * from `overviewMemo` while its rows are unchanged, else the per-node sums built by the database.
 * Progress and lights only for those who may read them (`showState`).
 */
export async function planOverview(
  db: Db,
  actor: Actor,
  id: string,
  showState: { progress: boolean; lights: boolean },
) {
  const plan = await visiblePlanHead(db, actor, id);
  const parts = await preparedJsonOf<{
    issuerUnitName: string | null;
    nodesVersion: string | null;
    sumsVersion: string | null;
    projects: PresentedPlanParts['projects'] | null;
    phases: PresentedPlanParts['phases'] | null;
    cadences: PresentedPlanParts['cadences'] | null;
  }>(
    db,
    'plans.overview',
    sql`json_build_object(
      'issuerUnitName', (select u.name from units u where u.id = ${plan.issuerUnitId}),
      'nodesVersion', case when txid_current_if_assigned() is null then
        (select count(*) || '/' || coalesce(sum(n.xmin::text::bigint), 0) from plan_nodes n where n.plan_id = ${id}) end,
      -- The version of the rows the per-node sums read (null in a transaction that has written).
      'sumsVersion', case when txid_current_if_assigned() is null then
        (select count(*) || '/' || coalesce(sum(t.xmin::text::bigint), 0) from tasks t where t.plan_id = ${id}) || ':' ||
        (select count(*) || '/' || coalesce(sum(s.xmin::text::bigint), 0) from task_states s where s.plan_id = ${id}) end,
      'projects', (select json_agg(json_build_object('id', x.id, 'name', x.name, 'text', x.text,
          'places', x.places, 'path', x.path) order by x.ord) from projects x where x.plan_id = ${id}),
      'phases', (select json_agg(json_build_object('id', x.id, 'name', x.name, 'start', x.start_date,
          'end', x.end_date, 'printed', x.printed, 'activities', x.activities) order by x.ord) from phases x where x.plan_id = ${id}),
      'cadences', (select json_agg(json_build_object('id', x.id, 'period', x.period, 'what', x.what,
          'to', x.to_text, 'toUnitId', x.to_unit_id) order by x.ord) from cadences x where x.plan_id = ${id})
    )`,
  );
  const { outline, totals } = await rolledUpOverview(db, id, parts.nodesVersion, parts.sumsVersion);
  const hide = <T extends { percent: number | null; red: number; yellow: number }>(x: T): T => ({
    ...x,
    percent: showState.progress ? x.percent : null,
    red: showState.lights ? x.red : 0,
    yellow: showState.lights ? x.yellow : 0,
  });
  return {
    ...presentPlanSummary(plan, actor),
    issuerUnitName: parts.issuerUnitName,
    totals: hide(totals),
    outline: outline.map(hide),
    projects: parts.projects ?? [],
    phases: parts.phases ?? [],
    cadences: parts.cadences ?? [],
  };
}

export interface TasksPageQuery {
  nodeId?: string | undefined;
  light?: 'red' | 'yellow' | 'green' | undefined;
  unitId?: string | undefined;
  role?: 'lead' | 'responsible' | 'cooperating' | undefined;
  status?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

/**
 * One page of a plan's tasks in document order, optionally under one outline node (its whole
 * subtree) and filtered by light, unit (and role), status and text; each task with its units and
 * its maintained state (light with reasons, percent) for those who may read it. Cancelled tasks
 * only when asked for by status. Index range on `tasks (plan_id, ord)`.
 */
export async function planTasksPage(
  db: Db,
  actor: Actor,
  id: string,
  query: TasksPageQuery,
  showState: { progress: boolean; lights: boolean },
) {
  const plan = await visiblePlanHead(db, actor, id);
  const actions = JSON.stringify(plan.status === 'draft' ? plansPolicy.allowed(actor, ['task.edit']) : []);
  const where: SQL[] = [sql`t.plan_id = ${id}`];
  if (query.status) where.push(sql`t.status = ${query.status}`);
  else where.push(sql`t.status <> 'cancelled'`);
  if (query.nodeId)
    where.push(sql`t.node_id in (with recursive sub as (
        select n.id from plan_nodes n where n.id = ${query.nodeId} and n.plan_id = ${id}
        union all select n.id from plan_nodes n join sub on n.parent_id = sub.id where n.plan_id = ${id})
      select id from sub)`);
  if (query.light)
    where.push(
      query.light === 'green'
        ? sql`coalesce((select s.light from task_states s where s.task_id = t.id), 'green') = 'green'`
        : sql`exists (select 1 from task_states s where s.task_id = t.id and s.light = ${query.light})`,
    );
  if (query.unitId || query.role)
    where.push(sql`exists (select 1 from task_units tu where tu.task_id = t.id
      ${query.unitId ? sql`and tu.unit_id = ${query.unitId}` : sql``} ${query.role ? sql`and tu.role = ${query.role}` : sql``})`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(t.text like ${like} or t.path like ${like})`);
  }
  const cond = sql.join(where, sql` and `);
  type PagedTask = PresentedPlanParts['tasks'][number] & {
    light: string | null;
    lightReasons: string[];
    percent: number | null;
    finish: string | null;
  };
  // One prepared statement per combination of filters (the text differs, the values are bound).
  const shape = [
    query.status ? 's' : '',
    query.nodeId ? 'n' : '',
    query.light === 'green' ? 'g' : query.light ? 'l' : '',
    query.unitId ? 'u' : '',
    query.role ? 'r' : '',
    query.q ? 'q' : '',
    showState.lights ? 'L' : '',
    showState.progress ? 'P' : '',
  ].join('');
  const page = await preparedJsonOf<{ total: number; items: PagedTask[] | null }>(
    db,
    `plans.tasks:${shape}`,
    sql`json_build_object(
      'total', (select count(*)::int from tasks t where ${cond}),
      'items', (select json_agg(p.j order by p.o, p.id) from (
        select t.ord as o, t.id, json_build_object('id', t.id, 'planId', t.plan_id, 'nodeId', t.node_id,
          'path', t.path, 'ord', t.ord, 'text', t.text, 'annotation', t.annotation, 'deadlineText', t.deadline_text,
          'deadlineDate', t.deadline_date, 'weight', t.weight, 'upstreamTaskId', t.upstream_task_id, 'status', t.status,
          'version', t.version, 'span', t.span,
          'units', coalesce((select json_agg(json_build_object('unitId', tu.unit_id, 'unitName', u.name, 'role', tu.role,
              'printedName', tu.printed_name, 'unitStatus', u.status, 'isGroup', u.is_group, 'assignment', tu.assignment)
              order by ${ROLE_RANK}, tu.ord) from task_units tu join units u on u.id = tu.unit_id where tu.task_id = t.id), '[]'::json),
          'actions', ${actions}::json,
          'light', ${showState.lights ? sql`s.light` : sql`null`},
          'lightReasons', ${
            showState.lights
              ? sql`coalesce((select json_agg(r->>'message') from jsonb_array_elements(s.light_reasons) r), '[]'::json)`
              : sql`'[]'::json`
          },
          'percent', ${showState.progress ? sql`s.percent` : sql`null`},
          'finish', s.finish) as j
        -- The page's ids first (plain columns, index order), then the JSON of those rows only:
        -- a projection before the sort would build every matching task's JSON. Offset and limit
        -- as sub-selects: as bare parameters PostgreSQL re-planned the statement on every call.
        from (select t.id from tasks t where ${cond} order by t.ord, t.id offset (select ${query.offset}::int) limit (select ${query.limit}::int)) pg
        join tasks t on t.id = pg.id
        left join task_states s on s.task_id = t.id) p)
    )`,
  );
  return { items: page.items ?? [], total: page.total, offset: query.offset, limit: query.limit };
}
