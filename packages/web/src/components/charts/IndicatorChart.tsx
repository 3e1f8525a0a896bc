/** One indicator: reported values, the target line and year, and the path still needed. */
import { useMemo } from 'react';
import { t } from '../../i18n/zh-CN';
import { neededPath, plannedLine, type IndicatorInput } from '../../lib/trajectory';
import { EChart } from './EChart';

export interface IndicatorChartProps extends IndicatorInput {
  name: string;
  unit: string | null;
  height?: number;
}


export function IndicatorChart(props: IndicatorChartProps) {
  const { name, unit, target, targetYear, values, height = 300 } = props;
  const option = useMemo(() => {
    const planned = plannedLine(props);
    const needed = neededPath(props);
    const xs = [
      ...values.map((v) => v.x),
      ...(planned ? planned.map((p) => p.x) : []),
      ...(targetYear !== null ? [targetYear] : []),
    ];
    const end = targetYear ?? new Date().getFullYear();
    // At least a year of axis before the target year, so a lone target still reads as a line.
    const min = Math.floor(Math.min(...xs, end - 1));
    const max = Math.ceil(Math.max(...xs, end));
    const ys = [target, ...values.map((v) => v.value), ...(planned ? planned.map((p) => p.value) : [])];
    const yMax = Math.max(...ys);
    const yMin = Math.min(...ys, 0);
    const u = unit ?? '';
    return {
      animation: false,
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => `${String(v)}${u}` },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'value' as const, min, max, interval: 1, axisLabel: { formatter: (v: number) => `${v}` }, name: t.indicators.year },
      yAxis: { type: 'value' as const, name: u, min: yMin, max: yMax > 0 ? Math.ceil(yMax * 1.1) : undefined },
      series: [
        {
          name: t.indicators.reported,
          type: 'line' as const,
          data: [...values].sort((a, b) => a.x - b.x).map((v) => [v.x, v.value]),
          symbolSize: 8,
          lineStyle: { width: 3 },
          markLine: {
            symbol: 'none',
            silent: true,
            data: [
              { yAxis: target, name: t.indicators.targetLine, label: { formatter: `${t.indicators.targetLine} ${target}${u}` }, lineStyle: { color: '#cf1322', type: 'solid' as const } },
              ...(targetYear !== null
                ? [{ xAxis: targetYear, name: t.indicators.targetYear, label: { formatter: `${t.indicators.targetYear} ${targetYear}` }, lineStyle: { color: '#8c8c8c', type: 'dotted' as const } }]
                : []),
            ],
          },
        },
        ...(planned
          ? [{ name: t.indicators.plannedPath, type: 'line' as const, data: planned.map((p) => [p.x, p.value]), symbol: 'none', lineStyle: { type: 'dotted' as const, color: '#8c8c8c' } }]
          : []),
        ...(needed
          ? [{ name: t.indicators.needed, type: 'line' as const, data: needed.map((p) => [p.x, p.value]), symbol: 'circle', lineStyle: { type: 'dashed' as const, color: '#fa8c16' } }]
          : []),
      ],
    };
  }, [props, values, target, targetYear, unit]);
  const desc = `${name}：${t.indicators.targetLine}${target}${unit ?? ''}${targetYear ? `（${targetYear}）` : ''}`;
  return <EChart option={option} height={height} ariaLabel={desc} />;
}
