/** Issue a reminder, an urging or a 督办单 (blue/yellow/red) with a reply date. */
import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { t } from '../i18n/zh-CN';
import { ErrorAlert } from './ErrorAlert';

export interface NoticeInput {
  kind: string;
  level: string | null;
  replyBy: string | null;
  content: string;
  unitIds: string[];
}

export function IssueNoticeModal({
  open,
  units,
  kinds = ['remind', 'urge', 'notice'],
  onCancel,
  onIssue,
}: {
  open: boolean;
  units: { id: string; name: string }[];
  kinds?: string[];
  onCancel: () => void;
  onIssue: (v: NoticeInput) => Promise<void>;
}) {
  const [kind, setKind] = useState(kinds.includes('notice') ? 'notice' : (kinds[0] ?? 'notice'));
  const [level, setLevel] = useState('yellow');
  const [replyBy, setReplyBy] = useState<Dayjs | null>(dayjs().add(7, 'day'));
  const [content, setContent] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>(units.map((u) => u.id));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const needsReply = kind === 'notice';

  return (
    <Modal
      open={open}
      title={t.supervision.issue}
      okText={t.supervision.issue}
      cancelText={t.app.cancel}
      okButtonProps={{ disabled: !content.trim() || (needsReply && !replyBy) || !unitIds.length, loading: busy }}
      onCancel={onCancel}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await onIssue({ kind, level: kind === 'notice' ? level : null, replyBy: replyBy ? replyBy.format('YYYY-MM-DD') : null, content: content.trim(), unitIds });
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t.supervision.level}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as string)} optionType="button" options={kinds.map((k) => ({ value: k, label: t.supervision.kinds[k] ?? k }))} />
        </Form.Item>
        {kind === 'notice' ? (
          <Form.Item label={t.supervision.notice}>
            <Radio.Group value={level} onChange={(e) => setLevel(e.target.value as string)} options={['blue', 'yellow', 'red'].map((l) => ({ value: l, label: t.supervision.levels[l] }))} />
          </Form.Item>
        ) : null}
        {units.length > 1 ? (
          <Form.Item label={t.admin.unit} htmlFor="notice-units">
            <Select id="notice-units" mode="multiple" value={unitIds} onChange={setUnitIds} options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item label={t.supervision.replyBy} required={needsReply} htmlFor="notice-reply-by">
          <DatePicker id="notice-reply-by" value={replyBy} onChange={setReplyBy} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.supervision.content} required htmlFor="notice-content">
          <Input.TextArea id="notice-content" value={content} onChange={(e) => setContent(e.target.value)} placeholder={t.supervision.contentPlaceholder} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
