/** 公开: without login, published plans with progress by task, and CSV/JSON downloads. */
import { DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Progress, Skeleton } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { downloadText, openData, tasksCsv, toTaskRow } from '../lib/tasks';
import { listOf, num, str } from './import-model';

const PAGE = 200;

export default function PublicPage() {
  const [shown, setShown] = useState(PAGE);
  const [params, setParams] = useSearchParams();
  const plans = useApi<unknown>('/api/plans', { status: 'published' });
  const planRows = useMemo(() => listOf(plans.data), [plans.data]);
  const planId = params.get('plan') ?? str(planRows[0]?.id) ?? null;
  const plan = useApi<Record<string, unknown>>(planId ? `/api/plans/${planId}` : null);
  const tasks = useMemo(() => listOf(plan.data?.tasks ?? plan.data).map(toTaskRow), [plan.data]);
  const reported = tasks.filter((r) => r.progress !== null);
  const overall = num(plan.data?.progress) ?? (reported.length ? reported.reduce((s, r) => s + (r.progress ?? 0), 0) / reported.length : null);
  const finished = num(plan.data?.finishedTaskCount);

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
            <label>
              {t.plans.list}：
              <select
                className="public-select"
                value={planId ?? ''}
                onChange={(e) => setParams({ plan: e.target.value })}
              >
                {planRows.map((p) => (
                  <option key={str(p.id) ?? ''} value={str(p.id) ?? ''}>
                    {str(p.title) ?? ''}
                  </option>
                ))}
              </select>
            </label>
            {planId ? (
              <>
                <Button icon={<DownloadOutlined />} disabled={!plan.data} onClick={() => downloadText(`${str(plan.data?.title) ?? planId}.csv`, tasksCsv(tasks, t.public.csvHeader))}>
                  {t.public.downloadCsv}
                </Button>
                <Button icon={<DownloadOutlined />} disabled={!plan.data} onClick={() => downloadText(`${str(plan.data?.title) ?? planId}.json`, JSON.stringify(openData(plan.data!, tasks), null, 2), 'application/json;charset=utf-8')}>
                  {t.public.downloadJson}
                </Button>
              </>
            ) : null}
          </Flex>
        ) : null}
        {plan.data ? (
          <>
            <Flex gap={24} align="center" wrap style={{ background: '#fff', padding: 16, borderRadius: 6, marginBottom: 16, border: '1px solid #e8e8e8' }}>
              <div>
                <h2 style={{ fontSize: 18, fontWeight: 600, margin: 0 }}>{str(plan.data.title)}</h2>
                <div style={{ color: '#8c8c8c' }}>{[str(plan.data.docNumber), str(plan.data.issuer)].filter(Boolean).join(' · ')}</div>
              </div>
              {finished !== null ? <span>{t.public.finished(finished, tasks.length)}</span> : null}
              {overall !== null ? (
                <Flex align="center" gap={8}>
                  <span>{t.public.progress}</span>
                  <Progress type="circle" percent={Math.round(overall)} size={72} />
                </Flex>
              ) : null}
            </Flex>
            <div style={{ overflowX: 'auto', background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6 }}>
              <table className="public-table">
                <caption className="sr-only">{t.public.tasks}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.plans.number}</th>
                    <th scope="col">{t.task.text}</th>
                    <th scope="col">{t.task.units}</th>
                    <th scope="col">{t.plans.deadline}</th>
                    <th scope="col">{t.plans.progress}</th>
                    <th scope="col">{t.report.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.slice(0, shown).map((r) => (
                    <tr key={r.id} data-testid="public-task">
                      <td style={{ whiteSpace: 'nowrap' }}>{r.path}</td>
                      <td style={{ minWidth: 280 }}>{r.text}</td>
                      <td>{r.units.filter((u) => u.role !== 'cooperating').map((u) => u.name).join('、')}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>{r.deadline ?? '—'}</td>
                      <td style={{ minWidth: 140 }}>{r.progress === null ? '—' : <Progress percent={Math.round(r.progress)} size="small" />}</td>
                      <td>{r.status ? (t.status.task[r.status] ?? r.status) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
              <span>{t.app.rows(tasks.length)}</span>
              {shown < tasks.length ? <Button onClick={() => setShown((n) => n + PAGE)}>{t.public.more}</Button> : null}
            </Flex>
          </>
        ) : null}
      </main>
    </div>
  );
}
