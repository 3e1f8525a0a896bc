/**
 * A report's attachments: the list with downloads, and (while the unit may still edit) an upload
 * with progress. Type, size and empty files are refused before uploading, in Chinese, beside the button.
 */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Popconfirm, Progress, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { ApiError, api, uploadWithProgress } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { ErrorAlert } from '../ErrorAlert';
import { ATTACHMENT_EXTENSIONS, attachmentProblem, formatSize } from './attachment-rules';

export interface Attachment {
  id: string;
  filename: string;
  size: number;
  createdAt: string;
}

export function Attachments({
  reportId,
  items,
  canAttach,
  onAdded,
  onRemoved,
}: {
  reportId: string;
  items: Attachment[];
  canAttach: boolean;
  onAdded: (a: Attachment) => void;
  /** Given when a file attached by mistake may be removed (the report is still editable). */
  onRemoved?: (id: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const headingId = useId();

  const upload = async (file: File) => {
    setError(null);
    setAdded(null);
    const p = attachmentProblem(file);
    if (p) {
      setProblem(
        p.kind === 'type'
          ? t.report.attachBadType(file.name)
          : p.kind === 'empty'
            ? t.report.attachEmpty(file.name)
            : t.report.attachTooLarge(file.name, p.mb),
      );
      return;
    }
    setProblem(null);
    const form = new FormData();
    form.append('file', file, file.name);
    setProgress(0);
    try {
      const a = await uploadWithProgress<Attachment>(
        `/api/reports/${reportId}/attachments`,
        form,
        setProgress,
      );
      onAdded(a);
      setAdded(t.report.attachUploaded(a.filename));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', t.errors.unknown));
    } finally {
      setProgress(null);
    }
  };

  const remove = async (a: Attachment) => {
    setError(null);
    setAdded(null);
    try {
      await api.del(`/api/reports/${reportId}/attachments/${a.id}`);
      onRemoved?.(a.id);
      setAdded(t.report.attachRemoved(a.filename));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', t.errors.unknown));
    }
  };

  return (
    <section aria-labelledby={headingId} style={{ margin: '8px 0 16px' }} data-testid="attachments">
      <h3 id={headingId} style={{ fontSize: 14, fontWeight: 600, margin: '0 0 8px' }}>
        {t.report.attachments}
      </h3>
      {items.length ? (
        <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 8px' }}>
          {items.map((a) => (
            <li key={a.id} style={{ padding: '4px 0' }}>
              <PaperClipOutlined aria-hidden style={{ marginRight: 6, color: '#8c8c8c' }} />
              <a href={`/api/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {formatSize(a.size)}
              </Typography.Text>
              {canAttach && onRemoved ? (
                <Popconfirm
                  title={t.report.attachRemoveConfirm(a.filename)}
                  okText={t.report.attachRemove}
                  cancelText={t.app.cancel}
                  onConfirm={() => void remove(a)}
                >
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t.report.attachRemove}「${a.filename}」`}
                    className="no-print"
                  >
                    {t.report.attachRemove}
                  </Button>
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
          {t.report.noAttachments}
        </Typography.Paragraph>
      )}
      {canAttach ? (
        <>
          <input
            ref={input}
            type="file"
            aria-label={t.report.attach}
            accept={ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
            style={{ display: 'none' }}
            data-testid="attachment-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
          <Flex gap={8} align="center" wrap>
            <Button
              icon={<UploadOutlined />}
              loading={progress !== null}
              onClick={() => input.current?.click()}
            >
              {t.report.attach}
            </Button>
            <Typography.Text type="secondary">{t.report.attachHint}</Typography.Text>
          </Flex>
          {progress !== null ? (
            <Progress
              percent={progress}
              size="small"
              style={{ maxWidth: 320 }}
              aria-label={t.report.attachUploading}
            />
          ) : null}
          {problem ? (
            <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 8 }} />
          ) : null}
          {added ? (
            <Typography.Text type="success" role="status" style={{ display: 'block', marginTop: 4 }}>
              {added}
            </Typography.Text>
          ) : null}
          <div style={{ marginTop: 8 }}>
            <ErrorAlert error={error} />
          </div>
        </>
      ) : null}
    </section>
  );
}
