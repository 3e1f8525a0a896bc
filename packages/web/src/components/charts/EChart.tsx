import { useEffect, useRef } from 'react';
import { echarts } from './echarts';

type Option = Parameters<ReturnType<typeof echarts.init>['setOption']>[0];

export interface EChartProps {
  option: Option;
  height?: number | string;
  /** Accessible description of what the chart shows. */
  ariaLabel: string;
  onClick?: (params: { name: string; data?: unknown; seriesType?: string }) => void;
  /** SVG keeps every shape and label in the DOM (maps); canvas is lighter for many points. */
  renderer?: 'canvas' | 'svg';
}

/** One ECharts instance bound to a div, resized with its container. */
export function EChart({ option, height = 320, ariaLabel, onClick, renderer = 'canvas' }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer, locale: 'ZH' });
    chart.current = c;
    c.on('click', (p) => clickRef.current?.(p as unknown as { name: string; data?: unknown; seriesType?: string }));
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => c.resize()) : null;
    ro?.observe(ref.current);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
    // The renderer is fixed for a chart's lifetime.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} data-testid="echart" style={{ width: '100%', height }} />;
}
