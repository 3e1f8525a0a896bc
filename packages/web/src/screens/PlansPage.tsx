/** 规划总览: the published plans; each opens its tree, matrix and timeline. */
import { Progress, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { isObj, listOf, num, str } from './import-model';

interface PlanRow {
  id: string;
  title: string;
  issuer: string | null;
  docNumber: string | null;
  status: string | null;
  taskCount: number | null;
  progress: number | null;
  publishedAt: string | null;
}

export function toPlanRow(r: Record<string, unknown>): PlanRow {
  const stats = isObj(r.stats) ? r.stats : {};
  return {
    id: str(r.id) ?? '',
    title: str(r.title) ?? str(r.name) ?? t.app.untitledPlan,
    issuer: str(r.issuer),
    docNumber: str(r.docNumber),
    status: str(r.status),
    taskCount: num(r.taskCount) ?? num(stats.taskCount) ?? num(stats.tasks),
    progress: num(r.progress) ?? num(stats.progress),
    publishedAt: str(r.publishedAt),
  };
}

export default function PlansPage() {
  const plans = useApi<unknown>('/api/plans');
  const rows = useMemo(() => listOf(plans.data).map(toPlanRow).filter((p) => p.status !== 'draft'), [plans.data]);
  return (
    <>
      <PageTitle title={t.plans.title} />
      <ErrorAlert error={plans.error} onRetry={plans.reload} />
      <Table<PlanRow>
        rowKey="id"
        loading={plans.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t.plans.noPlans }}
        columns={[
          { title: t.plans.list, dataIndex: 'title', render: (v: string, r) => <Link to={`/plans/${r.id}`}>{v}</Link> },
          { title: t.import.docNumber, dataIndex: 'docNumber', width: 180 },
          { title: t.plans.issuer, dataIndex: 'issuer', width: 200 },
          { title: t.plans.taskCount, dataIndex: 'taskCount', width: 90 },
          { title: t.plans.progress, dataIndex: 'progress', width: 160, render: (v: number | null) => (v === null ? '—' : <Progress percent={Math.round(v)} size="small" />) },
          { title: t.task.title, dataIndex: 'status', width: 100, render: (s: string | null) => (s ? <Tag>{t.status.plan[s] ?? s}</Tag> : null) },
        ]}
      />
    </>
  );
}
