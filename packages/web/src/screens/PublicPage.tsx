/** 公开: without login, published plans with progress by task, and CSV/JSON downloads. */
import { DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Progress, Select, Skeleton, Table, Tag } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { toTaskRow, type TaskRow } from '../lib/tasks';
import { listOf, num, str } from './import-model';

export default function PublicPage() {
  const [params, setParams] = useSearchParams();
  const plans = useApi<unknown>('/api/public/plans');
  const planRows = useMemo(() => listOf(plans.data), [plans.data]);
  const planId = params.get('plan') ?? str(planRows[0]?.id) ?? null;
  const plan = useApi<Record<string, unknown>>(planId ? `/api/public/plans/${planId}` : null);
  const tasks = useMemo(() => listOf(plan.data?.tasks ?? plan.data).map(toTaskRow), [plan.data]);
  const overall = num(plan.data?.progress) ?? (tasks.length ? tasks.reduce((s, r) => s + (r.progress ?? 0), 0) / tasks.length : null);

  useEffect(() => {
    document.title = `${t.public.title} · ${t.app.name}`;
  }, []);

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header style={{ background: '#1f5fa8', color: '#fff', padding: '12px 24px' }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 2 }}>{t.app.fullName}</span>
          <Link to="/login" style={{ color: '#fff' }}>
            <LoginOutlined /> {t.public.login}
          </Link>
        </Flex>
      </header>
      <main className="app-content" id="main">
        <PageTitle title={t.public.title} sub={t.public.intro} />
        <ErrorAlert error={plans.error ?? plan.error} onRetry={() => { plans.reload(); plan.reload(); }} />
        {plans.loading && !plans.data ? <Skeleton active /> : null}
        {!plans.loading && plans.data !== undefined && !planRows.length ? <Empty description={t.public.noPlans} /> : null}
        {planRows.length ? (
          <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
            <Select
              aria-label={t.plans.list}
              style={{ minWidth: 320, maxWidth: '100%' }}
              value={planId ?? undefined}
              onChange={(v: string) => setParams({ plan: v })}
              options={planRows.map((p) => ({ value: str(p.id) ?? '', label: str(p.title) ?? '' }))}
            />
            {planId ? (
              <>
                <a href={`/api/public/plans/${planId}.csv`} download>
                  <Button icon={<DownloadOutlined />}>{t.public.downloadCsv}</Button>
                </a>
                <a href={`/api/public/plans/${planId}.json`} download>
                  <Button icon={<DownloadOutlined />}>{t.public.downloadJson}</Button>
                </a>
              </>
            ) : null}
          </Flex>
        ) : null}
        {plan.data ? (
          <>
            <Flex gap={24} align="center" wrap style={{ background: '#fff', padding: 16, borderRadius: 6, marginBottom: 16, border: '1px solid #e8e8e8' }}>
              <div>
                <div style={{ fontSize: 18, fontWeight: 600 }}>{str(plan.data.title)}</div>
                <div style={{ color: '#8c8c8c' }}>{[str(plan.data.docNumber), str(plan.data.issuer)].filter(Boolean).join(' · ')}</div>
              </div>
              {overall !== null ? (
                <Flex align="center" gap={8}>
                  <span>{t.public.progress}</span>
                  <Progress type="circle" percent={Math.round(overall)} size={72} />
                </Flex>
              ) : null}
            </Flex>
            <Table<TaskRow>
              rowKey="id"
              size="small"
              virtual
              dataSource={tasks}
              pagination={false}
              scroll={{ x: 900, y: 600 }}
              loading={plan.loading}
              footer={() => t.app.rows(tasks.length)}
              columns={[
                { title: '编号', dataIndex: 'path', width: 110 },
                { title: t.task.text, dataIndex: 'text', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
                { title: t.task.units, key: 'units', width: 240, render: (_, r) => r.units.filter((u) => u.role !== 'cooperating').map((u) => u.name).join('、') },
                { title: t.plans.deadline, dataIndex: 'deadline', width: 110 },
                { title: t.plans.progress, dataIndex: 'progress', width: 150, render: (v: number | null) => (v === null ? '—' : <Progress percent={Math.round(v)} size="small" />) },
                { title: t.report.status, dataIndex: 'status', width: 100, render: (s: string | null) => (s ? <Tag>{t.status.task[s] ?? s}</Tag> : null) },
              ]}
            />
          </>
        ) : null}
      </main>
    </div>
  );
}
