/** 地图: prefectures coloured by a chosen measure; clicking one lists its tasks and units. */
import { Alert, Flex, Segmented, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { usePublishedTasks } from '../api/published-tasks';
import { RegionMap, useRegionMap } from '../components/charts/RegionMap';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { TaskTable } from '../components/TaskTable';
import { t } from '../i18n/zh-CN';
import { cityOfUnitName, cityStats, matchPlace, type CityStats } from '../lib/places';
import { toTaskRow } from '../lib/tasks';
import { num } from './import-model';

type Measure = 'red' | 'onTime' | 'completion' | 'tasks';

export default function MapPage() {
  const [params, setParams] = useSearchParams();
  const measure = (params.get('measure') as Measure | null) ?? 'tasks';
  const selected = params.get('city');
  const { names, error: mapError } = useRegionMap();
  const tasks = usePublishedTasks();
  const rows = useMemo(
    () =>
      tasks.rows.map((r) => {
        const row = toTaskRow(r);
        // A task belongs to every prefecture whose units carry it (read from the unit names).
        const fromUnits = names ? row.units.map((u) => cityOfUnitName(u.name, names)).filter((c): c is string => !!c) : [];
        return { ...row, cities: [...new Set([...row.cities, ...fromUnits])], onTime: num(r.onTimeRate) ?? num(r.onTime) };
      }),
    [tasks.rows, names],
  );
  const stats = useMemo(() => (names ? cityStats(rows, names) : new Map<string, CityStats>()), [rows, names]);
  const values = useMemo(
    () =>
      [...stats.values()].map((s) => ({
        name: s.name,
        value: Math.round((measure === 'red' ? s.red : measure === 'tasks' ? s.tasks : measure === 'onTime' ? (s.onTime ?? 0) : (s.completion ?? 0)) * 10) / 10,
      })),
    [stats, measure],
  );
  const cityRows = useMemo(() => (selected && names ? rows.filter((r) => r.cities.some((c) => matchPlace(c, names) === selected)) : []), [rows, selected, names]);

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle
        title={t.map.title}
        extra={
          <Segmented
            aria-label={t.map.measure}
            value={measure}
            onChange={(v) => set('measure', String(v))}
            options={(['tasks', 'red', 'onTime', 'completion'] as Measure[]).map((m) => ({ value: m, label: t.map.measures[m] }))}
          />
        }
      />
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Flex gap={16} wrap>
        <div style={{ flex: '3 1 560px', minWidth: 0, background: '#fff', borderRadius: 6, border: '1px solid #e8e8e8' }} data-testid="region-map">
          <RegionMap
            names={names}
            error={mapError}
            values={values}
            measureLabel={t.map.measures[measure] ?? measure}
            scale={measure === 'red' ? 'worse' : measure === 'tasks' ? 'neutral' : 'better'}
            selected={selected}
            onSelect={(name) => set('city', name)}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, padding: '0 12px' }}>
            {t.map.attribution} {t.map.replaceHint}
          </Typography.Paragraph>
        </div>
        <div style={{ flex: '2 1 420px', minWidth: 0 }}>
          {selected ? (
            <>
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {t.map.cityTasks(selected)}
              </Typography.Title>
              <TaskTable rows={cityRows} loading={tasks.loading} height={480} compact />
            </>
          ) : (
            <Alert type="info" showIcon title={t.map.clickHint} />
          )}
          <section aria-label={t.map.ranking} style={{ marginTop: 16, background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px' }}>
            <strong>{t.map.ranking}</strong>
            <ol style={{ margin: '8px 0 0', paddingLeft: 24, columns: 2 }} data-testid="city-ranking">
              {[...values].filter((v) => v.value > 0).sort((a, b) => b.value - a.value).map((v) => (
                <li key={v.name}>
                  <button type="button" onClick={() => set('city', v.name)} style={{ all: 'unset', cursor: 'pointer', color: '#1f5fa8', fontWeight: v.name === selected ? 700 : 400 }}>
                    {v.name}
                  </button>{' '}
                  {v.value}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </Flex>
    </>
  );
}
