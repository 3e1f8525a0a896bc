/** A unit asks for more time on a task (before its deadline), with the new date and a reason. */
import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { t } from '../i18n/zh-CN';
import { ErrorAlert } from './ErrorAlert';

export function ExtensionRequestModal({ taskId, onClose, onDone }: { taskId: string; onClose: () => void; onDone: () => void }) {
  const [date, setDate] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t.supervision.extension}
      okText={t.supervision.extension}
      cancelText={t.app.cancel}
      okButtonProps={{ disabled: !date || !reason.trim(), loading: busy }}
      onCancel={onClose}
      onOk={() => void (async () => {
        setBusy(true);
        setError(null);
        try {
          await api.post(`/api/tasks/${taskId}/extensions`, { requestedDate: date!.format('YYYY-MM-DD'), reason: reason.trim() });
          onDone();
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      })()}
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t.supervision.extensionDate} required htmlFor="ext-date">
          <DatePicker id="ext-date" value={date} onChange={setDate} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.supervision.extensionReason} required htmlFor="ext-reason">
          <Input.TextArea id="ext-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
