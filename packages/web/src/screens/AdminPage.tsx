/** 管理: units and aliases, users and roles, cycles and their windows, light rules. */
import { Table, Tabs, Tag } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { Cycles, LightRules } from './admin-settings';
import { listOf, str } from './import-model';

type Row = Record<string, unknown>;

function Users() {
  const users = useApi<unknown>('/api/users');
  const rows = useMemo(() => listOf(users.data), [users.data]);
  return (
    <>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Table<Row>
        rowKey={(r) => str(r.id) ?? ''}
        size="small"
        loading={users.loading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 720 }}
        columns={[
          { title: t.admin.username, dataIndex: 'username' },
          { title: t.admin.name, dataIndex: 'name' },
          { title: t.admin.role, dataIndex: 'roles', render: (rs: string[]) => (rs ?? []).map((r) => <Tag key={r}>{t.roles[r] ?? r}</Tag>) },
          { title: t.admin.unit, dataIndex: 'unitName' },
        ]}
      />
    </>
  );
}

function Units() {
  const units = useApi<unknown>('/api/units', { limit: 500 });
  const rows = useMemo(() => listOf(units.data, 'units'), [units.data]);
  return (
    <>
      <ErrorAlert error={units.error} onRetry={units.reload} />
      <Table<Row>
        rowKey={(r) => str(r.id) ?? ''}
        size="small"
        virtual
        loading={units.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800, y: 560 }}
        footer={() => t.app.rows(rows.length)}
        columns={[
          { title: t.admin.unitName, dataIndex: 'name', width: 280 },
          { title: t.admin.aliases, dataIndex: 'aliases', render: (a: unknown) => (Array.isArray(a) ? a.map((x) => (typeof x === 'string' ? x : str((x as Row).name) ?? '')).join('、') : '') },
          { title: t.admin.region, dataIndex: 'region', width: 120 },
          { title: t.report.status, dataIndex: 'status', width: 100, render: (s: string) => (s === 'proposed' ? <Tag color="orange">{t.app.proposed}</Tag> : null) },
        ]}
      />
    </>
  );
}

export default function AdminPage() {
  return (
    <>
      <PageTitle title={t.admin.title} />
      <Tabs
        items={[
          { key: 'units', label: t.admin.units, children: <Units /> },
          { key: 'users', label: t.admin.users, children: <Users /> },
          { key: 'cycles', label: t.admin.cycles, children: <Cycles /> },
          { key: 'rules', label: t.admin.rules.title, children: <LightRules /> },
        ]}
      />
    </>
  );
}
