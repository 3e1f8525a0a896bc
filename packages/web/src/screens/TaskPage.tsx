/** 任务详情: text, units, deadline, links, report history per period, notices and replies, audit timeline. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Input, Modal, Progress, Skeleton, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { ExtensionRequestModal } from '../components/ExtensionRequestModal';
import { IssueNoticeModal } from '../components/IssueNoticeModal';
import { NoticeList } from '../components/NoticeList';
import { AuditTimeline } from '../components/AuditTimeline';
import { ErrorAlert } from '../components/ErrorAlert';
import { Light } from '../components/Light';
import { PageTitle } from '../components/PageTitle';
import { UnitTags } from '../components/TaskTable';
import { t } from '../i18n/zh-CN';
import { toTaskRow } from '../lib/tasks';
import { isObj, listOf, num, str } from './import-model';
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
  const noticesApi = useApi<unknown>('/api/supervision/notices', { taskId });
  const notices = listOf(noticesApi.data, 'notices');
  const { session, can } = useSession();
  const planIdOf = str(raw.planId);
  const lights = useApi<unknown>(planIdOf && can('light.read') ? '/api/supervision/lights' : null, { planId: planIdOf, light: undefined });
  const lit = listOf(lights.data, 'tasks').find((x) => str(x.taskId) === taskId);
  const [issuing, setIssuing] = useState(false);
  const [extending, setExtending] = useState(false);
  const onTask = listOf(raw.units).some((u) => str(u.unitId) === session.user?.unitId);
  const [actionError, setActionError] = useState<unknown>(null);
  const mine = listOf(raw.units).find((u) => str(u.unitId) === session.user?.unitId && str(u.assignment) === 'assigned');
  const [returning, setReturning] = useState(false);
  const [returnReason, setReturnReason] = useState('');
  const assignment = async (what: 'accept' | 'return') => {
    setActionError(null);
    try {
      await api.post(`/api/tasks/${taskId}/assignments/${session.user?.unitId}/${what}`, what === 'return' ? { reason: returnReason.trim() } : {});
      setReturning(false);
      task.reload();
    } catch (e) {
      setActionError(e);
    }
  };
  const upstream = [raw.upstream, ...listOf(raw.upstreamTasks)].filter(isObj);
  const downstream = listOf(raw.downstream ?? raw.downstreamTasks);

  return (
    <>
      <PageTitle
        title={row.path ? `${t.task.title} · ${row.path}` : t.task.title}
        sub={row.planTitle ? <Link to={`/plans/${row.planId}`}>{row.planTitle}</Link> : null}
        extra={
          <>
            {mine && can('assignment.accept') ? (
              <>
                <Button type="primary" onClick={() => void assignment('accept')}>
                  {t.task.acceptAssignment}
                </Button>
                <Button danger onClick={() => setReturning(true)}>
                  {t.task.returnAssignment}
                </Button>
              </>
            ) : null}
            {onTask && can('extension.request') ? <Button onClick={() => setExtending(true)}>{t.supervision.extension}</Button> : null}
            {can('notice.issue') && task.data ? (
              <Button type="primary" onClick={() => setIssuing(true)}>
                {t.supervision.issue}
              </Button>
            ) : null}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t.app.print}
            </Button>
          </>
        }
      />
      <ErrorAlert error={actionError} />
      <Modal
        open={returning}
        title={t.task.returnAssignment}
        okText={t.task.returnAssignment}
        cancelText={t.app.cancel}
        okButtonProps={{ danger: true, disabled: !returnReason.trim() }}
        onCancel={() => setReturning(false)}
        onOk={() => void assignment('return')}
      >
        <label htmlFor="assignment-return-reason">{t.task.returnReasonPrompt}</label>
        <Input.TextArea id="assignment-return-reason" value={returnReason} onChange={(e) => setReturnReason(e.target.value)} autoSize={{ minRows: 3 }} />
        <ErrorAlert error={actionError} />
      </Modal>
      {extending && taskId ? <ExtensionRequestModal taskId={taskId} onClose={() => setExtending(false)} onDone={() => setExtending(false)} /> : null}
      {issuing ? (
        <IssueNoticeModal
          open
          title={`${t.supervision.issue} · ${row.path}`}
          onCancel={() => setIssuing(false)}
          onIssue={async (v) => {
            await api.post('/api/supervision/notices', { taskId, ...v }, { headers: { 'idempotency-key': crypto.randomUUID() } });
            setIssuing(false);
            noticesApi.reload();
          }}
        />
      ) : null}
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
              { key: 'progress', label: t.plans.progress, children: (num(lit?.percent) ?? row.progress) !== null ? <Progress percent={Math.round((num(lit?.percent) ?? row.progress)!)} size="small" style={{ maxWidth: 240 }} /> : '—' },
              {
                key: 'light',
                label: t.plans.light,
                children: (
                  <Flex gap={8} wrap align="center">
                    <Light light={str(lit?.light) ?? row.light} />
                    {(lit && Array.isArray(lit.lightReasons) ? lit.lightReasons.map(String) : row.lightReasons).map((r) => (
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
            className="task-tabs"
            defaultActiveKey={typeof window !== 'undefined' && window.location.hash === '#notices' ? 'notices' : 'reports'}
            items={[
              { key: 'reports', label: t.task.reports, children: <ReportHistory reports={reports} /> },
              {
                key: 'notices',
                label: `${t.task.notices}（${notices.length}）`,
                children: <NoticeList notices={notices} onChanged={noticesApi.reload} />,
              },
              { key: 'audit', label: t.task.audit, children: <AuditTimeline entity={`task:${taskId}`} /> },
            ]}
          />
          <TaskPrint reports={reports} notices={notices} taskId={taskId ?? ''} />
        </>
      ) : null}
    </>
  );
}

const PRINT_CSS = '@media screen { .task-print { display: none; } } @media print { .task-tabs { display: none !important; } .task-print table { width: 100%; border-collapse: collapse; } .task-print th, .task-print td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; } .task-print section { break-inside: auto; } }';

/**
 * What the task detail prints: every period's reports, every notice with its reply and the audit
 * trail written out in full (the screen keeps them in tabs and folded panels, which print empty).
 */
function TaskPrint({ reports, notices, taskId }: { reports: Record<string, unknown>[]; notices: Record<string, unknown>[]; taskId: string }) {
  return (
    <div className="task-print">
      <style>{PRINT_CSS}</style>
      <section>
        <h2 style={{ fontSize: 16 }}>{t.task.reports}</h2>
        {reports.length ? (
          <table>
            <thead>
              <tr>
                <th>{t.report.period}</th>
                <th>{t.admin.unit}</th>
                <th>{t.report.status}</th>
                <th>{t.report.percent}</th>
                <th>{t.report.done}</th>
                <th>{t.report.problems}</th>
                <th>{t.report.nextSteps}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={str(r.id)}>
                  <td>{str(r.periodLabel)}</td>
                  <td>{str(r.unitName)}</td>
                  <td>{str(r.statusLabel) ?? t.status.report[str(r.status) ?? ''] ?? str(r.status)}</td>
                  <td>{num(r.percent) ?? '—'}</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{str(r.done)}</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{str(r.problems)}</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{str(r.nextSteps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t.task.noReports}</p>
        )}
      </section>
      <section>
        <h2 style={{ fontSize: 16 }}>{t.task.notices}</h2>
        {notices.length ? (
          notices.map((n) => (
            <div key={str(n.id)} style={{ marginBottom: 8 }}>
              <div>
                <strong>{[str(n.color) ? t.supervision.levels[str(n.color)!] : t.supervision.kinds[str(n.level) ?? ''], str(n.number), str(n.unitName)].filter(Boolean).join(' · ')}</strong>
                {str(n.replyBy) ? `（${t.supervision.replyBy}：${str(n.replyBy)}）` : ''} {t.supervision.statuses[str(n.status) ?? ''] ?? ''}
              </div>
              <div style={{ whiteSpace: 'pre-wrap' }}>{str(n.text)}</div>
              {str(n.reply) ? <div style={{ whiteSpace: 'pre-wrap' }}>{t.supervision.replies}：{str(n.reply)}</div> : null}
            </div>
          ))
        ) : (
          <p>{t.task.noNotices}</p>
        )}
      </section>
      <section>
        <h2 style={{ fontSize: 16 }}>{t.task.audit}</h2>
        <AuditTimeline entity={`task:${taskId}`} />
      </section>
    </div>
  );
}
