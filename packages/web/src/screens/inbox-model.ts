/** Reading GET /api/inbox into groups the workbench shows: what needs me now, with deadlines. */
import dayjs from 'dayjs';
import { isObj, listOf, num, str } from './import-model';

export type InboxKind = 'report_due' | 'report_overdue' | 'notice' | 'review' | 'sign' | 'draft' | 'red_task' | 'assignment' | 'extension' | 'other';

export interface InboxItem {
  id: string;
  kind: InboxKind;
  title: string;
  subtitle: string | null;
  due: string | null;
  href: string;
}

const KIND_ALIASES: Record<string, InboxKind> = {
  report_due: 'report_due',
  'report.due': 'report_due',
  due: 'report_due',
  slot: 'report_due',
  report_overdue: 'report_overdue',
  'report.overdue': 'report_overdue',
  overdue: 'report_overdue',
  notice: 'notice',
  'notice.reply': 'notice',
  supervision: 'notice',
  review: 'review',
  'report.review': 'review',
  report_review: 'review',
  draft: 'draft',
  'plan.draft': 'draft',
  plan_draft: 'draft',
  red_task: 'red_task',
  assignment: 'assignment',
  extension: 'extension',
  'task.red': 'red_task',
};

export function kindOf(v: unknown): InboxKind {
  return KIND_ALIASES[(typeof v === 'string' ? v : '')] ?? 'other';
}

/** Where an item opens: the server's link when it gives one, else by kind and id. */
export function hrefOf(kind: InboxKind, r: Record<string, unknown>): string {
  const explicit = str(r.href) ?? str(r.link) ?? str(r.url);
  if (explicit && explicit.startsWith('/') && !explicit.startsWith('/api/')) return explicit;
  const id = str(r.entityId) ?? str(r.targetId) ?? str(r.id) ?? '';
  const reportId = str(r.reportId) ?? str(r.slotId) ?? id;
  switch (kind) {
    case 'report_due':
    case 'report_overdue':
      return `/reports/${reportId}`;
    case 'review':
      return `/reports/${reportId}`;
    case 'notice':
      return str(r.taskId) ? `/tasks/${str(r.taskId)}#notices` : `/supervision?notice=${id}`;
    case 'draft':
      return `/import/${str(r.planId) ?? id}`;
    case 'red_task':
      return `/tasks/${str(r.taskId) ?? id}`;
    default:
      return '/';
  }
}

export function toInboxItems(body: unknown): InboxItem[] {
  // Either a flat list of items, or groups keyed by kind ({ due: [...], review: [...] }).
  let raw: { kind: unknown; r: Record<string, unknown> }[] = listOf(body).map((r) => ({ kind: r.kind ?? r.type, r }));
  if (!raw.length && isObj(body)) {
    const groups = isObj(body.groups) ? body.groups : body;
    for (const [k, v] of Object.entries(groups)) if (Array.isArray(v)) raw.push(...v.filter(isObj).map((r) => ({ kind: r.kind ?? r.type ?? k, r })));
  }
  raw = raw.filter((x) => isObj(x.r));
  return raw.map(({ kind, r }, i) => {
    const k = kindOf(kind);
    return {
      id: str(r.id) ?? `${k}-${i}`,
      kind: k,
      title: str(r.title) ?? str(r.taskTitle) ?? str(r.name) ?? str(r.text)?.slice(0, 60) ?? '',
      subtitle: str(r.subtitle) ?? str(r.unitName) ?? str(r.planTitle) ?? str(r.period) ?? null,
      due: str(r.due) ?? str(r.dueDate) ?? str(r.dueAt) ?? str(r.deadline) ?? str(r.replyBy) ?? null,
      href: hrefOf(k, r),
    };
  });
}

/** The kinds the server lists page by page (`GET /api/inbox/items?kind=`): the inbox carries only their first items. */
export const PAGED_KINDS: readonly InboxKind[] = ['report_overdue', 'report_due', 'review', 'notice', 'assignment', 'red_task', 'extension'];

/** Page size of each further page "查看全部" loads. */
export const INBOX_PAGE = 20;

/** Items of one kind already on screen plus a further page, each once, in server order. */
export function appendPage(shown: InboxItem[], body: unknown): InboxItem[] {
  const seen = new Set(shown.map((i) => i.id));
  return [...shown, ...toInboxItems(isObj(body) ? body.items : body).filter((i) => !seen.has(i.id))];
}

/** Whole days from today to a due date (negative when overdue). */
export function daysLeft(due: string, today = dayjs()): number {
  return dayjs(due).startOf('day').diff(today.startOf('day'), 'day');
}

export function countsOf(body: unknown): Partial<Record<InboxKind, number>> {
  const out: Partial<Record<InboxKind, number>> = {};
  if (isObj(body) && isObj(body.counts)) for (const [k, v] of Object.entries(body.counts)) if (num(v) !== null) out[kindOf(k)] = num(v)!;
  return out;
}

/**
 * The unit leader's reports to sign (签发): submitted lead reports whose actions include
 * `report.sign`, labelled with their task. They replace the same reports the inbox lists as
 * waiting (it lists them only where the cycle requires the signature).
 */
export function toSignItems(reports: Record<string, unknown>[], label: (taskId: string) => string): InboxItem[] {
  return reports
    .filter((r) => Array.isArray(r.actions) && r.actions.includes('report.sign'))
    .map((r) => ({
      id: str(r.id) ?? '',
      kind: 'sign' as const,
      title: label(str(r.taskId) ?? ''),
      subtitle: str(r.periodLabel),
      due: str(r.dueDate),
      href: `/reports/${str(r.id) ?? ''}`,
    }));
}
