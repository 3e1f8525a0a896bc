/** A choropleth of the installed GeoJSON (any FeatureCollection with a `name` property). */
import { Alert, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import type { PlaceValue } from '../../lib/places';
import { EChart } from './EChart';
import { echarts } from './echarts';

export const DEFAULT_GEOJSON = '/geo/middle-yangtze-prefectures.geojson';
const MAP_NAME = 'xietong-region';

interface GeoJson {
  type: 'FeatureCollection';
  features: { properties: { name?: string } | null }[];
}

/** Load and register the map once per page; returns the feature names. */
export function useRegionMap(url = DEFAULT_GEOJSON): { names: string[] | null; error: boolean } {
  const [names, setNames] = useState<string[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(url, { credentials: 'same-origin' })
      .then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        return r.json() as Promise<GeoJson>;
      })
      .then((geo) => {
        if (!live) return;
        echarts.registerMap(MAP_NAME, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
        setNames(geo.features.map((f) => f.properties?.name ?? '').filter(Boolean));
      })
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [url]);
  return { names, error };
}

export interface RegionMapProps {
  names: string[] | null;
  error: boolean;
  values: PlaceValue[];
  measureLabel: string;
  /** Colour scale: higher is worse (red tasks), better (on-time rate), or neither (task counts). */
  scale: 'worse' | 'better' | 'neutral';
  selected?: string | null;
  onSelect?: (name: string) => void;
  height?: number | string;
}

export function RegionMap({ names, error, values, measureLabel, scale, selected, onSelect, height = 560 }: RegionMapProps) {
  const option = useMemo(() => {
    const max = Math.max(1, ...values.map((v) => v.value));
    const colours =
      scale === 'worse' ? ['#f6ffed', '#ffe58f', '#ff7875', '#a8071a'] : scale === 'better' ? ['#fff1f0', '#ffe58f', '#95de64', '#237804'] : ['#f0f5ff', '#adc6ff', '#597ef7', '#10239e'];
    return {
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: 'item' as const, formatter: (p: { name: string; value?: number }) => `${p.name}<br/>${measureLabel}：${Number.isFinite(p.value) ? p.value : '—'}` },
      visualMap: { min: 0, max, left: 16, bottom: 16, text: [t.app.high, t.app.low], calculable: true, inRange: { color: colours } },
      series: [
        {
          type: 'map' as const,
          map: MAP_NAME,
          roam: true,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          name: measureLabel,
          selectedMode: 'single' as const,
          label: { show: true, fontSize: 10, color: '#333' },
          emphasis: { label: { show: true, fontWeight: 'bold' as const } },
          select: { itemStyle: { borderColor: '#1f5fa8', borderWidth: 2 } },
          data: (names ?? []).map((n) => ({ name: n, value: values.find((v) => v.name === n)?.value ?? 0, selected: n === selected })),
        },
      ],
    };
  }, [names, values, measureLabel, scale, selected]);

  if (error) return <Alert type="error" showIcon title={t.map.loadFailed} />;
  if (!names) return <Spin description={t.app.loading}><div style={{ height }} /></Spin>;
  return <EChart renderer="svg" option={option} height={height} ariaLabel={`${t.map.title}：${measureLabel}`} onClick={(p) => p.name && onSelect?.(p.name)} />;
}
