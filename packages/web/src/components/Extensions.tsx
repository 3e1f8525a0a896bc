/** Extension requests (延期申请): the coordinator approves or refuses with a note. */
import { Button, Empty, Flex, Input, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { t } from '../i18n/zh-CN';
import { str } from '../screens/import-model';
import { ErrorAlert } from './ErrorAlert';

type Raw = Record<string, unknown>;

function Extension({ e, highlighted, onChanged }: { e: Raw; highlighted: boolean; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const actions = Array.isArray(e.actions) ? e.actions.map(String) : [];
  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/supervision/extensions/${str(e.id)}/decide`, { approve, ...(note.trim() ? { note: note.trim() } : {}) });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const status = str(e.status) ?? '';
  return (
    <article style={{ background: '#fff', border: `1px solid ${highlighted ? '#1f5fa8' : '#e8e8e8'}`, borderRadius: 6, padding: '10px 14px' }}>
      <Flex gap={8} wrap align="center">
        <Tag color={status === 'approved' ? 'green' : status === 'refused' ? 'red' : 'orange'}>{t.supervision.extensionStatuses[status] ?? status}</Tag>
        <span>
          {t.supervision.extensionDates(str(e.currentDeadline) ?? '—', str(e.requestedDate) ?? '—')}
        </span>
      </Flex>
      <p style={{ margin: '8px 0' }}>{str(e.reason)}</p>
      {str(e.decisionNote) ? <p style={{ color: '#8c8c8c' }}>{str(e.decisionNote)}</p> : null}
      {actions.includes('extension.decide') ? (
        <Flex gap={8} wrap>
          <Input aria-label={t.supervision.decisionNote} placeholder={t.supervision.decisionNote} value={note} onChange={(ev) => setNote(ev.target.value)} style={{ maxWidth: 360 }} />
          <Button type="primary" loading={busy} onClick={() => void decide(true)}>
            {t.supervision.approve}
          </Button>
          <Button danger loading={busy} onClick={() => void decide(false)}>
            {t.supervision.refuse}
          </Button>
        </Flex>
      ) : null}
      <ErrorAlert error={error} />
    </article>
  );
}

export function Extensions({ items, highlight, onChanged }: { items: Raw[]; highlight?: string | null; onChanged: () => void }) {
  if (!items.length) return <Empty description={t.app.empty} />;
  return (
    <Flex vertical gap={8}>
      {items.map((e) => (
        <Extension key={str(e.id)} e={e} highlighted={str(e.id) === highlight} onChanged={onChanged} />
      ))}
    </Flex>
  );
}
