/** 指标: each indicator against its target line and year, with the path still needed; sortable by how far off track. */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, request } from '../api/client';
import { IndicatorChart } from '../components/charts/IndicatorChart';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
import { downloadFromServer } from '../lib/tasks';
import { assess, byGapDesc, type Comparator, type Point } from '../lib/trajectory';
import { isObj, listOf, num, str } from './import-model';

interface IndicatorRow {
  id: string;
  name: string;
  unit: string | null;
  target: number;
  targetYear: number | null;
  comparator: Comparator;
  baseline: number | null;
  baselineYear: number | null;
  binding: boolean | null;
  values: Point[];
  gap: number | null;
  onTrack: boolean | null;
  latest: number | null;
  planId: string | null;
  /** Stored values per period, newest first, for the list under the chart. */
  history: { periodKey: string; periodLabel: string; value: number; source: string; note: string }[];
}

/** "2023", "2023-06-30", "2023Q2", "2023H1" → fractional year at the period's end. */
export function periodToX(p: unknown): number | null {
  if (typeof p === 'number') return p;
  const s = typeof p === 'string' ? p : '';
  const y = /^(\d{4})/.exec(s);
  if (!y) return null;
  const year = Number(y[1]);
  const q = /Q([1-4])/i.exec(s);
  if (q) return year + Number(q[1]) / 4 - 1;
  const h = /H([12])/i.exec(s);
  if (h) return year + Number(h[1]) / 2 - 1;
  const m = /^\d{4}-(\d{2})/.exec(s);
  if (m) return year + Number(m[1]) / 12 - 1;
  return year;
}

function toRow(r: Record<string, unknown>): IndicatorRow {
  const values = (Array.isArray(r.values) ? r.values : Array.isArray(r.history) ? r.history : [])
    .filter(isObj)
    .map((v) => ({ x: periodToX(v.year ?? v.period ?? v.date ?? v.at), value: num(v.value) }))
    .filter((v): v is Point => v.x !== null && v.value !== null);
  const cmp = str(r.comparator);
  const comparator: Comparator = cmp === '<=' || cmp === '~' || cmp === '=' ? cmp : '>=';
  const base = {
    target: num(r.target) ?? 0,
    targetYear: num(r.targetYear) ?? num(r.year),
    comparator,
    baseline: num(r.baseline),
    baselineYear: num(r.baselineYear),
    values,
  };
  const a = assess(base);
  return {
    ...base,
    id: str(r.id) ?? str(r.name) ?? '',
    name: str(r.name) ?? '',
    unit: str(r.unit),
    binding: typeof r.binding === 'boolean' ? r.binding : null,
    gap: a.gap,
    onTrack: a.onTrack,
    latest: a.latest?.value ?? null,
    planId: str(r.planId),
    history: (Array.isArray(r.values) ? r.values : [])
      .filter(isObj)
      .map((v) => ({
        periodKey: str(v.periodKey) ?? '',
        periodLabel: str(v.periodLabel) ?? str(v.periodKey) ?? '',
        value: num(v.value) ?? 0,
        source: str(v.source) ?? '',
        note: str(v.note) ?? '',
      }))
      .filter((v) => v.periodKey)
      .reverse(),
  };
}

interface SheetPlan {
  id: string;
  title: string;
  periods: { key: string; label: string }[];
  canSheet: boolean;
}

/**
 * Indicators of the published plans with their values per period from the one store the server
 * keeps (units' submitted reports and the coordinator's sheet; the latest statement per period),
 * each value at the end of its period; and the plans whose sheet the caller may keep.
 */
function useIndicators() {
  const [state, setState] = useState<{
    rows: Record<string, unknown>[];
    plans: SheetPlan[];
    loading: boolean;
    error: unknown;
  }>({ rows: [], plans: [], loading: true, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .get<Record<string, unknown>>('/api/indicators')
      .then((body) => {
        if (!live) return;
        const plans = listOf(body.plans).map((p) => ({
          id: str(p.id) ?? '',
          title: str(p.title) ?? '',
          periods: listOf(p.periods).map((x) => ({ key: str(x.key) ?? '', label: str(x.label) ?? '' })),
          canSheet: Array.isArray(p.actions) && p.actions.includes('indicator.sheet'),
        }));
        const rows = listOf(body.items).map((i) => ({
          ...i,
          targetYear: i.year,
          values: listOf(i.values).map((v) => ({ ...v, period: v.periodKey })),
        }));
        setState({ rows, plans, loading: false, error: null });
      })
      .catch((error: unknown) => live && setState({ rows: [], plans: [], loading: false, error }));
    return () => {
      live = false;
    };
  }, [tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

interface SheetProblems {
  errors: { row: number; column: string; field: string; message: string }[];
  conflicts: { row: number; message: string }[];
}

function problemsOf(e: unknown): SheetProblems | null {
  if (!(e instanceof ApiError) || !isObj(e.details)) return null;
  const errors = listOf(e.details.errors).map((x) => ({
    row: num(x.row) ?? 0,
    column: str(x.column) ?? '',
    field: str(x.field) ?? '',
    message: str(x.message) ?? '',
  }));
  const conflicts = listOf(e.details.conflicts).map((x) => ({
    row: num(x.row) ?? 0,
    message: str(x.message) ?? '',
  }));
  return errors.length || conflicts.length ? { errors, conflicts } : null;
}

/**
 * The coordinator's bulk indicator sheet: download for a plan and period, fill offline, upload.
 * The upload is all or nothing; what is wrong is listed by row and column where the user acts.
 */
function IndicatorSheet({ plans, onSaved }: { plans: SheetPlan[]; onSaved: () => void }) {
  const mine = plans.filter((p) => p.canSheet);
  const [planId, setPlanId] = useState<string | null>(null);
  const [period, setPeriod] = useState<string>('');
  const [busy, setBusy] = useState<'download' | 'upload' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<SheetProblems | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const plan = mine.find((p) => p.id === planId) ?? mine[0];
  if (!plan) return null;
  const reset = () => {
    setError(null);
    setProblems(null);
    setSaved(null);
  };
  const download = async () => {
    reset();
    setBusy('download');
    try {
      await downloadFromServer(
        `/api/plans/${plan.id}/indicator-sheet.xlsx${period ? `?period=${encodeURIComponent(period)}` : ''}`,
        'indicator-sheet.xlsx',
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const upload = async (file: File) => {
    reset();
    setBusy('upload');
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await request<{ saved: number; unchanged: number }>(
        'POST',
        `/api/plans/${plan.id}/indicator-sheet`,
        { body: form },
      );
      setSaved(t.indicators.sheetSaved(res.saved, res.unchanged));
      onSaved();
    } catch (e) {
      const p = problemsOf(e);
      if (p) setProblems(p);
      else setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section
      aria-label={t.indicators.sheetDownload}
      style={{
        background: '#fff',
        border: '1px solid #e8e8e8',
        borderRadius: 6,
        padding: 12,
        marginBottom: 16,
      }}
    >
      <Space wrap align="center">
        {mine.length > 1 ? (
          <Select
            aria-label={t.indicators.plan}
            style={{ minWidth: 260 }}
            value={plan.id}
            options={mine.map((p) => ({ value: p.id, label: p.title }))}
            onChange={(v: string) => {
              setPlanId(v);
              setPeriod('');
            }}
          />
        ) : (
          <Typography.Text strong>{plan.title}</Typography.Text>
        )}
        <Select
          aria-label={t.indicators.sheetPeriod}
          style={{ minWidth: 220 }}
          value={period}
          options={[
            { value: '', label: t.indicators.sheetAllPeriods },
            ...plan.periods.map((p) => ({ value: p.key, label: p.label })),
          ]}
          onChange={(v: string) => setPeriod(v)}
        />
        <Button icon={<DownloadOutlined />} loading={busy === 'download'} onClick={() => void download()}>
          {t.indicators.sheetDownload}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy === 'upload'}>
            {t.indicators.sheetUpload}
          </Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t.indicators.sheetHint}
      </Typography.Paragraph>
      {saved ? <Alert type="success" showIcon message={saved} style={{ marginTop: 8 }} /> : null}
      <ErrorAlert error={error} />
      {problems ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={problems.errors.length ? t.indicators.sheetRejected : t.indicators.sheetConflicts}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={t.indicators.sheetRejected}>
              {problems.errors.map((p, i) => (
                <li key={`e${i}`}>
                  {t.indicators.sheetCell(p.row, p.column, p.field)}：{p.message}
                </li>
              ))}
              {problems.conflicts.map((p, i) => (
                <li key={`c${i}`}>
                  {t.indicators.sheetRow(p.row)}：{p.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </section>
  );
}

export default function IndicatorsPage() {
  const data = useIndicators();
  const rows = useMemo(() => data.rows.map(toRow).sort(byGapDesc), [data.rows]);
  const [selected, setSelected] = useState<string | null>(null);
  const current = rows.find((r) => r.id === selected) ?? rows[0];
  return (
    <>
      <PageTitle title={t.indicators.title} sub={t.indicators.sortByGap} />
      <ErrorAlert error={data.error} onRetry={data.reload} />
      <IndicatorSheet plans={data.plans} onSaved={data.reload} />
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Table<IndicatorRow>
            rowKey="id"
            size="small"
            loading={data.loading}
            dataSource={rows}
            pagination={false}
            scroll={{ y: 520, x: 560 }}
            onRow={(r) => ({
              onClick: () => setSelected(r.id),
              style: { cursor: 'pointer', background: r.id === current?.id ? '#e6f4ff' : undefined },
            })}
            columns={[
              {
                title: t.indicators.name,
                dataIndex: 'name',
                render: (v: string, r) => (
                  <>
                    <button
                      type="button"
                      onClick={() => setSelected(r.id)}
                      style={{ all: 'unset', cursor: 'pointer', color: '#1f5fa8' }}
                    >
                      {v}
                    </button>
                    {r.binding === true ? (
                      <Tag color="red" style={{ marginLeft: 4 }}>
                        {t.indicators.binding}
                      </Tag>
                    ) : null}
                  </>
                ),
              },
              {
                title: t.indicators.target,
                key: 'target',
                width: 120,
                render: (_, r) =>
                  `${r.comparator === '<=' ? '≤' : r.comparator === '>=' ? '≥' : ''}${r.target}${r.unit ?? ''}`,
              },
              { title: t.indicators.targetYear, dataIndex: 'targetYear', width: 90 },
              {
                title: t.indicators.latest,
                dataIndex: 'latest',
                width: 90,
                render: (v: number | null, r) => (v === null ? '—' : `${v}${r.unit ?? ''}`),
              },
              {
                title: t.indicators.gap,
                dataIndex: 'gap',
                width: 150,
                sorter: byGapDesc,
                render: (g: number | null, r) =>
                  g === null ? (
                    <Typography.Text type="secondary">{r.latest === null ? t.indicators.noData : t.indicators.noBaseline}</Typography.Text>
                  ) : (
                    <Tag color={r.onTrack === false ? 'red' : g > 0 ? 'orange' : 'green'}>
                      {g > 0
                        ? t.indicators.behind(Math.round(g * 100))
                        : t.indicators.ahead(Math.round(-g * 100))}
                    </Tag>
                  ),
              },
            ]}
          />
        </div>
        <div
          style={{
            flex: '1 1 480px',
            minWidth: 0,
            background: '#fff',
            border: '1px solid #e8e8e8',
            borderRadius: 6,
            padding: 12,
          }}
        >
          {current ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {current.name}
                {current.onTrack !== null ? (
                  <Tag color={current.onTrack ? 'green' : 'red'} style={{ marginLeft: 8 }}>
                    {current.onTrack ? t.indicators.onTrack : t.indicators.offTrack}
                  </Tag>
                ) : null}
              </Typography.Title>
              <IndicatorChart {...current} height={380} />
              <section aria-label={t.indicators.values}>
                <Table
                  rowKey="periodKey"
                  size="small"
                  pagination={false}
                  dataSource={current.history}
                  locale={{ emptyText: t.indicators.noData }}
                  columns={[
                    { title: t.indicators.sheetPeriod, dataIndex: 'periodLabel' },
                    {
                      title: t.indicators.value,
                      dataIndex: 'value',
                      render: (v: number) => `${v}${current.unit ?? ''}`,
                    },
                    {
                      title: t.indicators.source,
                      dataIndex: 'source',
                      render: (v: string) => t.indicators.sources[v] ?? v,
                    },
                    { title: t.indicators.note, dataIndex: 'note' },
                  ]}
                />
              </section>
            </>
          ) : (
            <Typography.Text type="secondary">{t.app.empty}</Typography.Text>
          )}
        </div>
      </Flex>
    </>
  );
}
