/** 督查督办: red and yellow tasks with the reasons that lit them; issue notices; replies; on-time rates. */
import { Button, Progress, Table, Tabs, Tag, message } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { IssueNoticeModal, type NoticeInput } from '../components/IssueNoticeModal';
import { PageTitle } from '../components/PageTitle';
import { TaskTable } from '../components/TaskTable';
import { t } from '../i18n/zh-CN';
import { toTaskRow, type TaskRow } from '../lib/tasks';
import { listOf, num, str } from './import-model';

export default function SupervisionPage() {
  const { can } = useSession();
  const lights = useApi<unknown>('/api/supervision/lights');
  const notices = useApi<unknown>('/api/supervision/notices');
  const onTime = useApi<unknown>('/api/supervision/on-time');
  const rows = useMemo(() => listOf(lights.data, 'tasks').map(toTaskRow).filter((r) => r.light === 'red' || r.light === 'yellow'), [lights.data]);
  const [issuing, setIssuing] = useState<TaskRow | null>(null);
  const [msg, holder] = message.useMessage();

  const issue = async (v: NoticeInput) => {
    if (!issuing) return;
    await api.post('/api/supervision/notices', { taskId: issuing.id, ...v });
    setIssuing(null);
    void msg.success(t.supervision.issued);
    notices.reload();
  };

  return (
    <>
      {holder}
      <PageTitle title={t.supervision.title} />
      <ErrorAlert error={lights.error} onRetry={lights.reload} />
      <Tabs
        items={[
          {
            key: 'lights',
            label: `${t.supervision.lights}（${rows.length}）`,
            children: (
              <TaskTable
                rows={rows}
                loading={lights.loading}
                extra={[
                  { title: t.supervision.reasons, key: 'reasons', width: 260, render: (_, r) => r.lightReasons.join('；') },
                  {
                    title: '',
                    key: 'act',
                    width: 100,
                    fixed: 'right',
                    render: (_, r) =>
                      r.actions.includes('notice.issue') || (!r.actions.length && can('notice.issue')) ? (
                        <Button size="small" type="primary" onClick={() => setIssuing(r)}>
                          {t.supervision.issue}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'notices',
            label: t.supervision.notices,
            children: (
              <>
                <ErrorAlert error={notices.error} onRetry={notices.reload} />
                <Table
                  rowKey={(r) => str(r.id) ?? ''}
                  size="small"
                  loading={notices.loading}
                  dataSource={listOf(notices.data, 'notices')}
                  pagination={{ pageSize: 50 }}
                  scroll={{ x: 900 }}
                  columns={[
                    { title: t.supervision.level, key: 'kind', width: 130, render: (_, n) => <Tag color={str(n.level) === 'red' ? 'red' : str(n.level) === 'yellow' ? 'gold' : 'blue'}>{str(n.level) ? t.supervision.levels[str(n.level)!] : (t.supervision.kinds[str(n.kind) ?? ''] ?? str(n.kind))}</Tag> },
                    { title: t.task.title, key: 'task', render: (_, n) => str(n.taskTitle) ?? str(n.taskPath) },
                    { title: t.admin.unit, key: 'unit', width: 180, render: (_, n) => str(n.unitName) },
                    { title: t.supervision.replyBy, key: 'replyBy', width: 110, render: (_, n) => str(n.replyBy)?.slice(0, 10) },
                    { title: t.report.status, key: 'status', width: 100, render: (_, n) => (str(n.repliedAt) || listOf(n.replies).length ? <Tag color="green">{t.supervision.replied}</Tag> : <Tag>{t.status.report.pending}</Tag>) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'ontime',
            label: t.supervision.perUnit,
            children: (
              <>
                <ErrorAlert error={onTime.error} onRetry={onTime.reload} />
                <Table
                  rowKey={(r) => `${str(r.unitId)}-${str(r.period)}`}
                  size="small"
                  loading={onTime.loading}
                  dataSource={listOf(onTime.data, 'units')}
                  pagination={{ pageSize: 50 }}
                  columns={[
                    { title: t.admin.unit, key: 'unit', render: (_, r) => str(r.unitName) },
                    { title: t.report.period, key: 'period', width: 140, render: (_, r) => str(r.period) },
                    {
                      title: t.supervision.onTime,
                      key: 'rate',
                      width: 220,
                      sorter: (a, b) => (num(a.rate) ?? 0) - (num(b.rate) ?? 0),
                      render: (_, r) => {
                        const rate = num(r.rate) ?? num(r.onTimeRate);
                        return rate === null ? '—' : <Progress percent={Math.round(rate <= 1 ? rate * 100 : rate)} size="small" status={rate < 0.8 ? 'exception' : 'normal'} />;
                      },
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      {issuing ? (
        <IssueNoticeModal open units={issuing.units.filter((u) => u.id).map((u) => ({ id: u.id!, name: u.name }))} onCancel={() => setIssuing(null)} onIssue={issue} />
      ) : null}
    </>
  );
}
