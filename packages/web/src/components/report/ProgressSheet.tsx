/**
 * 批量填报 on 单位待办: download the unit's progress sheet (Excel) for a period, fill it offline,
 * upload it back. The server saves every row or none; refused rows come back by row and column.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Select, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { ApiError, uploadWithProgress } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { ErrorAlert } from '../ErrorAlert';
import { sheetRejection, type SheetRejection } from './sheet-result';

export interface Period {
  key: string;
  label: string;
}

export function ProgressSheet({ periods, canUpload, onSaved }: { periods: Period[]; canUpload: boolean; onSaved: () => void }) {
  const [period, setPeriod] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [rejection, setRejection] = useState<SheetRejection | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const href = `/api/reports/progress-sheet.xlsx${period ? `?period=${encodeURIComponent(period)}` : ''}`;

  const upload = async (file: File) => {
    setRejection(null);
    setError(null);
    setDone(null);
    if (!/\.xlsx$/i.test(file.name)) {
      setError(new ApiError(400, 'sheet.type', t.report.sheetNotXlsx(file.name)));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setProgress(0);
    try {
      const r = await uploadWithProgress<{ saved: number; untouched: number }>('/api/reports/progress-sheet', form, setProgress);
      setDone(r.saved ? t.report.sheetSaved(r.saved, r.untouched) : t.report.sheetNothing);
      if (r.saved) onSaved();
    } catch (e) {
      const rows = sheetRejection(e);
      if (rows) setRejection(rows);
      else setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby={id} className="no-print" style={{ background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6, padding: '10px 14px', marginBottom: 16 }} data-testid="progress-sheet">
      <h2 id={id} style={{ fontSize: 15, fontWeight: 600, margin: '0 0 4px' }}>
        {t.report.sheet}
      </h2>
      <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
        {t.report.sheetHint}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <label htmlFor={`${id}-period`}>{t.report.sheetPeriod}</label>
        <Select
          id={`${id}-period`}
          value={period}
          onChange={setPeriod}
          style={{ minWidth: 180 }}
          options={[{ value: '', label: t.report.sheetAllPeriods }, ...periods.map((p) => ({ value: p.key, label: p.label }))]}
        />
        <Button href={href} download icon={<DownloadOutlined />}>
          {t.report.sheetDownload}
        </Button>
        {canUpload ? (
          <>
            <input
              ref={input}
              type="file"
              accept=".xlsx"
              aria-label={t.report.sheetUpload}
              style={{ display: 'none' }}
              data-testid="sheet-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void upload(file);
              }}
            />
            <Button icon={<UploadOutlined />} loading={progress !== null} onClick={() => input.current?.click()}>
              {t.report.sheetUpload}
            </Button>
          </>
        ) : null}
      </Flex>
      {progress !== null ? <Progress percent={progress} size="small" style={{ maxWidth: 320 }} aria-label={t.report.sheetUploading} /> : null}
      {done ? <Alert type="success" showIcon role="status" title={done} style={{ marginTop: 8 }} /> : null}
      <div style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
      </div>
      {rejection ? <SheetProblems rejection={rejection} /> : null}
    </section>
  );
}

export function SheetProblems({ rejection }: { rejection: SheetRejection }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginTop: 8 }}
      title={t.report.sheetRejected}
      description={
        <div data-testid="sheet-problems">
          <p style={{ margin: '0 0 8px' }}>{rejection.message}</p>
          {rejection.errors.length ? (
            <div style={{ overflowX: 'auto' }}>
              <table className="public-table" style={{ background: '#fff' }}>
                <caption style={{ textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{t.report.sheetErrorsTitle(rejection.errors.length)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.report.sheetRow}</th>
                    <th scope="col">{t.report.sheetColumn}</th>
                    <th scope="col">{t.report.sheetField}</th>
                    <th scope="col">{t.report.sheetProblem}</th>
                  </tr>
                </thead>
                <tbody>
                  {rejection.errors.map((e, i) => (
                    <tr key={i} data-testid="sheet-error">
                      <td>{e.row}</td>
                      <td>{e.column}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>{e.field}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {rejection.conflicts.length ? (
            <div style={{ marginTop: 8 }} data-testid="sheet-conflicts">
              <strong>{t.report.sheetConflictsTitle(rejection.conflicts.length)}</strong>
              <ul style={{ margin: '4px 0' }}>
                {rejection.conflicts.map((c) => (
                  <li key={c.row}>{t.report.sheetConflictRow(c.row, c.downloadedVersion, c.currentVersion)}</li>
                ))}
              </ul>
              <p style={{ margin: 0 }}>{t.report.sheetConflictHint}</p>
            </div>
          ) : null}
        </div>
      }
    />
  );
}
