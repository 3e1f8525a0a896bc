/**
 * Matching place names from plan data ("武汉市", "恩施州", "湖北省武汉市") to the features of
 * whatever GeoJSON the office installed ("武汉", "恩施土家族苗族自治州").
 */

/** The core of a prefecture name: province prefix and administrative suffixes removed. */
export function placeKey(name: string): string {
  let s = name.trim().replace(/\s+/g, '');
  s = s.replace(/^(湖北省?|湖南省?|江西省?)(?=.{2,})/, '');
  s = s.replace(/(土家族苗族自治州|苗族侗族自治州|自治州|林区|地区|市|州|县|区)$/, '');
  return s;
}

/** Find the feature name a place refers to, or null when none matches. */
export function matchPlace(name: string, featureNames: string[]): string | null {
  if (featureNames.includes(name)) return name;
  const key = placeKey(name);
  if (!key) return null;
  const exact = featureNames.find((f) => placeKey(f) === key);
  if (exact) return exact;
  // "恩施州" → "恩施土家族苗族自治州": one name starts with the other's key.
  const prefix = featureNames.filter((f) => placeKey(f).startsWith(key) || key.startsWith(placeKey(f)));
  return prefix.length === 1 ? prefix[0]! : null;
}

export interface PlaceValue {
  name: string;
  value: number;
}

/** Sum values per feature; entries that match no feature are returned separately so they are not lost. */
export function toFeatureValues(values: PlaceValue[], featureNames: string[]): { matched: PlaceValue[]; unmatched: string[] } {
  const sums = new Map<string, number>();
  const unmatched: string[] = [];
  for (const v of values) {
    const f = matchPlace(v.name, featureNames);
    if (f) sums.set(f, (sums.get(f) ?? 0) + v.value);
    else unmatched.push(v.name);
  }
  return { matched: [...sums].map(([name, value]) => ({ name, value })), unmatched };
}

export interface CityStats {
  name: string;
  tasks: number;
  red: number;
  /** Mean reported progress, 0–100, or null. */
  completion: number | null;
  /** Share of on-time reports, 0–100, or null. */
  onTime: number | null;
}

/**
 * Per-feature figures from task rows: a task counts for every city it names. Rows carry
 * `cities`, `light`, `progress` and optionally `onTime` (0–1 or 0–100) as the server sends them.
 */
export function cityStats(rows: { cities: string[]; light: string | null; progress: number | null; onTime?: number | null }[], featureNames: string[]): Map<string, CityStats> {
  const out = new Map<string, CityStats & { _p: number[]; _o: number[] }>();
  for (const r of rows) {
    const seen = new Set<string>();
    for (const c of r.cities) {
      const f = matchPlace(c, featureNames);
      if (!f || seen.has(f)) continue;
      seen.add(f);
      const s = out.get(f) ?? { name: f, tasks: 0, red: 0, completion: null, onTime: null, _p: [], _o: [] };
      s.tasks++;
      if (r.light === 'red') s.red++;
      if (r.progress !== null) s._p.push(r.progress);
      if (r.onTime !== undefined && r.onTime !== null) s._o.push(r.onTime <= 1 ? r.onTime * 100 : r.onTime);
      out.set(f, s);
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return new Map([...out].map(([k, { _p, _o, ...s }]) => [k, { ...s, completion: mean(_p), onTime: mean(_o) }]));
}

/**
 * The prefecture a unit belongs to, read from its name ("武汉市交通运输局" → 武汉, "恩施州发改委" →
 * 恩施土家族苗族自治州): the longest feature key the name starts with, after a province prefix.
 */
export function cityOfUnitName(unitName: string, featureNames: string[]): string | null {
  const name = unitName.replace(/^(湖北省|湖南省|江西省)/, '');
  let best: string | null = null;
  let bestLen = 0;
  for (const f of featureNames) {
    const key = placeKey(f);
    if (key.length >= 2 && name.startsWith(key) && key.length > bestLen) {
      best = f;
      bestLen = key.length;
    }
  }
  return best;
}
