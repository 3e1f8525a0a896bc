/** Tasks as a virtualised table: 10,000 rows stay smooth. */
import { Progress, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { t } from '../i18n/zh-CN';
import type { TaskRow } from '../lib/tasks';
import { Light } from './Light';

export function UnitTags({ units }: { units: TaskRow['units'] }) {
  return (
    <>
      {units.map((u) => (
        <Tag key={`${u.role}:${u.name}`} color={u.role === 'lead' ? 'blue' : u.role === 'cooperating' ? 'default' : 'cyan'} style={{ marginBottom: 2 }}>
          {t.unitRoles[u.role]}·{u.name}
        </Tag>
      ))}
    </>
  );
}

export interface TaskTableProps {
  rows: TaskRow[];
  loading?: boolean;
  height?: number;
  /** Extra columns after the standard ones. */
  extra?: ColumnsType<TaskRow>;
  compact?: boolean;
  /** Draw every row (for printing): a virtual table prints only the rows in view. */
  printing?: boolean;
}

export function TaskTable({ rows, loading, height = 560, extra = [], compact, printing }: TaskTableProps) {
  const columns: ColumnsType<TaskRow> = [
    { title: t.plans.number, dataIndex: 'path', width: 110, ellipsis: true },
    {
      title: t.task.text,
      dataIndex: 'title',
      width: compact ? 280 : 380,
      render: (v: string, r) => (
        <Tooltip title={r.text} placement="topLeft">
          <Link to={`/tasks/${r.id}`}>{v || r.text.slice(0, 40)}</Link>
        </Tooltip>
      ),
    },
    { title: t.plans.units, key: 'units', width: 300, render: (_, r) => <UnitTags units={r.units} /> },
    { title: t.plans.deadline, dataIndex: 'deadline', width: 120 },
    {
      title: t.plans.progress,
      dataIndex: 'progress',
      width: 140,
      render: (v: number | null) => (v === null ? '—' : <Progress percent={Math.round(v)} size="small" />),
    },
    {
      title: t.plans.light,
      dataIndex: 'light',
      width: 100,
      render: (v: string | null, r) => (
        <Tooltip title={r.lightReasons.join('；') || undefined}>
          <span>
            <Light light={v} />
          </span>
        </Tooltip>
      ),
    },
    ...extra,
  ];
  return (
    <Table<TaskRow>
      rowKey="id"
      size="small"
      virtual={!printing}
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={printing ? undefined : { x: 1150, y: height }}
      locale={{ emptyText: t.app.empty }}
      footer={() => t.app.rows(rows.length)}
    />
  );
}
