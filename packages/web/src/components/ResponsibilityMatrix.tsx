/** Units × tasks with 牵头/责任/配合 marks, and a CSV export. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Table, Tooltip } from 'antd';
import { useMemo } from 'react';
import { t } from '../i18n/zh-CN';
import { buildMatrix, downloadText, matrixCsv, type TaskRow } from '../lib/tasks';

const COLOURS: Record<string, string> = { lead: '#1f5fa8', responsible: '#13a8a8', cooperating: '#8c8c8c' };

export function ResponsibilityMatrix({ rows, filename }: { rows: TaskRow[]; filename: string }) {
  const m = useMemo(() => buildMatrix(rows), [rows]);
  const data = useMemo(() => m.units.map((u) => ({ key: u, unit: u })), [m]);
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => downloadText(t.app.matrixFile(filename), matrixCsv(m, t.unitRoles, t.app.unitColumn))} style={{ marginBottom: 8 }} className="no-print">
        {t.plans.exportMatrix}
      </Button>
      <Table
        size="small"
        bordered
        virtual
        pagination={false}
        dataSource={data}
        scroll={{ x: 200 + m.tasks.length * 56, y: 560 }}
        columns={[
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
            render: (_: unknown, r: { unit: string }) => {
              const role = m.cell(r.unit, task.id);
              return role ? (
                <span style={{ color: COLOURS[role], fontWeight: role === 'lead' ? 700 : 400 }} aria-label={t.unitRoleLong[role]}>
                  {t.unitRoles[role]}
                </span>
              ) : null;
            },
          })),
        ]}
      />
    </>
  );
}
