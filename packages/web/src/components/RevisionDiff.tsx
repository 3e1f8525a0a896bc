/** A revised document's differences against the published plan, shown before they are applied. */
import { Button, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { t } from '../i18n/zh-CN';
import { isObj, listOf, str } from '../screens/import-model';
import { ErrorAlert } from './ErrorAlert';

const units = (v: unknown) => listOf(v).map((u) => `${t.unitRoles[str(u.role) ?? ''] ?? ''}·${str(u.unitName)}`).join('、');

export function RevisionDiff({ planId, canApply }: { planId: string; canApply: boolean }) {
  const rev = useApi<{ revision: Record<string, unknown> | null }>(`/api/plans/${planId}/revision`);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const d = rev.data?.revision ?? null;
  if (rev.error) return <ErrorAlert error={rev.error} onRetry={rev.reload} />;
  if (!d) return null;
  const against = isObj(d.against) ? d.against : {};
  const row = (colour: string, label: string, path: string, body: React.ReactNode, key: string) => (
    <div key={key} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
      <Tag color={colour}>{label}</Tag> <strong>{path}</strong> {body}
    </div>
  );
  return (
    <section style={{ background: '#fff', border: '1px solid #91caff', borderRadius: 6, padding: '10px 14px', marginBottom: 12 }} aria-label={t.import.diff}>
      <strong>{t.import.diff}</strong> <span style={{ color: '#8c8c8c' }}>{t.import.revisionAgainst(str(against.title) ?? '')}</span>
      {listOf(d.added).map((a, i) => row('green', t.import.diffAdded, str(a.path) ?? '', <>{str(a.text)} <span style={{ color: '#8c8c8c' }}>{units(a.units)}</span></>, `a${i}`))}
      {listOf(d.removed).map((a, i) => row('red', t.import.diffRemoved, str(a.path) ?? '', <s>{str(a.text)}</s>, `r${i}`))}
      {listOf(d.changed).map((c, i) =>
        row(
          'orange',
          t.import.diffChanged,
          str(c.path) ?? '',
          <div style={{ marginLeft: 16 }}>
            {isObj(c.text) ? <div>{t.import.before}：<s>{str(c.text.before)}</s><br />{t.import.after}：{str(c.text.after)}</div> : null}
            {isObj(c.deadline) ? <div>{t.import.deadline}：{str(c.deadline.before) ?? '—'} → {str(c.deadline.after) ?? '—'}</div> : null}
            {isObj(c.units) ? <div>{t.plans.units}：{units(c.units.before)} → {units(c.units.after)}</div> : null}
          </div>,
          `c${i}`,
        ),
      )}
      <div style={{ color: '#8c8c8c', marginTop: 6 }}>{t.import.unchangedCount(Number(d.unchanged ?? 0))}</div>
      <ErrorAlert error={error} />
      {canApply ? (
        <Popconfirm
          title={t.import.applyRevisionConfirm}
          okText={t.import.applyRevision}
          cancelText={t.app.cancel}
          onConfirm={() => void (async () => {
            setBusy(true);
            setError(null);
            try {
              const r = await api.post<Record<string, unknown>>(`/api/plans/${planId}/apply-revision`, {});
              void navigate(`/plans/${str(r?.id) ?? str(against.id) ?? ''}`);
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          })()}
        >
          <Button type="primary" loading={busy} style={{ marginTop: 8 }}>
            {t.import.applyRevision}
          </Button>
        </Popconfirm>
      ) : null}
    </section>
  );
}
