/**
 * The progress report form: status, percent, what was done, problems, next steps and indicator
 * values. Drafts save themselves while the user types; a stale save (409) explains what changed
 * and keeps the user's text until they choose.
 */
import { Alert, Button, Descriptions, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import type { Autosave } from '../../lib/autosave';
import { ErrorAlert } from '../ErrorAlert';

export interface IndicatorValue {
  indicatorId: string;
  name: string;
  unit: string | null;
  value: number | null;
}

export interface ReportValues {
  status: string | null;
  percent: number | null;
  done: string;
  problems: string;
  nextSteps: string;
  indicators: IndicatorValue[];
}

export const EMPTY_REPORT: ReportValues = { status: null, percent: null, done: '', problems: '', nextSteps: '', indicators: [] };

export const PROGRESS_STATUSES = ['not_started', 'in_progress', 'completed', 'lagging', 'difficult'];

export interface ReportFormProps {
  value: ReportValues;
  onChange: (v: ReportValues) => void;
  autosave?: Autosave<ReportValues>;
  /** The server's current version after a stale save, to show beside the user's text. */
  theirs?: Partial<ReportValues> | null;
  onKeepMine?: () => void;
  onUseTheirs?: () => void;
  readOnly?: boolean;
  statuses?: string[];
  prefilled?: boolean;
}

function AutosaveStatus({ autosave }: { autosave: Autosave<ReportValues> }) {
  const time = autosave.savedAt ? autosave.savedAt.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
  if (autosave.state === 'saving') return <Typography.Text type="secondary">{t.report.autosaving}</Typography.Text>;
  if (autosave.state === 'error') return <Typography.Text type="danger">{autosave.error?.message ?? t.report.autosaveFailed}</Typography.Text>;
  if (autosave.savedAt && autosave.state !== 'conflict') return <Typography.Text type="secondary">{t.report.autosaved(time)}</Typography.Text>;
  return null;
}

const FIELD_LABELS: Record<string, string> = {
  workStatus: t.report.status,
  percent: t.report.percent,
  done: t.report.done,
  problems: t.report.problems,
  nextSteps: t.report.nextSteps,
  indicators: t.report.indicatorValues,
};

/** The fields where the user's text and the newer saved version differ, as the server lists them on a 409. */
export function changedFieldLabels(error: ApiError | null | undefined): string[] {
  const d = error?.details;
  const fields = d && typeof d === 'object' && Array.isArray((d as { changedFields?: unknown }).changedFields) ? (d as { changedFields: unknown[] }).changedFields : [];
  return fields.map((f) => (typeof f === 'string' ? FIELD_LABELS[f] : undefined)).filter((l): l is string => !!l);
}

export function ReportForm({ value, onChange, autosave, theirs, onKeepMine, onUseTheirs, readOnly, statuses = PROGRESS_STATUSES, prefilled }: ReportFormProps) {
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof ReportValues>(k: K, v: ReportValues[K]) => {
    setTouched(true);
    onChange({ ...value, [k]: v });
  };
  const conflict = autosave?.state === 'conflict';
  if (readOnly) {
    // Reviewers read the report as text, not as greyed-out inputs.
    const pre = (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '—'}</span>;
    return (
      <Descriptions
        size="small"
        column={1}
        bordered
        data-testid="report-content"
        items={[
          { key: 'status', label: t.report.status, children: value.status ? (t.status.progress[value.status] ?? value.status) : '—' },
          { key: 'percent', label: t.report.percent, children: value.percent ?? '—' },
          { key: 'done', label: t.report.done, children: pre(value.done) },
          { key: 'problems', label: t.report.problems, children: pre(value.problems) },
          { key: 'next', label: t.report.nextSteps, children: pre(value.nextSteps) },
          ...value.indicators.map((i) => ({ key: i.indicatorId, label: i.name, children: i.value === null ? '—' : `${i.value}${i.unit ?? ''}` })),
        ]}
      />
    );
  }
  const fieldErrors = autosave?.error instanceof ApiError ? autosave.error.fieldErrors : {};

  return (
    <Form layout="vertical" disabled={readOnly} component="div">
      {prefilled && !touched ? <Alert type="info" showIcon title={t.report.prefilled} style={{ marginBottom: 12 }} /> : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t.report.staleTitle}
          description={
            <>
              <p>{autosave?.error?.message && autosave.error.message !== t.errors.conflict ? autosave.error.message : t.report.staleBody}</p>
              {changedFieldLabels(autosave?.error).length ? <p data-testid="stale-changed">{t.report.staleChanged(changedFieldLabels(autosave?.error).join('、'))}</p> : null}
              {theirs ? (
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  title={t.report.staleTheirs}
                  items={[
                    { key: 'percent', label: t.report.percent, children: theirs.percent ?? '—' },
                    { key: 'done', label: t.report.done, children: <span style={{ whiteSpace: 'pre-wrap' }}>{theirs.done ?? ''}</span> },
                    { key: 'problems', label: t.report.problems, children: <span style={{ whiteSpace: 'pre-wrap' }}>{theirs.problems ?? ''}</span> },
                    { key: 'next', label: t.report.nextSteps, children: <span style={{ whiteSpace: 'pre-wrap' }}>{theirs.nextSteps ?? ''}</span> },
                  ]}
                />
              ) : null}
              <Space style={{ marginTop: 12 }} wrap>
                <Button type="primary" onClick={onKeepMine}>
                  {t.report.staleKeepMine}
                </Button>
                <Button onClick={onUseTheirs} disabled={!theirs}>
                  {t.report.staleUseTheirs}
                </Button>
              </Space>
            </>
          }
        />
      ) : null}
      <Flex gap={16} wrap>
        <Form.Item label={t.report.status} style={{ minWidth: 200, flex: '1 1 200px' }} htmlFor="report-status">
          <Select
            id="report-status"
            value={value.status ?? undefined}
            onChange={(v: string) => set('status', v)}
            options={statuses.map((s) => ({ value: s, label: t.status.progress[s] ?? s }))}
            placeholder={t.report.status}
          />
        </Form.Item>
        <Form.Item
          label={t.report.percent}
          style={{ minWidth: 160, flex: '0 1 200px' }}
          htmlFor="report-percent"
          validateStatus={fieldErrors.percent ? 'error' : undefined}
          help={fieldErrors.percent}
        >
          <InputNumber id="report-percent" min={0} max={100} precision={0} style={{ width: '100%' }} value={value.percent} onChange={(v) => set('percent', v ?? null)} />
        </Form.Item>
      </Flex>
      <Form.Item label={t.report.done} required htmlFor="report-done" validateStatus={fieldErrors.done ? 'error' : undefined} help={fieldErrors.done}>
        <Input.TextArea id="report-done" value={value.done} onChange={(e) => set('done', e.target.value)} placeholder={t.report.donePlaceholder} autoSize={{ minRows: 4, maxRows: 16 }} maxLength={10000} showCount />
      </Form.Item>
      <Form.Item label={t.report.problems} htmlFor="report-problems">
        <Input.TextArea id="report-problems" value={value.problems} onChange={(e) => set('problems', e.target.value)} placeholder={t.report.problemsPlaceholder} autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
      <Form.Item label={t.report.nextSteps} htmlFor="report-next">
        <Input.TextArea id="report-next" value={value.nextSteps} onChange={(e) => set('nextSteps', e.target.value)} placeholder={t.report.nextStepsPlaceholder} autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
      {value.indicators.length ? (
        <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 16px', marginBottom: 16 }}>
          <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto', border: 0, marginBottom: 0 }}>{t.report.indicatorValues}</legend>
          {value.indicators.map((ind, i) => (
            <Form.Item key={ind.indicatorId} label={ind.name} htmlFor={`ind-${ind.indicatorId}`} style={{ marginBottom: 8 }}>
              <InputNumber
                id={`ind-${ind.indicatorId}`}
                value={ind.value}
                style={{ width: 220 }}
                suffix={ind.unit ?? undefined}
                onChange={(v) => set('indicators', value.indicators.map((x, j) => (j === i ? { ...x, value: v ?? null } : x)))}
              />
            </Form.Item>
          ))}
        </fieldset>
      ) : null}
      {autosave ? (
        <Flex gap={8} align="center" aria-live="polite" style={{ minHeight: 22 }}>
          <AutosaveStatus autosave={autosave} />
          {autosave.state === 'error' ? <Tag color="red">{t.errors.title}</Tag> : null}
        </Flex>
      ) : null}
      {autosave?.state === 'error' && autosave.error?.status === 0 ? <ErrorAlert error={autosave.error} /> : null}
    </Form>
  );
}
