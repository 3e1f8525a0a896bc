/** 公开: without login, published plans with progress by task (paged), and CSV/JSON open data. */
import { DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Grid, Progress, Skeleton } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/hooks';
import { usePublicTasks, type PublicTask } from '../api/published-tasks';
import { ErrorAlert } from '../components/ErrorAlert';
import { Light } from '../components/Light';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';

interface PublicPlan {
  id: string;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  taskCount: number;
  finishedTaskCount: number;
  progress: number;
  redTasks: number;
  yellowTasks: number;
}

/** Starts a download of a server file (the server names it and marks it as an attachment). */
function download(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export default function PublicPage() {
  const [params, setParams] = useSearchParams();
  const plans = useApi<{ items: PublicPlan[]; total: number }>('/api/public/plans', { limit: 200 });
  const planRows = useMemo(() => plans.data?.items ?? [], [plans.data]);
  const planId = params.get('plan') ?? planRows[0]?.id ?? null;
  const plan = planRows.find((p) => p.id === planId) ?? null;
  const tasks = usePublicTasks(plan ? plan.id : null);
  // On a phone each task is a card: a nine-column table would need sideways scrolling.
  const narrow = Grid.useBreakpoint().md === false;

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
        <ErrorAlert error={plans.error} onRetry={plans.reload} />
        {plans.loading && !plans.data ? <Skeleton active /> : null}
        {plans.data && !planRows.length ? <Empty description={t.public.noPlans} /> : null}
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
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
            {plan ? (
              <>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => download(`/api/public/plans/${plan.id}/tasks.csv`)}
                >
                  {t.public.downloadCsv}
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => download(`/api/public/plans/${plan.id}/tasks.json`)}
                >
                  {t.public.downloadJson}
                </Button>
              </>
            ) : null}
          </Flex>
        ) : null}
        {params.get('plan') && plans.data && !plan ? <Empty description={t.public.planGone} /> : null}
        {plan ? (
          <>
            <Flex
              gap={24}
              align="center"
              wrap
              style={{
                background: '#fff',
                padding: 16,
                borderRadius: 6,
                marginBottom: 16,
                border: '1px solid #e8e8e8',
              }}
            >
              <div style={{ flex: '1 1 280px', minWidth: 0 }}>
                <h2 style={{ fontSize: 18, fontWeight: 600, margin: 0 }}>{plan.title}</h2>
                <div style={{ color: '#595959' }}>
                  {[plan.docNumber, plan.issuer].filter(Boolean).join(' · ')}
                </div>
              </div>
              <span>{t.public.finished(plan.finishedTaskCount, plan.taskCount)}</span>
              <span data-testid="public-lights">{t.public.lights(plan.redTasks, plan.yellowTasks)}</span>
              <Flex align="center" gap={8}>
                <span>{t.public.progress}</span>
                <Progress type="circle" percent={Math.round(plan.progress)} size={72} />
              </Flex>
            </Flex>
            <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
            {narrow ? (
              <Flex vertical gap={8}>
                {tasks.items.map((r) => (
                  <TaskCard key={r.id} r={r} />
                ))}
              </Flex>
            ) : (
              <div
                style={{
                  overflowX: 'auto',
                  background: '#fff',
                  border: '1px solid #e8e8e8',
                  borderRadius: 6,
                }}
              >
                <table className="public-table">
                  <caption className="sr-only">{t.public.tasks}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.plans.number}</th>
                      <th scope="col">{t.task.text}</th>
                      <th scope="col">{t.task.units}</th>
                      <th scope="col">{t.plans.deadline}</th>
                      <th scope="col">{t.plans.progress}</th>
                      <th scope="col">{t.public.workStatus}</th>
                      <th scope="col">{t.plans.light}</th>
                      <th scope="col">{t.public.taskStatus}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tasks.items.map((r) => (
                      <tr key={r.id} data-testid="public-task">
                        <td style={{ whiteSpace: 'nowrap' }}>{r.path}</td>
                        <td style={{ minWidth: 280 }}>{r.text}</td>
                        <td style={{ minWidth: 160 }}>
                          {r.leadUnits.length ? (
                            <div>
                              {t.unitRoles.lead}：{r.leadUnits.join('、')}
                            </div>
                          ) : null}
                          {r.responsibleUnits.length ? (
                            <div style={{ color: '#595959' }}>
                              {t.unitRoles.responsible}：{r.responsibleUnits.join('、')}
                            </div>
                          ) : null}
                        </td>
                        <td style={{ whiteSpace: 'nowrap' }}>{r.deadline ?? '—'}</td>
                        <td style={{ minWidth: 140 }} data-testid="public-percent">
                          {r.percent === null ? (
                            '—'
                          ) : (
                            <Progress percent={Math.round(r.percent)} size="small" />
                          )}
                        </td>
                        <td style={{ whiteSpace: 'nowrap' }}>{r.workStatusLabel ?? t.public.notReported}</td>
                        <td>
                          <Light light={r.light} />
                        </td>
                        <td style={{ whiteSpace: 'nowrap' }}>{r.statusLabel}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {tasks.loading && !tasks.items.length ? <Skeleton active style={{ padding: 16 }} /> : null}
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
              <span aria-live="polite">{t.public.shown(tasks.items.length, tasks.total)}</span>
              {tasks.items.length < tasks.total ? (
                <Button onClick={tasks.more} loading={tasks.loading}>
                  {t.public.more}
                </Button>
              ) : null}
            </Flex>
            <p style={{ color: '#595959', marginTop: 16 }}>{t.public.note}</p>
          </>
        ) : null}
      </main>
    </div>
  );
}

/** One task as a card (phone width): number and text, units, deadline, progress, light and status. */
function TaskCard({ r }: { r: PublicTask }) {
  return (
    <article
      data-testid="public-task"
      style={{ background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6, padding: '10px 12px' }}
    >
      <div style={{ fontWeight: 500 }}>
        {r.path} {r.text}
      </div>
      <div style={{ color: '#595959', marginTop: 4 }}>
        {r.leadUnits.length ? `${t.unitRoles.lead}：${r.leadUnits.join('、')}` : null}
        {r.responsibleUnits.length ? `；${t.unitRoles.responsible}：${r.responsibleUnits.join('、')}` : null}
      </div>
      <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
        <Light light={r.light} />
        <span>{r.workStatusLabel ?? t.public.notReported}</span>
        <span>{r.statusLabel}</span>
        <span>
          {t.plans.deadline}：{r.deadline ?? '—'}
        </span>
      </Flex>
      {r.percent === null ? null : (
        <div data-testid="public-percent">
          <Progress percent={Math.round(r.percent)} size="small" />
        </div>
      )}
    </article>
  );
}
