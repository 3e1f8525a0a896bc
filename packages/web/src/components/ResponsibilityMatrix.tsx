/**
 * Units × tasks with 牵头/责任/配合 marks, and a CSV export. A large plan (more tasks than fit as
 * columns) turns to one row per task with a column per unit: rows virtualise, thousands of columns
 * would not.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { t } from '../i18n/zh-CN';
import { buildMatrix, downloadText, matrixByTask, matrixCsv, type Role, type TaskRow } from '../lib/tasks';

const COLOURS: Record<string, string> = { lead: '#1f5fa8', responsible: '#13a8a8', cooperating: '#8c8c8c' };

function Mark({ role }: { role: Role | undefined }) {
  return role ? (
    <span style={{ color: COLOURS[role], fontWeight: role === 'lead' ? 700 : 400 }} aria-label={t.unitRoleLong[role]}>
      {t.unitRoles[role]}
    </span>
  ) : null;
}

export function ResponsibilityMatrix({ rows, filename, printing }: { rows: TaskRow[]; filename: string; printing?: boolean }) {
  const m = useMemo(() => buildMatrix(rows), [rows]);
  const byTask = matrixByTask(m);
  const unitRows = useMemo(() => m.units.map((u) => ({ key: u, unit: u })), [m]);
  const unitColumns: ColumnsType<{ key: string; unit: string }> = useMemo(
    () => [
      { title: t.plans.units, dataIndex: 'unit', fixed: 'left', width: 200 },
      ...m.tasks.map((task) => ({
        title: (
          <Tooltip title={task.text}>
            <span>{task.path || task.title.slice(0, 6)}</span>
          </Tooltip>
        ),
        key: task.id,
        width: 56,
        align: 'center' as const,
        render: (_: unknown, r: { unit: string }) => <Mark role={m.cell(r.unit, task.id)} />,
      })),
    ],
    [m],
  );
  const taskColumns: ColumnsType<TaskRow> = useMemo(
    () => [
      { title: t.task.text, key: 'task', fixed: 'left', width: 320, ellipsis: true, render: (_: unknown, r: TaskRow) => `${r.path} ${r.title}`.trim() },
      ...m.units.map((unit) => ({
        title: (
          <Tooltip title={unit}>
            <span>{unit.replace(/^(武汉市|湖北省|湖南省|江西省)/, '').slice(0, 6)}</span>
          </Tooltip>
        ),
        key: unit,
        width: 80,
        align: 'center' as const,
        render: (_: unknown, r: TaskRow) => <Mark role={m.cell(unit, r.id)} />,
      })),
    ],
    [m],
  );
  const exportCsv = () => downloadText(t.app.matrixFile(filename), matrixCsv(m, t.unitRoles, t.app.unitColumn, byTask ? t.task.text : undefined));
  const table = byTask ? (
    <Table<TaskRow> size="small" bordered virtual={!printing} pagination={false} rowKey="id" dataSource={m.tasks} scroll={printing ? undefined : { x: 320 + m.units.length * 80, y: 560 }} columns={taskColumns} />
  ) : (
    <Table size="small" bordered virtual={!printing} pagination={false} dataSource={unitRows} scroll={printing ? undefined : { x: 200 + m.tasks.length * 56, y: 560 }} columns={unitColumns} />
  );
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }} className="no-print">
        <Button icon={<DownloadOutlined />} onClick={exportCsv}>
          {t.plans.exportMatrix}
        </Button>
        {byTask ? <Typography.Text type="secondary">{t.plans.matrixByTask(m.tasks.length, m.units.length)}</Typography.Text> : null}
      </Flex>
      {table}
    </>
  );
}
