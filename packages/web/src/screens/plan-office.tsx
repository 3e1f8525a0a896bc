/**
 * Office documents where the coordinator works on a plan: the 任务分工表 as Excel, and the
 * 工作简报/季通报 and 半年/年度总结 as Word with the 文号 and date the coordinator sets. Files are
 * fetched with the session cookie; a failure shows in Chinese beside the button or in the form,
 * and the form keeps what was typed.
 */
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Modal, Radio, message } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { t } from '../i18n/zh-CN';
import { downloadFromServer } from '../lib/tasks';
import { listOf, str } from './import-model';

type DocKind = 'bulletin' | 'summary';

const KINDS: Record<DocKind, string[]> = {
  bulletin: ['quarterly', 'briefing'],
  summary: ['half-year', 'annual'],
};

interface DocForm {
  kind: string;
  period: string;
  docNumber: string;
  date: string;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * A dialog that downloads one generated file: `download` checks the form (throwing a client error)
 * and fetches the file, returning its name. A failure shows in the dialog, which stays open with
 * what was typed; a success closes it.
 */
function DownloadModal(props: {
  title: string;
  okText: string;
  download: () => Promise<string>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [msg, holder] = message.useMessage();
  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      void msg.success(t.office.downloaded(await props.download()));
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t.app.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => void run()}
      onCancel={props.onClose}
    >
      {holder}
      <Form layout="vertical" component="div">
        {props.children}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

function OfficialDocModal({ planId, doc, onClose }: { planId: string; doc: DocKind; onClose: () => void }) {
  const periods = useRecentPeriods(planId);
  const [form, setForm] = useState<DocForm>({
    kind: KINDS[doc][0]!,
    period: periods[0] ?? '',
    docNumber: '',
    date: today(),
  });
  const period = form.period || periods[0] || '';
  const set = (patch: Partial<DocForm>) => setForm((f) => ({ ...f, ...patch }));

  const generate = async () => {
    if (!period.trim()) throw new ApiError(400, 'client.period', t.office.periodMissing);
    if (!form.docNumber.trim()) throw new ApiError(400, 'client.doc_number', t.office.docNumberMissing);
    const q = new URLSearchParams({
      kind: form.kind,
      period: period.trim(),
      docNumber: form.docNumber.trim(),
    });
    if (form.date) q.set('date', form.date);
    const file = `${doc === 'bulletin' ? 'bulletin' : 'summary'}.docx`;
    return (await downloadFromServer(`/api/plans/${planId}/${file}?${q.toString()}`, file)).filename;
  };

  return (
    <DownloadModal
      title={doc === 'bulletin' ? t.office.bulletinTitle : t.office.summaryTitle}
      okText={t.office.generate}
      download={generate}
      onClose={onClose}
    >
      <Form.Item label={t.office.kind}>
        <Radio.Group
          value={form.kind}
          onChange={(e) => set({ kind: String(e.target.value) })}
          aria-label={t.office.kind}
        >
          {KINDS[doc].map((k) => (
            <Radio key={k} value={k}>
              {t.office.kinds[k]}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item label={t.office.period} htmlFor="office-period" extra={t.office.periodHint}>
        <AutoComplete
          id="office-period"
          aria-label={t.office.period}
          value={period}
          options={periods.map((p) => ({ value: p }))}
          placeholder={t.office.periodPlaceholder}
          onChange={(v: string) => set({ period: v })}
        />
      </Form.Item>
      <Form.Item label={t.office.docNumber} htmlFor="office-doc-number">
        <Input
          id="office-doc-number"
          value={form.docNumber}
          placeholder={t.office.docNumberPlaceholder}
          maxLength={60}
          onChange={(e) => set({ docNumber: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t.office.date} htmlFor="office-date">
        <Input
          id="office-date"
          type="date"
          value={form.date}
          onChange={(e) => set({ date: e.target.value })}
        />
      </Form.Item>
    </DownloadModal>
  );
}

/** The last open period of each of the plan's reporting cycles (the periods a form offers first). */
function useRecentPeriods(planId: string): string[] {
  const cycles = useApi<unknown>(`/api/plans/${planId}/cycles`);
  return [
    ...new Set(
      listOf(cycles.data)
        .map((c) => str(c.lastPeriodKey))
        .filter((k): k is string => !!k),
    ),
  ];
}

/**
 * The 任务分工表 export: without a period the table alone; with one, the 进展情况 / 完成比例 /
 * 状态（亮灯） columns of that period. A refused period (the server names the ones there are) shows
 * in the dialog.
 */
function TaskTableModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const periods = useRecentPeriods(planId);
  const [period, setPeriod] = useState('');
  const exportTable = async () => {
    const q = period.trim() ? `?${new URLSearchParams({ period: period.trim() }).toString()}` : '';
    return (await downloadFromServer(`/api/plans/${planId}/task-table.xlsx${q}`, 'task-table.xlsx')).filename;
  };
  return (
    <DownloadModal
      title={t.office.taskTableTitle}
      okText={t.office.exportNow}
      download={exportTable}
      onClose={onClose}
    >
      <Form.Item
        label={t.office.progressPeriod}
        htmlFor="office-progress-period"
        extra={t.office.progressPeriodHint}
      >
        <AutoComplete
          id="office-progress-period"
          aria-label={t.office.progressPeriod}
          value={period}
          allowClear
          options={periods.map((p) => ({ value: p }))}
          placeholder={t.office.progressPeriodNone}
          onChange={(v: string | undefined) => setPeriod(v ?? '')}
        />
      </Form.Item>
    </DownloadModal>
  );
}

/** The plan overview's office buttons; each appears only for those the server allows. */
export function PlanOfficeActions(props: {
  planId: string;
  published: boolean;
  can: (action: string) => boolean;
}) {
  const { planId, published, can } = props;
  const [open, setOpen] = useState<DocKind | 'table' | null>(null);
  return (
    <>
      {can('office.task_table.export') ? (
        <Button icon={<FileExcelOutlined />} onClick={() => setOpen('table')}>
          {t.office.exportTaskTable}
        </Button>
      ) : null}
      {published && can('office.bulletin.generate') ? (
        <Button icon={<FileWordOutlined />} onClick={() => setOpen('bulletin')}>
          {t.office.bulletin}
        </Button>
      ) : null}
      {published && can('office.summary.generate') ? (
        <Button icon={<FileWordOutlined />} onClick={() => setOpen('summary')}>
          {t.office.summary}
        </Button>
      ) : null}
      {open === 'table' ? <TaskTableModal planId={planId} onClose={() => setOpen(null)} /> : null}
      {open === 'bulletin' || open === 'summary' ? (
        <OfficialDocModal planId={planId} doc={open} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
