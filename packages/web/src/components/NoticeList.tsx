/** Supervision notices (提醒/催办/督办单/通报) with their replies; the unit replies, the coordinator closes. */
import { FileWordOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { t } from '../i18n/zh-CN';
import { str } from '../screens/import-model';
import { ErrorAlert } from './ErrorAlert';

type Raw = Record<string, unknown>;

const COLOUR: Record<string, string> = { blue: 'blue', yellow: 'gold', red: 'red' };

function Notice({ n, showTask, onChanged }: { n: Raw; showTask: boolean; onChanged: () => void }) {
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const actions = Array.isArray(n.actions) ? n.actions.map(String) : [];
  const status = str(n.status) ?? '';
  const run = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(path, body, { headers: { 'idempotency-key': crypto.randomUUID() } });
      setReply('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const colour = str(n.color);
  const { session } = useSession();
  // Only a 督办单 (numbered notice) has a Word form; reminders and urgings do not.
  const word = str(n.level) === 'notice' && str(n.number) && session.actions.includes('office.notice.download');
  return (
    <article style={{ background: '#fff', border: '1px solid #e8e8e8', borderLeft: `4px solid ${colour === 'red' ? '#cf1322' : colour === 'yellow' ? '#d4b106' : '#1f5fa8'}`, borderRadius: 6, padding: '10px 14px' }} data-testid="notice">
      <Flex gap={8} wrap align="center">
        <Tag color={colour ? COLOUR[colour] : 'default'}>{colour ? t.supervision.levels[colour] : (str(n.levelLabel) ?? t.supervision.kinds[str(n.level) ?? ''])}</Tag>
        {str(n.number) ? <strong>{str(n.number)}</strong> : null}
        <span>{str(n.unitName)}</span>
        <Tag>{t.supervision.statuses[status] ?? status}</Tag>
        {str(n.replyBy) ? <span style={{ color: '#595959' }}>{t.supervision.replyBy}：{str(n.replyBy)}</span> : null}
        {word ? (
          <a className="no-print" href={`/api/supervision/notices/${str(n.id)}/notice.docx`} download style={{ marginLeft: 'auto' }}>
            <FileWordOutlined aria-hidden /> {t.supervision.downloadWord}
          </a>
        ) : null}
      </Flex>
      {showTask && str(n.taskId) ? (
        <div style={{ marginTop: 4 }}>
          <Link to={`/tasks/${str(n.taskId)}`}>
            {str(n.taskPath)} {str(n.taskText)?.slice(0, 50)}
          </Link>
        </div>
      ) : null}
      <p style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{str(n.text)}</p>
      {str(n.reply) ? (
        <div style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 4, padding: 8 }}>
          <strong>{t.supervision.replies}：</strong>
          <span style={{ whiteSpace: 'pre-wrap' }}>{str(n.reply)}</span>
        </div>
      ) : null}
      {actions.includes('notice.reply') ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <label htmlFor={`reply-${str(n.id)}`}>{t.supervision.reply}</label>
          <Input.TextArea id={`reply-${str(n.id)}`} value={reply} onChange={(e) => setReply(e.target.value)} placeholder={t.supervision.replyPlaceholder} autoSize={{ minRows: 3 }} />
          <div>
            <Button type="primary" disabled={!reply.trim()} loading={busy} onClick={() => void run(`/api/supervision/notices/${str(n.id)}/reply`, { text: reply.trim() })}>
              {t.supervision.sendReply}
            </Button>
          </div>
        </Flex>
      ) : null}
      {actions.includes('notice.close') ? (
        <Button style={{ marginTop: 8 }} loading={busy} onClick={() => void run(`/api/supervision/notices/${str(n.id)}/close`, {})}>
          {t.supervision.close}
        </Button>
      ) : null}
      <ErrorAlert error={error} />
    </article>
  );
}

export function NoticeList({ notices, showTask = false, onChanged }: { notices: Raw[]; showTask?: boolean; onChanged: () => void }) {
  if (!notices.length) return <Empty description={t.task.noNotices} />;
  return (
    <Flex vertical gap={8}>
      {notices.map((n) => (
        <Notice key={str(n.id)} n={n} showTask={showTask} onChanged={onChanged} />
      ))}
    </Flex>
  );
}
