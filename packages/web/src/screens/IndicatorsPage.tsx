/** 指标: each indicator against its target line and year, with the path still needed; sortable by how far off track. */
import { Flex, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { IndicatorChart } from '../components/charts/IndicatorChart';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';
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
  };
}

/**
 * Indicators of the published plans with the values units reported for them (in reports the
 * coordinator has accepted or that are awaiting review), each at the end of its period.
 */
function useIndicators() {
  const [state, setState] = useState<{ rows: Record<string, unknown>[]; loading: boolean; error: unknown }>({ rows: [], loading: true, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    (async () => {
      const plans = listOf(await api.get('/api/plans', { query: { status: 'published', limit: 200 } }));
      const out: Record<string, unknown>[] = [];
      for (const p of plans) {
        const detail = await api.get<Record<string, unknown>>(`/api/plans/${str(p.id)}`);
        const inds = listOf(detail.indicators);
        if (!inds.length) continue;
        const reports = listOf(await api.get('/api/reports', { query: { planId: str(p.id), status: 'accepted,submitted,signed', limit: 200 } }).catch(() => null));
        for (const ind of inds) {
          const values = reports.flatMap((r) =>
            listOf(r.indicators)
              .filter((v) => str(v.indicatorId) === str(ind.id) && num(v.value) !== null)
              .map((v) => ({ period: str(r.periodEnd), value: num(v.value) })),
          );
          out.push({ ...ind, targetYear: ind.year, values, planTitle: detail.title });
        }
      }
      return out;
    })()
      .then((rows) => live && setState({ rows, loading: false, error: null }))
      .catch((error: unknown) => live && setState({ rows: [], loading: false, error }));
    return () => {
      live = false;
    };
  }, [tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
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
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Table<IndicatorRow>
            rowKey="id"
            size="small"
            loading={data.loading}
            dataSource={rows}
            pagination={false}
            scroll={{ y: 520, x: 560 }}
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === current?.id ? '#e6f4ff' : undefined } })}
            columns={[
              {
                title: t.indicators.name,
                dataIndex: 'name',
                render: (v: string, r) => (
                  <>
                    <button type="button" onClick={() => setSelected(r.id)} style={{ all: 'unset', cursor: 'pointer', color: '#1f5fa8' }}>
                      {v}
                    </button>
                    {r.binding === true ? <Tag color="red" style={{ marginLeft: 4 }}>{t.indicators.binding}</Tag> : null}
                  </>
                ),
              },
              { title: t.indicators.target, key: 'target', width: 120, render: (_, r) => `${r.comparator === '<=' ? '≤' : r.comparator === '>=' ? '≥' : ''}${r.target}${r.unit ?? ''}` },
              { title: t.indicators.targetYear, dataIndex: 'targetYear', width: 90 },
              { title: t.indicators.latest, dataIndex: 'latest', width: 90, render: (v: number | null, r) => (v === null ? '—' : `${v}${r.unit ?? ''}`) },
              {
                title: t.indicators.gap,
                dataIndex: 'gap',
                width: 150,
                sorter: byGapDesc,
                render: (g: number | null, r) =>
                  g === null ? (
                    <Typography.Text type="secondary">{t.indicators.noData}</Typography.Text>
                  ) : (
                    <Tag color={r.onTrack === false ? 'red' : g > 0 ? 'orange' : 'green'}>
                      {g > 0 ? t.indicators.behind(Math.round(g * 100)) : t.indicators.ahead(Math.round(-g * 100))}
                    </Tag>
                  ),
              },
            ]}
          />
        </div>
        <div style={{ flex: '1 1 480px', minWidth: 0, background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6, padding: 12 }}>
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
            </>
          ) : (
            <Typography.Text type="secondary">{t.app.empty}</Typography.Text>
          )}
        </div>
      </Flex>
    </>
  );
}
