/** Escalate on a task: a reminder, an urging, a 督办单 (blue/yellow/red) with a reply date, or a circular. */
import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { t } from '../i18n/zh-CN';
import { ErrorAlert } from './ErrorAlert';

export interface NoticeInput {
  level: string;
  color?: string;
  replyBy?: string;
  text: string;
}

const LEVELS = ['remind', 'urge', 'notice', 'circulate'];

export function IssueNoticeModal({ open, title, onCancel, onIssue }: { open: boolean; title?: string; onCancel: () => void; onIssue: (v: NoticeInput) => Promise<void> }) {
  const [level, setLevel] = useState('notice');
  const [color, setColor] = useState('yellow');
  const [replyBy, setReplyBy] = useState<Dayjs | null>(dayjs().add(7, 'day'));
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Modal
      open={open}
      title={title ?? t.supervision.issue}
      okText={t.supervision.issue}
      cancelText={t.app.cancel}
      okButtonProps={{ disabled: !text.trim(), loading: busy }}
      onCancel={onCancel}
      onOk={() => void (async () => {
        setBusy(true);
        setError(null);
        try {
          await onIssue({ level, text: text.trim(), ...(level === 'notice' ? { color } : {}), ...(replyBy ? { replyBy: replyBy.format('YYYY-MM-DD') } : {}) });
        } catch (e) {
          // The dialog stays open with what was written.
          setError(e);
        } finally {
          setBusy(false);
        }
      })()}
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t.supervision.level}>
          <Radio.Group value={level} onChange={(e) => setLevel(e.target.value as string)} optionType="button" options={LEVELS.map((k) => ({ value: k, label: t.supervision.kinds[k] ?? k }))} />
        </Form.Item>
        {level === 'notice' ? (
          <Form.Item label={t.supervision.notice}>
            <Radio.Group value={color} onChange={(e) => setColor(e.target.value as string)} options={['blue', 'yellow', 'red'].map((l) => ({ value: l, label: t.supervision.levels[l] }))} />
          </Form.Item>
        ) : null}
        <Form.Item label={t.supervision.replyBy} htmlFor="notice-reply-by">
          <DatePicker id="notice-reply-by" value={replyBy} onChange={setReplyBy} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.supervision.content} required htmlFor="notice-content">
          <Input.TextArea id="notice-content" value={text} onChange={(e) => setText(e.target.value)} placeholder={t.supervision.contentPlaceholder} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
