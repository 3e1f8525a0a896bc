/** 任务详情: text, units, deadline, links, report history per period, notices and replies, audit timeline. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Empty, Flex, Progress, Skeleton, Tabs } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/hooks';
import { AuditTimeline } from '../components/AuditTimeline';
import { ErrorAlert } from '../components/ErrorAlert';
import { Light } from '../components/Light';
import { PageTitle } from '../components/PageTitle';
import { UnitTags } from '../components/TaskTable';
import { t } from '../i18n/zh-CN';
import { toTaskRow } from '../lib/tasks';
import { isObj, listOf, str } from './import-model';
import { ReportHistory } from '../components/report/ReportHistory';

function TaskLinks({ items }: { items: Record<string, unknown>[] }) {
  if (!items.length) return <span>{t.app.none}</span>;
  return (
    <Flex vertical gap={4}>
      {items.map((x) => (
        <Link key={str(x.id) ?? ''} to={`/tasks/${str(x.id)}`}>
          {[str(x.planTitle), str(x.path), str(x.title) ?? str(x.text)?.slice(0, 40)].filter(Boolean).join(' · ')}
        </Link>
      ))}
    </Flex>
  );
}

export default function TaskPage() {
  const { taskId } = useParams();
  const task = useApi<Record<string, unknown>>(`/api/tasks/${taskId}`);
  const raw = task.data ?? {};
  const row = useMemo(() => toTaskRow(raw), [raw]);
  const reportsApi = useApi<unknown>(`/api/reports`, { taskId, limit: 200 });
  const reports = listOf(raw.reports ?? reportsApi.data);
  const notices = listOf(raw.notices);
  const upstream = [raw.upstream, ...(Array.isArray(raw.upstreamTasks) ? raw.upstreamTasks : [])].filter(isObj);
  const downstream = listOf(raw.downstream ?? raw.downstreamTasks);

  return (
    <>
      <PageTitle
        title={row.path ? `${t.task.title} · ${row.path}` : t.task.title}
        sub={row.planTitle ? <Link to={`/plans/${row.planId}`}>{row.planTitle}</Link> : null}
        extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t.app.print}</Button>}
      />
      <ErrorAlert error={task.error} onRetry={task.reload} />
      {task.loading && !task.data ? <Skeleton active /> : null}
      {task.data ? (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            style={{ background: '#fff', marginBottom: 16 }}
            items={[
              { key: 'text', label: t.task.text, span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{row.text}</span> },
              { key: 'units', label: t.task.units, span: 2, children: <UnitTags units={row.units} /> },
              { key: 'deadline', label: t.task.deadline, children: row.deadline ?? '—' },
              { key: 'status', label: t.report.status, children: row.status ? (t.status.task[row.status] ?? row.status) : '—' },
              { key: 'progress', label: t.plans.progress, children: row.progress !== null ? <Progress percent={Math.round(row.progress)} size="small" style={{ maxWidth: 240 }} /> : '—' },
              {
                key: 'light',
                label: t.plans.light,
                children: (
                  <Flex gap={8} wrap align="center">
                    <Light light={row.light} />
                    {row.lightReasons.map((r) => (
                      <span key={r} style={{ color: '#a8071a' }}>
                        {r}
                      </span>
                    ))}
                  </Flex>
                ),
              },
              { key: 'up', label: t.task.upstream, children: <TaskLinks items={upstream} /> },
              { key: 'down', label: t.task.downstream, children: <TaskLinks items={downstream} /> },
            ]}
          />
          <Tabs
            items={[
              { key: 'reports', label: t.task.reports, children: <ReportHistory reports={reports} /> },
              {
                key: 'notices',
                label: t.task.notices,
                children: notices.length ? (
                  <Flex vertical gap={8}>
                    {notices.map((n, i) => (
                      <Descriptions
                        key={i}
                        size="small"
                        bordered
                        column={1}
                        title={`${t.supervision.kinds[str(n.kind) ?? ''] ?? str(n.kind) ?? ''} ${str(n.level) ? (t.supervision.levels[str(n.level)!] ?? '') : ''}`}
                        items={[
                          { key: 'c', label: t.supervision.content, children: str(n.content) ?? str(n.text) ?? '' },
                          { key: 'r', label: t.supervision.replyBy, children: str(n.replyBy) ?? '—' },
                          ...listOf(n.replies).map((rep, j) => ({ key: `rep${j}`, label: `${t.supervision.reply} · ${str(rep.unitName) ?? ''}`, children: str(rep.content) ?? str(rep.text) ?? '' })),
                        ]}
                      />
                    ))}
                  </Flex>
                ) : (
                  <Empty description={t.task.noNotices} />
                ),
              },
              { key: 'audit', label: t.task.audit, children: <AuditTimeline entity={`task:${taskId}`} /> },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
