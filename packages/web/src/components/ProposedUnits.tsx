/**
 * Names a document used that are not in the unit directory yet ("proposed" units): map each to an
 * existing unit, or confirm it as a new unit. Shown on the draft review screen.
 */
import { Button, Flex, Select, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { t } from '../i18n/zh-CN';
import { useUnitSearch } from './useUnitSearch';
import { listOf, str } from '../screens/import-model';
import { ErrorAlert } from './ErrorAlert';

function ProposedRow({ id, name, onDone }: { id: string; name: string; onDone: () => void }) {
  const { options, loading, search } = useUnitSearch();
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(path, body);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ padding: '8px 0', borderTop: '1px solid #f5f5f5' }} data-testid="proposed-unit">
      <Flex gap={8} wrap align="center">
        <Tag color="orange">{name}</Tag>
        <span>{t.import.mapTo}</span>
        <Select
          aria-label={`${name} ${t.import.mapTo}`}
          showSearch={{ filterOption: false, onSearch: search }}
          placeholder={t.import.mapToPlaceholder}
          loading={loading}
          value={target ?? undefined}
          onFocus={() => search(name.replace(/^(市|省|区|县)/, ''))}
          onChange={(v: string) => setTarget(v)}
          options={options.filter((o) => o.value !== id)}
          style={{ width: 300 }}
        />
        <Button type="primary" disabled={!target} loading={busy} onClick={() => run(`/api/units/${id}/map`, { targetUnitId: target })}>
          {t.app.confirm}
        </Button>
        <Button loading={busy} onClick={() => run(`/api/units/${id}/confirm`, {})}>
          {t.import.confirmNewUnit}
        </Button>
      </Flex>
      <ErrorAlert error={error} />
    </div>
  );
}

export function ProposedUnits({ planId, onChanged }: { planId: string; onChanged: () => void }) {
  const proposed = useApi<unknown>('/api/units', { status: 'proposed', limit: 500 });
  const rows = listOf(proposed.data).filter((u) => !str(u.proposedByPlanId) || str(u.proposedByPlanId) === planId);
  if (!rows.length) return null;
  return (
    <section style={{ background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 6, padding: '10px 14px', marginBottom: 12 }} aria-label={t.import.proposedTitle}>
      <strong>{t.import.proposedTitle}</strong>
      <div style={{ color: '#8c8c8c', marginBottom: 4 }}>{t.import.proposedHint}</div>
      <ErrorAlert error={proposed.error} onRetry={proposed.reload} />
      {rows.map((u) => (
        <ProposedRow
          key={str(u.id)}
          id={str(u.id) ?? ''}
          name={str(u.name) ?? ''}
          onDone={() => {
            proposed.reload();
            onChanged();
          }}
        />
      ))}
    </section>
  );
}
