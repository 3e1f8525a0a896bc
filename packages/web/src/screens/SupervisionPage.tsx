/** 督查督办: red and yellow tasks with the reasons that lit them; escalation; notices and replies; on-time rates. */
import { Button, Progress, Table, Tabs, message } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { IssueNoticeModal, type NoticeInput } from '../components/IssueNoticeModal';
import { Extensions } from '../components/Extensions';
import { Light } from '../components/Light';
import { NoticeList } from '../components/NoticeList';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { toTaskRow, type TaskRow } from '../lib/tasks';
import { listOf, num, str } from './import-model';

type Raw = Record<string, unknown>;

export default function SupervisionPage() {
  const [params, setParams] = useSearchParams();
  const lights = useApi<unknown>('/api/supervision/lights');
  const notices = useApi<unknown>('/api/supervision/notices');
  const units = useApi<unknown>('/api/supervision/units');
  const onTime = useApi<unknown>('/api/supervision/on-time');
  const extensions = useApi<unknown>('/api/supervision/extensions');
  const rows = useMemo(() => listOf(lights.data, 'tasks').map((r) => ({ ...toTaskRow(r), progress: num(r.percent) })), [lights.data]);
  const [issuing, setIssuing] = useState<TaskRow | null>(null);
  const [msg, holder] = message.useMessage();
  const tab = params.get('tab') ?? (params.get('extension') ? 'extensions' : 'lights');

  const issue = async (v: NoticeInput) => {
    if (!issuing) return;
    await api.post('/api/supervision/notices', { taskId: issuing.id, ...v }, { headers: { 'idempotency-key': crypto.randomUUID() } });
    setIssuing(null);
    void msg.success(t.supervision.issued2(t.supervision.kinds[v.level] ?? ''));
    notices.reload();
  };

  return (
    <>
      {holder}
      <PageTitle title={t.supervision.title} />
      <ErrorAlert error={lights.error} onRetry={lights.reload} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'lights',
            label: `${t.supervision.lights}（${rows.length}）`,
            children: (
              <Table<TaskRow>
                rowKey="id"
                size="small"
                virtual
                loading={lights.loading}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 1000, y: 560 }}
                locale={{ emptyText: t.supervision.noLights }}
                footer={() => t.app.rows(rows.length)}
                columns={[
                  { title: t.plans.light, dataIndex: 'light', width: 80, render: (v: string | null) => <Light light={v} /> },
                  { title: t.plans.number, dataIndex: 'path', width: 100 },
                  { title: t.task.text, dataIndex: 'title', render: (v: string, r) => <Link to={`/tasks/${r.id}`}>{v}</Link> },
                  { title: t.supervision.reasons, key: 'reasons', width: 300, render: (_, r) => <span style={{ color: r.light === 'red' ? '#a8071a' : '#ad6800' }} data-testid="light-reasons">{r.lightReasons.join('；')}</span> },
                  { title: t.plans.progress, dataIndex: 'progress', width: 120, render: (v: number | null) => (v === null ? '—' : <Progress percent={Math.round(v)} size="small" />) },
                  { title: t.plans.deadline, dataIndex: 'deadline', width: 105 },
                  {
                    title: '',
                    key: 'act',
                    width: 80,
                    render: (_, r) =>
                      r.actions.includes('notice.issue') ? (
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
                <NoticeList notices={listOf(notices.data, 'notices')} showTask onChanged={notices.reload} />
              </>
            ),
          },
          {
            key: 'extensions',
            label: t.supervision.extensions,
            children: (
              <>
                <ErrorAlert error={extensions.error} onRetry={extensions.reload} />
                <Extensions items={listOf(extensions.data)} highlight={params.get('extension')} onChanged={extensions.reload} />
              </>
            ),
          },
          {
            key: 'units',
            label: t.supervision.unitLights,
            children: (
              <>
                <ErrorAlert error={units.error} onRetry={units.reload} />
                <Table<Raw>
                  rowKey={(r) => str(r.unitId) ?? ''}
                  size="small"
                  loading={units.loading}
                  dataSource={listOf(units.data)}
                  pagination={false}
                  scroll={{ x: 800 }}
                  columns={[
                    { title: t.admin.unit, key: 'u', render: (_, r) => str(r.unitName) },
                    { title: t.plans.light, key: 'l', width: 90, render: (_, r) => <Light light={str(r.light)} /> },
                    { title: t.supervision.redCount, key: 'r', width: 90, render: (_, r) => num(r.redTasks) },
                    { title: t.supervision.yellowCount, key: 'y', width: 90, render: (_, r) => num(r.yellowTasks) },
                    { title: t.supervision.openNotices, key: 'n', width: 100, render: (_, r) => num(r.openNotices) },
                    { title: t.supervision.reasons, key: 'why', render: (_, r) => (Array.isArray(r.lightReasons) ? r.lightReasons.join('；') : '') },
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
                <Table<Raw>
                  rowKey={(r) => str(r.unitId) ?? ''}
                  size="small"
                  loading={onTime.loading}
                  dataSource={listOf(onTime.data)}
                  pagination={false}
                  columns={[
                    { title: t.admin.unit, key: 'unit', render: (_, r) => str(r.unitName) },
                    { title: t.supervision.onTimeCount, key: 'on', width: 80, render: (_, r) => num(r.onTime) },
                    { title: t.supervision.lateCount, key: 'late', width: 80, render: (_, r) => <span style={{ color: num(r.late) ? '#cf1322' : undefined }}>{num(r.late)}</span> },
                    {
                      title: t.supervision.onTime,
                      key: 'rate',
                      width: 220,
                      sorter: (a, b) => (num(a.rate) ?? -1) - (num(b.rate) ?? -1),
                      render: (_, r) => {
                        const rate = num(r.rate);
                        return rate === null ? '—' : <Progress percent={Math.round(rate)} size="small" status={rate < 80 ? 'exception' : 'normal'} />;
                      },
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      {issuing ? <IssueNoticeModal open title={`${t.supervision.issue} · ${issuing.path}`} onCancel={() => setIssuing(null)} onIssue={issue} /> : null}
    </>
  );
}
