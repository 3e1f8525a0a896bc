/** 工作台: what needs me now — due and overdue reports, notices, reviews, drafts — with deadlines. */
import { Button, Empty, Flex, Spin, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client';
import { useApi } from '../api/hooks';
import { useTaskLabels } from '../api/task-labels';
import { useSession } from '../app/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { appendPage, countsOf, daysLeft, INBOX_PAGE, PAGED_KINDS, toInboxItems, toSignItems, type InboxItem, type InboxKind } from './inbox-model';
import { listOf, num, str } from './import-model';

const GROUPS: { kind: InboxKind; label: string; action: string; colour: string }[] = [
  { kind: 'report_overdue', label: t.workbench.overdueReports, action: t.workbench.goFill, colour: '#cf1322' },
  { kind: 'report_due', label: t.workbench.dueReports, action: t.workbench.goFill, colour: '#1f5fa8' },
  { kind: 'notice', label: t.workbench.noticesToAnswer, action: t.workbench.goReply, colour: '#d46b08' },
  { kind: 'sign', label: t.report.toSign, action: t.report.goSign, colour: '#08979c' },
  { kind: 'review', label: t.workbench.reviews, action: t.workbench.goReview, colour: '#08979c' },
  { kind: 'draft', label: t.workbench.drafts, action: t.workbench.goPublish, colour: '#531dab' },
  { kind: 'red_task', label: t.workbench.redTasks, action: t.app.details, colour: '#a8071a' },
  { kind: 'assignment', label: t.workbench.assignments, action: t.workbench.goAccept, colour: '#1d39c4' },
  { kind: 'extension', label: t.workbench.extensions, action: t.workbench.goDecide, colour: '#874d00' },
  { kind: 'other', label: t.workbench.inbox, action: t.app.open, colour: '#595959' },
];

const tile: React.CSSProperties = { background: '#fff', borderRadius: 6, padding: '14px 18px', minWidth: 150, flex: '1 1 150px', border: '1px solid #e8e8e8' };

function Due({ due }: { due: string | null }) {
  if (!due) return null;
  const n = daysLeft(due);
  return (
    <Tag color={n < 0 ? 'red' : n <= 3 ? 'orange' : 'default'}>
      {t.workbench.deadline} {due.slice(0, 10)} · {t.workbench.daysLeft(n)}
    </Tag>
  );
}

export default function WorkbenchPage() {
  const { session, can } = useSession();
  const inbox = useApi<unknown>('/api/inbox');
  const drafts = useApi<unknown>(can('plan.import') ? '/api/plans' : null, { status: 'draft' });
  const submitted = useApi<unknown>(can('report.sign') ? '/api/reports' : null, { status: 'submitted', limit: 100 });
  const submittedRows = useMemo(() => listOf(submitted.data), [submitted.data]);
  const labels = useTaskLabels(submittedRows.map((r) => str(r.planId) ?? '').filter(Boolean));
  const items = useMemo(() => {
    const sign = toSignItems(submittedRows, (taskId) => {
      const l = labels.get(taskId);
      return l ? `${l.path} ${l.text.split(/[。；]/)[0]}` : t.report.readTitle;
    });
    const signing = new Set(sign.map((i) => i.id));
    return [
      ...sign,
      ...toInboxItems(inbox.data).filter((i) => !signing.has(i.id)),
      ...listOf(drafts.data).map((p) => ({ id: `draft-${str(p.id)}`, kind: 'draft' as const, title: str(p.title) ?? '', subtitle: t.import.taskCount(num(p.taskCount) ?? 0), due: null, href: `/import/${str(p.id)}` })),
    ];
  }, [inbox.data, drafts.data, submittedRows, labels]);
  const counts = useMemo(() => countsOf(inbox.data), [inbox.data]);
  // The inbox brings the first items of each kind; "查看全部" loads the rest of one kind page by page.
  const [more, setMore] = useState<Partial<Record<InboxKind, InboxItem[]>>>({});
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [loadingKind, setLoadingKind] = useState<InboxKind | null>(null);
  useEffect(() => setMore({}), [inbox.data]);
  const byKind = (k: InboxKind) => {
    const first = items.filter((i) => i.kind === k).sort((a, b) => (a.due ?? '9').localeCompare(b.due ?? '9'));
    return more[k] ?? first;
  };
  const groups = GROUPS.map((g) => ({ ...g, items: byKind(g.kind), count: g.kind === 'draft' || g.kind === 'sign' || (g.kind === 'review' && can('report.sign')) ? byKind(g.kind).length : (counts[g.kind] ?? byKind(g.kind).length) })).filter((g) => g.count > 0);
  const loadMore = (kind: InboxKind, shown: InboxItem[]) => {
    setLoadingKind(kind);
    api
      .get<unknown>('/api/inbox/items', { query: { kind, offset: shown.length, limit: INBOX_PAGE } })
      .then((body) => {
        setMore((m) => ({ ...m, [kind]: appendPage(shown, body) }));
        setMoreError(null);
      })
      .catch((e: unknown) => setMoreError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e))))
      .finally(() => setLoadingKind(null));
  };

  return (
    <>
      <PageTitle
        title={t.workbench.title}
        sub={t.workbench.greeting(session.user?.name ?? '')}
        extra={
          can('plan.import') ? (
            <Link to="/import">
              <Button type="primary">{t.workbench.goImport}</Button>
            </Link>
          ) : null
        }
      />
      <ErrorAlert error={inbox.error} onRetry={inbox.reload} />
      <ErrorAlert error={moreError} />
      {inbox.loading && !inbox.data ? <Spin /> : null}
      {groups.length ? (
        <Flex gap={12} wrap style={{ marginBottom: 20 }} role="list" aria-label={t.workbench.inbox}>
          {groups.map((g) => (
            <a key={g.kind} href={`#inbox-${g.kind}`} style={{ ...tile, borderTop: `3px solid ${g.colour}`, color: 'inherit' }} role="listitem">
              <div style={{ color: '#595959' }}>{g.label}</div>
              <div style={{ fontSize: 28, fontWeight: 600, color: g.colour }} data-testid={`count-${g.kind}`}>
                {g.count}
              </div>
            </a>
          ))}
        </Flex>
      ) : null}
      {!inbox.loading && inbox.data !== undefined && !groups.length ? <Empty description={t.workbench.nothing} /> : null}
      {groups.map((g) => (
        <section key={g.kind} id={`inbox-${g.kind}`} style={{ background: '#fff', borderRadius: 6, padding: '12px 16px', marginBottom: 16, border: '1px solid #e8e8e8' }}>
          <h3 style={{ margin: '0 0 8px', fontSize: 16, color: g.colour }}>
            {g.label}（{g.count}）
          </h3>
          {g.items.map((item: InboxItem) => (
            <Flex key={item.id} justify="space-between" align="center" gap={8} wrap style={{ padding: '8px 0', borderTop: '1px solid #f5f5f5' }}>
              <div style={{ minWidth: 0, flex: '1 1 300px' }}>
                <Link to={item.href}>{item.title}</Link>
                {item.subtitle ? <div style={{ color: '#8c8c8c', fontSize: 13 }}>{item.subtitle}</div> : null}
              </div>
              <Flex gap={8} align="center">
                <Due due={item.due} />
                <Link to={item.href}>
                  <Button size="small" type={g.kind === 'report_overdue' ? 'primary' : 'default'} danger={g.kind === 'report_overdue'}>
                    {g.action}
                  </Button>
                </Link>
              </Flex>
            </Flex>
          ))}
          {PAGED_KINDS.includes(g.kind) && g.count > g.items.length ? (
            <Button type="link" style={{ paddingLeft: 0 }} loading={loadingKind === g.kind} onClick={() => loadMore(g.kind, g.items)}>
              {t.workbench.viewAll(g.count)}
            </Button>
          ) : null}
        </section>
      ))}
    </>
  );
}
