/** 单位待办: the unit's tasks and report slots by period; readable on a phone. */
import { Button, Empty, Flex, Segmented, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/hooks';
import { useTaskLabels } from '../api/task-labels';
import { useSession } from '../app/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { Light } from '../components/Light';
import { PageTitle } from '../components/PageTitle';
import { ProgressSheet, type Period } from '../components/report/ProgressSheet';
import { t } from '../i18n/zh-CN';
import { daysLeft } from './inbox-model';
import { isObj, listOf, str } from './import-model';

interface Slot {
  id: string;
  taskId: string | null;
  taskLabel: string;
  period: string;
  due: string | null;
  status: string;
  statusLabel: string | null;
  open: boolean;
  light: string | null;
  actions: string[];
}

export function toSlot(r: Record<string, unknown>): Slot {
  const task = isObj(r.task) ? r.task : {};
  return {
    id: str(r.id) ?? '',
    taskId: str(r.taskId) ?? str(task.id),
    taskLabel: [str(r.taskPath) ?? str(task.path), str(r.taskTitle) ?? str(task.title) ?? str(task.text)?.slice(0, 50)].filter(Boolean).join(' '),
    period: str(r.periodLabel) ?? str(r.period) ?? '',
    due: str(r.dueDate) ?? str(r.due),
    status: str(r.status) ?? 'pending',
    statusLabel: str(r.statusLabel),
    open: typeof r.open === 'boolean' ? r.open : OPEN.has(str(r.status) ?? 'pending'),
    light: str(r.light),
    actions: Array.isArray(r.actions) ? r.actions.filter((a): a is string => typeof a === 'string') : [],
  };
}

const OPEN = new Set(['pending', 'due', 'open', 'draft', 'returned', 'overdue']);

export default function UnitTodoPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const [view, setView] = useState<'open' | 'sign' | 'all'>('open');
  const signs = session.actions.includes('report.sign');
  const slots = useApi<unknown>('/api/reports', { open: view === 'open' ? 'true' : undefined, status: view === 'sign' ? 'submitted' : undefined, limit: 200 });
  const raw = useMemo(() => listOf(slots.data, 'reports', 'slots'), [slots.data]);
  const labels = useTaskLabels(raw.map((r) => str(r.planId) ?? '').filter(Boolean));
  const rows = useMemo(
    () =>
      raw.map((r) => {
        const slot = toSlot(r);
        const l = slot.taskId ? labels.get(slot.taskId) : undefined;
        return l && !slot.taskLabel ? { ...slot, taskLabel: `${l.path} ${l.text.split(/[。；]/)[0]}`, planTitle: l.planTitle } : { ...slot, planTitle: '' };
      }),
    [raw, labels],
  );
  const shown = [...rows].filter((r) => view !== 'sign' || r.actions.includes('report.sign')).sort((a, b) => (a.due ?? '9').localeCompare(b.due ?? '9'));
  const periods = useMemo(() => {
    const m = new Map<string, Period>();
    for (const r of raw) {
      const key = str(r.periodKey);
      if (key && r.open !== false && !m.has(key)) m.set(key, { key, label: str(r.periodLabel) ?? key });
    }
    return [...m.values()].sort((a, b) => b.key.localeCompare(a.key));
  }, [raw]);
  return (
    <>
      <PageTitle
        title={t.report.todo}
        sub={session.user?.unitName}
        extra={
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'open' | 'sign' | 'all')}
            options={[{ value: 'open', label: t.report.slots }, ...(signs ? [{ value: 'sign', label: t.report.toSign }] : []), { value: 'all', label: t.app.all }]}
          />
        }
      />
      {session.actions.includes('office.progress_sheet.download') ? (
        <ProgressSheet periods={periods} canUpload={session.actions.includes('office.progress_sheet.upload')} onSaved={slots.reload} />
      ) : null}
      <ErrorAlert error={slots.error} onRetry={slots.reload} />
      {slots.loading && !slots.data ? <Skeleton active /> : null}
      {!slots.loading && slots.data !== undefined && !shown.length ? <Empty description={t.report.noSlots} /> : null}
      <Flex vertical gap={8}>
        {shown.map((s) => {
          const n = s.due ? daysLeft(s.due) : null;
          const sign = s.actions.includes('report.sign');
          return (
            <Flex key={s.id} data-testid="todo-slot" justify="space-between" align="center" wrap gap={8} style={{ background: '#fff', border: '1px solid #e8e8e8', borderLeft: `4px solid ${s.status === 'overdue' || (n !== null && n < 0 && OPEN.has(s.status)) ? '#cf1322' : '#1f5fa8'}`, borderRadius: 6, padding: '10px 14px' }}>
              <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                <div style={{ fontWeight: 500 }}>{s.taskLabel}</div>
                {s.planTitle ? <div style={{ color: '#8c8c8c', fontSize: 13 }}>{s.planTitle}</div> : null}
                <Flex gap={6} wrap style={{ marginTop: 4 }}>
                  <Tag>{s.period}</Tag>
                  <Tag color={s.status === 'returned' || s.status === 'overdue' ? 'red' : s.status === 'accepted' ? 'green' : 'blue'}>{s.statusLabel ?? t.status.report[s.status] ?? s.status}</Tag>
                  {s.light ? <Light light={s.light} /> : null}
                  {s.due ? (
                    <Tag color={n !== null && n < 0 ? 'red' : n !== null && n <= 3 ? 'orange' : 'default'}>
                      {t.workbench.deadline} {s.due.slice(0, 10)}
                      {n !== null && OPEN.has(s.status) ? ` · ${t.workbench.daysLeft(n)}` : ''}
                    </Tag>
                  ) : null}
                </Flex>
              </div>
              {/* One focusable link that looks like a button (a button inside a link is two tab stops). */}
              <Button
                type={s.open || sign ? 'primary' : 'default'}
                href={`/reports/${s.id}`}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  void navigate(`/reports/${s.id}`);
                }}
              >
                {sign ? t.report.goSign : s.open ? t.workbench.goFill : t.app.details}
              </Button>
            </Flex>
          );
        })}
      </Flex>
    </>
  );
}
