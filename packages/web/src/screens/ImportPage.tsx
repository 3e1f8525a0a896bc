/** 规划导入: upload or paste a plan; the server reads it into a draft, then the review screen opens. */
import { InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Progress, Select, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, uploadWithProgress } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { draftIdOf, listOf, str, type DraftSummary, summariseDraft } from './import-model';

const ACCEPT = '.txt,.text,.html,.htm,.docx,.pdf,.xlsx,.csv';
const ACCEPTED = /\.(txt|text|html?|docx|pdf|xlsx|csv)$/i;
const MAX_BYTES = 20 * 1024 * 1024;

export default function ImportPage() {
  const navigate = useNavigate();
  const [tab, setTab] = useState('upload');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [filename, setFilename] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const drafts = useApi<unknown>('/api/plans', { status: 'draft' });
  const published = useApi<unknown>('/api/plans', { status: 'published', limit: 200 });
  // A revised document is matched to its published plan by 文号 or title; the coordinator may name it.
  const [revises, setRevises] = useState<string | null>(null);
  const draftRows = useMemo(() => listOf(drafts.data).map(summariseDraft).filter((d) => d.status === 'draft' || !d.status), [drafts.data]);

  const busy = progress !== null;

  const submit = async () => {
    setError(null);
    try {
      let draft: unknown;
      if (tab === 'upload') {
        if (!file) throw new ApiError(400, 'client.empty', t.import.emptyText);
        const form = new FormData();
        if (revises) form.append('revisesPlanId', revises);
        form.append('file', file, file.name);
        setProgress(0);
        draft = await uploadWithProgress('/api/plans/import', form, setProgress);
      } else {
        if (!text.trim()) throw new ApiError(400, 'client.empty', t.import.emptyText);
        setProgress(100);
        draft = await api.post('/api/plans/import', { filename: filename.trim() || t.app.pastedFilename, text, ...(revises ? { revisesPlanId: revises } : {}) });
      }
      const id = draftIdOf(draft);
      void navigate(id ? `/import/${id}` : '/import');
    } catch (e) {
      // The chosen file and pasted text stay as they are, so the user can retry at once.
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <PageTitle title={t.import.title} sub={t.import.intro} />
      <div style={{ background: '#fff', padding: 16, borderRadius: 4, marginBottom: 24 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'upload',
              label: t.import.upload,
              children: (
                <Upload.Dragger
                  accept={ACCEPT}
                  multiple={false}
                  maxCount={1}
                  disabled={busy}
                  fileList={file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : []}
                  beforeUpload={(f) => {
                    if (!ACCEPTED.test(f.name)) {
                      setError(new ApiError(415, 'client.type', t.import.fileTypeError));
                      return Upload.LIST_IGNORE;
                    }
                    if (f.size > MAX_BYTES) {
                      setError(new ApiError(413, 'client.size', t.errors.tooLarge));
                      return Upload.LIST_IGNORE;
                    }
                    setError(null);
                    setFile(f);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t.import.uploadHint}</p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'paste',
              label: t.import.paste,
              children: (
                <Flex vertical gap={8}>
                  <label>
                    {t.import.filename}
                    <Input
                      value={filename}
                      onChange={(e) => setFilename(e.target.value)}
                      placeholder={t.import.filenamePlaceholder}
                      disabled={busy}
                      style={{ marginTop: 4 }}
                    />
                  </label>
                  <Input.TextArea
                    aria-label={t.import.paste}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t.import.pastePlaceholder}
                    autoSize={{ minRows: 10, maxRows: 24 }}
                    disabled={busy}
                  />
                </Flex>
              ),
            },
          ]}
        />
        {progress !== null ? (
          <div style={{ marginTop: 12 }} aria-live="polite">
            <Progress percent={progress} status="active" />
            <Typography.Text type="secondary">{progress < 100 ? t.import.uploaded(progress) : t.import.reading}</Typography.Text>
          </div>
        ) : null}
        <label style={{ display: 'block', marginTop: 12 }}>
          {t.import.revises}
          <Select
            aria-label={t.import.revises}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={busy}
            value={revises ?? undefined}
            onChange={(v?: string) => setRevises(v ?? null)}
            placeholder={t.import.revisesPlaceholder}
            options={listOf(published.data).map((p) => ({ value: str(p.id) ?? '', label: [str(p.title), str(p.docNumber)].filter(Boolean).join(' · ') }))}
            style={{ display: 'block', maxWidth: 560, marginTop: 4 }}
          />
        </label>
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
          <Button type="primary" size="large" onClick={() => void submit()} loading={busy}>
            {t.import.submit}
          </Button>
        </div>
      </div>
      <Typography.Title level={4}>{t.import.drafts}</Typography.Title>
      <ErrorAlert error={drafts.error} onRetry={drafts.reload} />
      <Table<DraftSummary>
        rowKey="id"
        loading={drafts.loading}
        dataSource={draftRows}
        pagination={false}
        locale={{ emptyText: t.import.draftsEmpty }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t.import.filename,
            dataIndex: 'title',
            render: (v: string, r) => (
              <>
                <Link to={`/import/${r.id}`}>{v}</Link>
                {r.revises ? <Tag color="blue" style={{ marginLeft: 8 }}>{t.import.revisionDraft}</Tag> : null}
              </>
            ),
          },
          { title: t.import.issuer, dataIndex: 'issuer', width: 200 },
          { title: t.import.tasks, dataIndex: 'taskCount', width: 100 },
          { title: t.import.warnings, dataIndex: 'warningCount', width: 140, render: (n: number | null) => (n ? <Tag color="orange">{t.import.warningCount(n)}</Tag> : null) },
          {
            title: '',
            key: 'go',
            width: 120,
            render: (_, r) => (
              <Link to={`/import/${r.id}`}>
                <Button size="small">{t.import.review}</Button>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
