/**
 * Names a document used that are not in the unit directory yet ("proposed" units): map each to an
 * existing unit, or confirm it as a new unit. Shown on the draft review screen.
 */
import { Button, Flex, Popconfirm, Select, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { t } from '../i18n/zh-CN';
import { useUnitSearch } from './useUnitSearch';
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
        <Tag color="orange" style={{ minWidth: 160 }}>{name}</Tag>
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
        <Button type="primary" disabled={!target} loading={busy} onClick={() => void run(`/api/units/${id}/map`, { targetUnitId: target })}>
          {t.app.confirm}
        </Button>
        <Button loading={busy} onClick={() => void run(`/api/units/${id}/confirm`, {})}>
          {t.import.confirmNewUnit}
        </Button>
      </Flex>
      <ErrorAlert error={error} />
    </div>
  );
}

const SHOWN = 5;

export function ProposedUnits({ units, onChanged }: { units: { id: string; name: string }[]; onChanged: () => void }) {
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!units.length) return null;
  const shown = all ? units : units.slice(0, SHOWN);
  const confirmAll = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const u of units) await api.post(`/api/units/${u.id}/confirm`, {});
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <section style={{ background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 6, padding: '10px 14px', marginBottom: 12 }} aria-label={t.import.proposedTitle}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <strong>{t.import.proposedTitle}（{units.length}）</strong>
          <div style={{ color: '#8c8c8c' }}>{t.import.proposedHint}</div>
        </div>
        <Popconfirm title={t.import.confirmAllQuestion(units.length)} okText={t.app.confirm} cancelText={t.app.cancel} onConfirm={() => void confirmAll()}>
          <Button loading={busy}>{t.import.confirmAll}</Button>
        </Popconfirm>
      </Flex>
      <ErrorAlert error={error} />
      {shown.map((u) => (
        <ProposedRow key={u.id} id={u.id} name={u.name} onDone={onChanged} />
      ))}
      {units.length > SHOWN ? (
        <Button type="link" onClick={() => setAll(!all)} style={{ paddingLeft: 0 }}>
          {all ? t.import.showFewer : t.import.showAll(units.length)}
        </Button>
      ) : null}
    </section>
  );
}
