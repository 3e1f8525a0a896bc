import { Input, Select, Flex } from 'antd';
import { useMemo } from 'react';
import { t } from '../i18n/zh-CN';
import type { TaskFilter, TaskRow } from '../lib/tasks';

const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'zh-CN'));

/** Filters by unit, role, domain, city, light and status; options come from the rows themselves. */
export function TaskFilters({ rows, value, onChange }: { rows: TaskRow[]; value: TaskFilter; onChange: (f: TaskFilter) => void }) {
  const units = useMemo(() => uniq(rows.flatMap((r) => r.units.map((u) => u.name))), [rows]);
  const domains = useMemo(() => uniq(rows.map((r) => r.domain)), [rows]);
  const cities = useMemo(() => uniq(rows.flatMap((r) => r.cities)), [rows]);
  const statuses = useMemo(() => uniq(rows.map((r) => r.status)), [rows]);
  const set = (k: keyof TaskFilter) => (v: string | undefined) => onChange({ ...value, [k]: v ?? null });
  const sel = (k: keyof TaskFilter, label: string, options: { value: string; label: string }[], width = 150) => (
    <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={label} aria-label={label} style={{ width }} value={value[k] ?? undefined} onChange={set(k)} options={options} />
  );
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }} className="no-print">
      <Input.Search allowClear placeholder={t.plans.searchPlaceholder} aria-label={t.plans.searchPlaceholder} style={{ width: 220 }} onSearch={(q) => onChange({ ...value, q })} />
      {sel('unit', t.plans.filterUnit, units.map((u) => ({ value: u, label: u })), 220)}
      {sel('role', t.plans.filterRole, Object.entries(t.unitRoleLong).map(([v, l]) => ({ value: v, label: l })), 120)}
      {domains.length ? sel('domain', t.plans.filterDomain, domains.map((d) => ({ value: d, label: d }))) : null}
      {cities.length ? sel('city', t.plans.filterCity, cities.map((d) => ({ value: d, label: d })), 120) : null}
      {sel('light', t.plans.filterLight, ['red', 'yellow', 'green', 'none'].map((l) => ({ value: l, label: t.status.light[l]! })), 110)}
      {statuses.length ? sel('status', t.plans.filterStatus, statuses.map((s) => ({ value: s, label: t.status.task[s] ?? s })), 120) : null}
    </Flex>
  );
}
