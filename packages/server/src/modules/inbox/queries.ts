import { sql } from 'drizzle-orm';
import { preparedRows, type Db } from '../../db/client.js';
import type { SQL } from 'drizzle-orm';
import { hasRole, type Actor } from '../../policy.js';
import { localDate } from '../reporting/periods.js';

const LIMIT = 50;
// Literals, not bound parameters: with `limit $n` PostgreSQL estimates a generic plan for an
// unknown row count and re-plans the prepared statement on every call.
const PAGE = sql.raw(String(LIMIT));
const WORK_LIMIT = sql.raw(String(LIMIT * 2));
const day = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null;
const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Runs several list queries in one statement (one round trip): each becomes a JSON array column.
 * Dates come back as ISO strings. A named prepared statement (`name` + the parts' keys): planned
 * once per connection, not per request.
 */
async function rowsInOne<K extends string>(
  db: Db,
  name: string,
  parts: Record<K, SQL>,
): Promise<Record<K, unknown[]>> {
  const cols = (Object.entries(parts) as [K, SQL][]).map(
    ([k, q]) => sql`(select coalesce(json_agg(x), '[]'::json) from (${q}) x) as ${sql.identifier(k)}`,
  );
  const [row] = await preparedRows<Record<K, unknown>>(
    db,
    `${name}:${Object.keys(parts).join(',')}`,
    sql`select ${sql.join(cols, sql`, `)}`,
  );
  const out = {} as Record<K, unknown[]>;
  for (const k of Object.keys(parts) as K[]) {
    const v = row?.[k];
    out[k] = (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as unknown[];
  }
  return out;
}

export interface InboxItem {
  id: string;
  kind: 'report_due' | 'report_overdue' | 'review' | 'notice' | 'red_task' | 'assignment' | 'extension';
  title: string;
  subtitle: string | null;
  due: string | null;
  href: string;
  taskId: string | null;
  reportId: string | null;
  status: string | null;
}

/**
 * The caller's unit's open work, read from maintained rows only: open report slots (partial index
 * on `reports (unit_id, due_date) where open`), open notices (partial index), the unit's task
 * work kept in `unit_work` (assignments to accept, red and yellow tasks; primary key range) and
 * the unit's maintained counts. Coordinators also get the review queue and pending extensions.
 */
export async function inboxOf(db: Db, actor: Actor, now: Date) {
  const today = localDate(now);
  const unitId = actor.kind === 'user' ? actor.unitId : null;
  const items: InboxItem[] = [];
  let unitName: string | null = null;
  let counts: Record<string, number> = {
    report_due: 0,
    report_overdue: 0,
    notice: 0,
    red_task: 0,
    yellow_task: 0,
    assignment: 0,
    review: 0,
    extension: 0,
  };
  const tasks: {
    taskId: string;
    path: string;
    text: string;
    role: string;
    assignment: string;
    deadline: string | null;
    light: string;
    percent: number | null;
    finish: string;
  }[] = [];

  // Everything in one prepared statement: the unit's parts, and the coordination parts for those who review.
  const coordinating = hasRole(actor, ['coordinator', 'admin']);
  const parts: Record<string, SQL> = {};
  if (unitId) {
    Object.assign(parts, {
      state: sql`select u.name, s.open_reports, s.open_notices, s.red_tasks, s.yellow_tasks from units u left join unit_states s on s.unit_id = u.id where u.id = ${unitId}`,
      slots: sql`select r.id, r.task_id, r.status, r.due_date, r.period_label, r.is_lead, t.path, t.text
            from reports r join tasks t on t.id = r.task_id
            where r.unit_id = ${unitId} and r.open order by r.due_date limit ${PAGE}`,
      open: sql`select n.id, n.task_id, n.level, n.number, n.color, n.reply_by, n.text, t.path
            from supervision_notices n join tasks t on t.id = n.task_id
            where n.unit_id = ${unitId} and n.status = 'open' order by n.created_at desc limit ${PAGE}`,
      // The unit's first work rows in primary-key order (an index range that stops at the limit),
      // each with ONE index lookup of its task (status filter, path, text, deadline), then one of
      // its assignment and one of its state: `offset 0` keeps the planner from turning the lookups
      // into hash joins over whole tables (bench/FINDINGS.md #14).
      work: sql`select w.kind, w.task_id, w.path, w.text, tu.role, tu.assignment, w.deadline_date, s.extended_deadline, s.light, s.percent, s.finish
          from (select w.kind, w.task_id, t.path, t.text, t.deadline_date from unit_work w
                cross join lateral (select t.path, t.text, t.deadline_date from tasks t
                                    where t.id = w.task_id and t.status in ('assigned', 'finished') offset 0) t
                where w.unit_id = ${unitId}
                order by w.kind, w.task_id limit ${WORK_LIMIT}) w
          left join lateral (select tu.role, tu.assignment from task_units tu
                             where tu.task_id = w.task_id and tu.unit_id = ${unitId} offset 0) tu on true
          left join lateral (select s.extended_deadline, s.light, s.percent, s.finish from task_states s
                             where s.task_id = w.task_id offset 0) s on true
          order by w.kind, w.task_id`,
    });
  }
  if (coordinating) {
    Object.assign(parts, {
      queue: sql`select r.id, r.task_id, r.status, r.due_date, r.period_label, t.path, t.text, u.name as unit_name
            from reports r join tasks t on t.id = r.task_id join units u on u.id = r.unit_id
            where r.is_lead and r.status in ('submitted', 'signed') order by r.due_date limit ${PAGE}`,
      ext: sql`select e.id, e.task_id, e.requested_date, t.path, t.text, u.name as unit_name
            from extension_requests e join tasks t on t.id = e.task_id join units u on u.id = e.unit_id
            where e.status = 'pending' order by e.created_at limit ${PAGE}`,
    });
  }
  const batch = Object.keys(parts).length
    ? await rowsInOne(db, 'inbox', parts)
    : ({} as Record<string, unknown[]>);

  if (unitId) {
    type StateRow = {
      name: string;
      open_reports: number | null;
      open_notices: number | null;
      red_tasks: number | null;
      yellow_tasks: number | null;
    };
    type SlotsRow = {
      id: string;
      task_id: string;
      status: string;
      due_date: unknown;
      period_label: string;
      is_lead: boolean;
      path: string;
      text: string;
    };
    type OpenRow = {
      id: string;
      task_id: string;
      level: string;
      number: string | null;
      color: string | null;
      reply_by: unknown;
      text: string;
      path: string;
    };
    type WorkRow = {
      kind: string;
      task_id: string;
      path: string;
      text: string;
      role: string | null;
      assignment: string | null;
      deadline_date: unknown;
      extended_deadline: unknown;
      light: string | null;
      percent: number | null;
      finish: string | null;
    };
    const [state] = batch.state as StateRow[];
    const slots = batch.slots as SlotsRow[];
    const open = batch.open as OpenRow[];
    const work = batch.work as WorkRow[];
    unitName = state?.name ?? null;
    let overdue = 0;
    for (const s of slots) {
      const due = day(s.due_date);
      const kind = s.status === 'submitted' ? 'review' : due && due < today ? 'report_overdue' : 'report_due';
      if (kind === 'report_overdue') overdue += 1;
      items.push({
        id: s.id,
        kind,
        title: `${s.path} ${short(s.text)}`,
        subtitle: `${s.period_label}${s.is_lead ? '' : '（配合单位材料，报牵头单位汇总）'}${s.status === 'returned' ? ' · 已退回，请修改后重新报送' : s.status === 'submitted' ? ' · 待单位负责人签发' : ''}`,
        due,
        href: `/reports/${s.id}`,
        taskId: s.task_id,
        reportId: s.id,
        status: s.status,
      });
    }
    const LEVEL: Record<string, string> = {
      remind: '提醒',
      urge: '催办',
      notice: '督办单',
      circulate: '通报',
    };
    for (const n of open) {
      items.push({
        id: n.id,
        kind: 'notice',
        title: `${LEVEL[n.level] ?? n.level}${n.number ? ` ${n.number}` : ''}：${short(n.text)}`,
        subtitle: `任务 ${n.path}`,
        due: day(n.reply_by),
        href: `/tasks/${n.task_id}#notices`,
        taskId: n.task_id,
        reportId: null,
        status: 'open',
      });
    }
    // The unit's task work, maintained in `unit_work` (primary key order: accept, red, yellow).
    const seen = new Set<string>();
    for (const m of work) {
      const deadline = day(m.extended_deadline) ?? day(m.deadline_date);
      const title = `${m.path} ${short(m.text)}`;
      if (!seen.has(m.task_id)) {
        seen.add(m.task_id);
        tasks.push({
          taskId: m.task_id,
          path: m.path,
          text: m.text,
          role: m.role ?? 'responsible',
          assignment: m.assignment ?? 'assigned',
          deadline,
          light: m.light ?? 'green',
          percent: m.percent,
          finish: m.finish ?? 'none',
        });
      }
      if (m.kind === 'accept') {
        items.push({
          id: `assignment-${m.task_id}`,
          kind: 'assignment',
          title,
          subtitle: '新交办任务，请签收或退回',
          due: deadline,
          href: `/tasks/${m.task_id}`,
          taskId: m.task_id,
          reportId: null,
          status: 'assigned',
        });
      } else if (m.kind === 'red') {
        items.push({
          id: `red-${m.task_id}`,
          kind: 'red_task',
          title,
          subtitle: '红灯任务',
          due: deadline,
          href: `/tasks/${m.task_id}`,
          taskId: m.task_id,
          reportId: null,
          status: 'red',
        });
      }
    }
    counts = {
      ...counts,
      report_due: Math.max(0, (state?.open_reports ?? 0) - overdue),
      report_overdue: overdue,
      notice: state?.open_notices ?? 0,
      red_task: state?.red_tasks ?? 0,
      yellow_task: state?.yellow_tasks ?? 0,
      assignment: items.filter((i) => i.kind === 'assignment').length,
    };
  }

  if (coordinating) {
    type QueueRow = {
      id: string;
      task_id: string;
      status: string;
      due_date: unknown;
      period_label: string;
      path: string;
      text: string;
      unit_name: string;
    };
    type ExtRow = {
      id: string;
      task_id: string;
      requested_date: unknown;
      path: string;
      text: string;
      unit_name: string;
    };
    const queue = batch.queue as QueueRow[];
    const ext = batch.ext as ExtRow[];
    for (const q of queue) {
      items.push({
        id: q.id,
        kind: 'review',
        title: `${q.path} ${short(q.text)}`,
        subtitle: `${q.unit_name} · ${q.period_label}`,
        due: day(q.due_date),
        href: `/reports/${q.id}`,
        taskId: q.task_id,
        reportId: q.id,
        status: q.status,
      });
    }
    for (const e of ext) {
      items.push({
        id: e.id,
        kind: 'extension',
        title: `延期申请：${e.path} ${short(e.text)}`,
        subtitle: `${e.unit_name} 申请延至 ${day(e.requested_date)}`,
        due: null,
        href: `/supervision?extension=${e.id}`,
        taskId: e.task_id,
        reportId: null,
        status: 'pending',
      });
    }
    counts.review = queue.length;
    counts.extension = ext.length;
  }
  return { unitId, unitName, today, counts, items, tasks };
}
