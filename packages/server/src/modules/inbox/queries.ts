import { sql } from 'drizzle-orm';
import { preparedRows, type Db } from '../../db/client.js';
import type { SQL } from 'drizzle-orm';
import { hasRole, type Actor } from '../../policy.js';
import { localDate } from '../reporting/periods.js';

/** Items per kind in the inbox answer; the rest come page by page from `inboxPage`. */
export const FIRST_ITEMS = 10;
// Literals, not bound parameters: with `limit $n` PostgreSQL estimates a generic plan for an
// unknown row count and re-plans the prepared statement on every call.
const FIRST_PAGE = { offset: sql.raw('0'), limit: sql.raw(String(FIRST_ITEMS)) };
/** Texts are cut in SQL (one more character than shown, so `short` knows to add the ellipsis). */
const TEXT = sql.raw(String(61));
const day = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null;
const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Runs several list queries in one statement (one round trip): each becomes a JSON array column.
 * Dates come back as ISO strings. A named prepared statement: planned once per connection, not
 * per request — so `name` must tell apart every different SQL text (PostgreSQL keeps 63 bytes of it).
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
    name,
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

/** The kinds with a list of their own ("查看全部" pages). */
export const INBOX_KINDS = [
  'report_overdue',
  'report_due',
  'review',
  'notice',
  'assignment',
  'red_task',
  'extension',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

interface InboxTask {
  taskId: string;
  path: string;
  text: string;
  role: string;
  assignment: string;
  deadline: string | null;
  light: string;
  percent: number | null;
  finish: string;
}

type Page = { offset: SQL; limit: SQL };
type Scope = { unitId: string | null; coordinating: boolean; today: string };

// ---- the list parts, each one index range that stops at its limit ----

/** Open report slots of the unit: overdue, due (not yet submitted) or waiting for the leader's signature. */
const slotsPart = (unitId: string, cond: SQL, p: Page) =>
  sql`select r.id, r.task_id, r.status, r.due_date, r.period_label, r.is_lead, t.path, left(t.text, ${TEXT}) as text
      from reports r join tasks t on t.id = r.task_id
      where r.unit_id = ${unitId} and r.open and ${cond}
      order by r.due_date, r.id offset ${p.offset} limit ${p.limit}`;
const overdueCond = (today: string) => sql`r.status <> 'submitted' and r.due_date < ${today}::date`;
const dueCond = (today: string) =>
  sql`r.status <> 'submitted' and (r.due_date >= ${today}::date or r.due_date is null)`;
const signingCond = sql`r.status = 'submitted'`;

const noticesPart = (unitId: string, p: Page) =>
  sql`select n.id, n.task_id, n.level, n.number, n.color, n.reply_by, left(n.text, ${TEXT}) as text, t.path
      from supervision_notices n join tasks t on t.id = n.task_id
      where n.unit_id = ${unitId} and n.status = 'open' order by n.created_at desc, n.id offset ${p.offset} limit ${p.limit}`;

/**
 * The unit's work rows of one kind (accept | red | yellow) in primary-key order (an index range
 * that stops at the limit), each with ONE index lookup of its task, its assignment and its state:
 * `offset 0` keeps the planner from turning the lookups into hash joins over whole tables
 * (bench/FINDINGS.md #14).
 */
const workPart = (unitId: string, kind: string, p: Page) =>
  sql`select w.kind, w.task_id, w.path, w.text, tu.role, tu.assignment, w.deadline_date, s.extended_deadline, s.light, s.percent, s.finish
      from (select w.kind, w.task_id, t.path, t.text, t.deadline_date from unit_work w
            cross join lateral (select t.path, left(t.text, ${TEXT}) as text, t.deadline_date from tasks t
                                where t.id = w.task_id and t.status in ('assigned', 'finished') offset 0) t
            where w.unit_id = ${unitId} and w.kind = ${kind}
            order by w.task_id offset ${p.offset} limit ${p.limit}) w
      left join lateral (select tu.role, tu.assignment from task_units tu
                         where tu.task_id = w.task_id and tu.unit_id = ${unitId} offset 0) tu on true
      left join lateral (select s.extended_deadline, s.light, s.percent, s.finish from task_states s
                         where s.task_id = w.task_id offset 0) s on true
      order by w.task_id`;

const queuePart = (p: Page) =>
  sql`select r.id, r.task_id, r.status, r.due_date, r.period_label, t.path, left(t.text, ${TEXT}) as text, u.name as unit_name
      from reports r join tasks t on t.id = r.task_id join units u on u.id = r.unit_id
      where r.is_lead and r.status in ('submitted', 'signed') order by r.due_date, r.id offset ${p.offset} limit ${p.limit}`;
const extPart = (p: Page) =>
  sql`select e.id, e.task_id, e.requested_date, t.path, left(t.text, ${TEXT}) as text, u.name as unit_name
      from extension_requests e join tasks t on t.id = e.task_id join units u on u.id = e.unit_id
      where e.status = 'pending' order by e.created_at, e.id offset ${p.offset} limit ${p.limit}`;

/**
 * Exact counts per kind: the unit's maintained `unit_states` plus counts over index ranges
 * (the unit's overdue and signing slots, its work rows to accept); for coordinators the review
 * queue's and pending extensions' partial indexes.
 */
const unitCountsPart = (unitId: string, today: string) =>
  sql`select u.name, s.open_reports, s.open_notices, s.red_tasks, s.yellow_tasks,
        (select count(*)::int from reports r where r.unit_id = u.id and r.open and ${overdueCond(today)}) as overdue,
        (select count(*)::int from reports r where r.unit_id = u.id and r.open and ${signingCond}) as signing,
        (select count(*)::int from unit_work w join tasks t on t.id = w.task_id
          where w.unit_id = u.id and w.kind = 'accept' and t.status in ('assigned', 'finished')) as accept
      from units u left join unit_states s on s.unit_id = u.id where u.id = ${unitId}`;
const coordCountsPart = sql`select
    (select count(*)::int from reports r where r.is_lead and r.status in ('submitted', 'signed')) as review,
    (select count(*)::int from extension_requests e where e.status = 'pending') as extension`;

// ---- rows → items ----

type SlotRow = {
  id: string;
  task_id: string;
  status: string;
  due_date: unknown;
  period_label: string;
  is_lead: boolean;
  path: string;
  text: string;
};
type NoticeRow = {
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
type ExtRow = { id: string; task_id: string; requested_date: unknown; path: string; text: string; unit_name: string };
type UnitCounts = {
  name: string;
  open_reports: number | null;
  open_notices: number | null;
  red_tasks: number | null;
  yellow_tasks: number | null;
  overdue: number;
  signing: number;
  accept: number;
};
type CoordCounts = { review: number; extension: number };

const LEVEL: Record<string, string> = { remind: '提醒', urge: '催办', notice: '督办单', circulate: '通报' };

const slotItem = (kind: InboxItem['kind']) => (s: SlotRow): InboxItem => ({
  id: s.id,
  kind,
  title: `${s.path} ${short(s.text)}`,
  subtitle: `${s.period_label}${s.is_lead ? '' : '（配合单位材料，报牵头单位汇总）'}${s.status === 'returned' ? ' · 已退回，请修改后重新报送' : s.status === 'submitted' ? ' · 待单位负责人签发' : ''}`,
  due: day(s.due_date),
  href: `/reports/${s.id}`,
  taskId: s.task_id,
  reportId: s.id,
  status: s.status,
});
const noticeItem = (n: NoticeRow): InboxItem => ({
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
const deadlineOf = (m: WorkRow) => day(m.extended_deadline) ?? day(m.deadline_date);
const workItem = (m: WorkRow): InboxItem => {
  const accept = m.kind === 'accept';
  return {
    id: `${accept ? 'assignment' : 'red'}-${m.task_id}`,
    kind: accept ? 'assignment' : 'red_task',
    title: `${m.path} ${short(m.text)}`,
    subtitle: accept ? '新交办任务，请签收或退回' : '红灯任务',
    due: deadlineOf(m),
    href: `/tasks/${m.task_id}`,
    taskId: m.task_id,
    reportId: null,
    status: accept ? 'assigned' : 'red',
  };
};
const queueItem = (q: QueueRow): InboxItem => ({
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
const extItem = (e: ExtRow): InboxItem => ({
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

/** The list part of one kind for this caller, and how its rows become items; null when the caller has none. */
function kindPart(kind: InboxKind, scope: Scope, p: Page): { q: SQL; item: (r: never) => InboxItem } | null {
  const { unitId, coordinating, today } = scope;
  switch (kind) {
    case 'report_overdue':
      return unitId ? { q: slotsPart(unitId, overdueCond(today), p), item: slotItem('report_overdue') } : null;
    case 'report_due':
      return unitId ? { q: slotsPart(unitId, dueCond(today), p), item: slotItem('report_due') } : null;
    case 'review':
      // Coordinators review the lead reports; a unit's own reports wait for its leader's signature.
      if (coordinating) return { q: queuePart(p), item: queueItem };
      return unitId ? { q: slotsPart(unitId, signingCond, p), item: slotItem('review') } : null;
    case 'notice':
      return unitId ? { q: noticesPart(unitId, p), item: noticeItem } : null;
    case 'assignment':
      return unitId ? { q: workPart(unitId, 'accept', p), item: workItem } : null;
    case 'red_task':
      return unitId ? { q: workPart(unitId, 'red', p), item: workItem } : null;
    case 'extension':
      return coordinating ? { q: extPart(p), item: extItem } : null;
  }
}

const scopeOf = (actor: Actor, now: Date): Scope => ({
  unitId: actor.kind === 'user' ? actor.unitId : null,
  coordinating: hasRole(actor, ['coordinator', 'admin']),
  today: localDate(now),
});

function countsFrom(scope: Scope, unit: UnitCounts | undefined, coord: CoordCounts | undefined) {
  const overdue = unit?.overdue ?? 0;
  return {
    report_due: Math.max(0, (unit?.open_reports ?? 0) - overdue),
    report_overdue: overdue,
    notice: unit?.open_notices ?? 0,
    red_task: unit?.red_tasks ?? 0,
    yellow_task: unit?.yellow_tasks ?? 0,
    assignment: unit?.accept ?? 0,
    review: scope.coordinating ? (coord?.review ?? 0) : (unit?.signing ?? 0),
    extension: coord?.extension ?? 0,
  };
}

/**
 * The caller's unit's open work, bounded: exact counts per kind and the first `FIRST_ITEMS` of
 * each kind (most urgent first), texts cut to one line in SQL; plus the unit's tasks behind its
 * work rows (to accept, red, yellow — as many of each). One prepared statement, read from
 * maintained rows and index ranges only. Coordinators also get the review queue and pending
 * extensions. The rest of a kind: `inboxPage`.
 */
export async function inboxOf(db: Db, actor: Actor, now: Date) {
  const scope = scopeOf(actor, now);
  const { unitId, coordinating, today } = scope;
  const parts: Record<string, SQL> = {};
  const lists: [InboxKind, (r: never) => InboxItem][] = [];
  for (const kind of INBOX_KINDS) {
    const part = kindPart(kind, scope, FIRST_PAGE);
    if (!part) continue;
    parts[kind] = part.q;
    lists.push([kind, part.item]);
  }
  if (unitId) {
    parts.unit = unitCountsPart(unitId, today);
    parts.yellow = workPart(unitId, 'yellow', FIRST_PAGE);
  }
  if (coordinating) parts.coord = coordCountsPart;
  const batch = Object.keys(parts).length
    ? await rowsInOne(db, `inbox-${unitId ? 'u' : ''}${coordinating ? 'c' : ''}`, parts)
    : ({} as Record<string, unknown[]>);

  const items: InboxItem[] = [];
  for (const [kind, item] of lists) items.push(...(batch[kind] as never[]).map(item));
  // The tasks behind the unit's work rows (accept, red, yellow), once each.
  const tasks: InboxTask[] = [];
  const seen = new Set<string>();
  for (const m of [...(batch.assignment ?? []), ...(batch.red_task ?? []), ...(batch.yellow ?? [])] as WorkRow[]) {
    if (seen.has(m.task_id)) continue;
    seen.add(m.task_id);
    tasks.push({
      taskId: m.task_id,
      path: m.path,
      text: short(m.text),
      role: m.role ?? 'responsible',
      assignment: m.assignment ?? 'assigned',
      deadline: deadlineOf(m),
      light: m.light ?? 'green',
      percent: m.percent,
      finish: m.finish ?? 'none',
    });
  }
  const unit = (batch.unit as UnitCounts[] | undefined)?.[0];
  const coord = (batch.coord as CoordCounts[] | undefined)?.[0];
  return {
    unitId,
    unitName: unit?.name ?? null,
    today,
    counts: countsFrom(scope, unit, coord),
    items,
    tasks,
  };
}

/** One page of one kind of the caller's inbox ("查看全部"), with the kind's exact total. */
export async function inboxPage(db: Db, actor: Actor, now: Date, kind: InboxKind, offset: number, limit: number) {
  const scope = scopeOf(actor, now);
  // Offset and limit as sub-selects: as bare parameters PostgreSQL re-plans the prepared statement on every call.
  const part = kindPart(kind, scope, {
    offset: sql`(select ${offset}::int)`,
    limit: sql`(select ${limit}::int)`,
  });
  if (!part) return { kind, total: 0, offset, limit, items: [] as InboxItem[] };
  const parts: Record<string, SQL> = { list: part.q };
  if (scope.unitId) parts.unit = unitCountsPart(scope.unitId, scope.today);
  if (scope.coordinating) parts.coord = coordCountsPart;
  const batch = await rowsInOne(db, `inbox-${kind}-${scope.unitId ? 'u' : ''}${scope.coordinating ? 'c' : ''}`, parts);
  const counts = countsFrom(
    scope,
    (batch.unit as UnitCounts[] | undefined)?.[0],
    (batch.coord as CoordCounts[] | undefined)?.[0],
  );
  return { kind, total: counts[kind], offset, limit, items: (batch.list as never[]).map(part.item) };
}
