/**
 * Will an indicator meet its target? Reported values against the straight path from the baseline
 * to the target, the path still needed from the latest value, and the current trend projected to
 * the target year. Years may be fractional (2024.5 = mid-2024).
 */
export type Comparator = '>=' | '<=' | '~' | '=';

export interface Point {
  x: number;
  value: number;
}

export interface IndicatorInput {
  target: number;
  /** Target year; without one nothing can be said about the trajectory. */
  targetYear: number | null;
  comparator: Comparator;
  baseline: number | null;
  baselineYear: number | null;
  values: Point[];
}

export interface Assessment {
  latest: Point | null;
  /** Where the straight baseline→target path stands at the latest value's time. */
  planned: number | null;
  /**
   * How far behind the planned path, as a share of the whole planned change (0.25 = a quarter of
   * the way behind); negative when ahead; null when it cannot be said.
   */
  gap: number | null;
  /** The current trend extended to the target year. */
  projected: number | null;
  onTrack: boolean | null;
}

/** Direction of improvement: +1 when higher is better, -1 when lower is better. */
export function direction(ind: Pick<IndicatorInput, 'comparator' | 'target' | 'baseline'>): 1 | -1 {
  if (ind.comparator === '>=') return 1;
  if (ind.comparator === '<=') return -1;
  if (ind.baseline !== null && ind.baseline > ind.target) return -1;
  return 1;
}

/** Whether a value satisfies the target (within 2 % for "about"/"equal"). */
export function meets(value: number, ind: Pick<IndicatorInput, 'comparator' | 'target'>): boolean {
  if (ind.comparator === '>=') return value >= ind.target;
  if (ind.comparator === '<=') return value <= ind.target;
  const tol = Math.max(Math.abs(ind.target) * 0.02, 1e-9);
  return Math.abs(value - ind.target) <= tol;
}

function sorted(values: Point[]): Point[] {
  return [...values].filter((p) => Number.isFinite(p.x) && Number.isFinite(p.value)).sort((a, b) => a.x - b.x);
}

/** The planned straight line from baseline to target, or null without both ends. */
export function plannedLine(ind: IndicatorInput): [Point, Point] | null {
  if (ind.baseline === null || ind.baselineYear === null || ind.targetYear === null) return null;
  if (ind.targetYear <= ind.baselineYear) return null;
  return [
    { x: ind.baselineYear, value: ind.baseline },
    { x: ind.targetYear, value: ind.target },
  ];
}

/** The path still needed: from the latest known value (or the baseline) straight to the target. */
export function neededPath(ind: IndicatorInput): [Point, Point] | null {
  if (ind.targetYear === null) return null;
  const vs = sorted(ind.values);
  const from = vs[vs.length - 1] ?? (ind.baseline !== null && ind.baselineYear !== null ? { x: ind.baselineYear, value: ind.baseline } : null);
  if (!from || from.x >= ind.targetYear) return null;
  return [from, { x: ind.targetYear, value: ind.target }];
}

/** Least-squares trend over the known points (baseline included) evaluated at `x`. */
export function trendAt(points: Point[], x: number): number | null {
  const ps = sorted(points);
  if (ps.length < 2) return null;
  const n = ps.length;
  const mx = ps.reduce((s, p) => s + p.x, 0) / n;
  const my = ps.reduce((s, p) => s + p.value, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of ps) {
    num += (p.x - mx) * (p.value - my);
    den += (p.x - mx) ** 2;
  }
  if (den === 0) return null;
  const slope = num / den;
  return my + slope * (x - mx);
}

export function assess(ind: IndicatorInput): Assessment {
  const vs = sorted(ind.values);
  const latest = vs[vs.length - 1] ?? null;
  const line = plannedLine(ind);
  let planned: number | null = null;
  let gap: number | null = null;
  if (line && latest) {
    const [a, b] = line;
    const share = Math.min(1, Math.max(0, (latest.x - a.x) / (b.x - a.x)));
    planned = a.value + share * (b.value - a.value);
    const whole = Math.abs(b.value - a.value);
    if (whole > 0) gap = (direction(ind) * (planned - latest.value)) / whole;
  }
  const known = [...vs];
  if (ind.baseline !== null && ind.baselineYear !== null && !known.some((p) => p.x === ind.baselineYear)) {
    known.push({ x: ind.baselineYear, value: ind.baseline });
  }
  const projected = ind.targetYear !== null ? trendAt(known, ind.targetYear) : null;
  let onTrack: boolean | null = null;
  if (projected !== null) {
    const tol = ind.comparator === '~' || ind.comparator === '=' ? Math.abs(ind.target) * 0.02 : 0;
    onTrack = direction(ind) === 1 ? projected >= ind.target - tol : projected <= ind.target + tol;
  } else if (latest && meets(latest.value, ind)) {
    onTrack = true;
  }
  return { latest, planned, gap, projected, onTrack };
}

/** Sort key for "how far off track": most behind first, unknown last. */
export function byGapDesc<T extends { gap: number | null }>(a: T, b: T): number {
  if (a.gap === null && b.gap === null) return 0;
  if (a.gap === null) return 1;
  if (b.gap === null) return -1;
  return b.gap - a.gap;
}
