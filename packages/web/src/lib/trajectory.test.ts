// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { assess, byGapDesc, neededPath, trendAt, type IndicatorInput } from './trajectory';

const base: IndicatorInput = { target: 70, targetYear: 2025, comparator: '>=', baseline: 60, baselineYear: 2020, values: [] };

describe('indicator trajectory', () => {
  it('is on track when values follow the straight path to the target', () => {
    const a = assess({ ...base, values: [{ x: 2021, value: 62 }, { x: 2022, value: 64 }] });
    expect(a.planned).toBeCloseTo(64);
    expect(a.gap).toBeCloseTo(0);
    expect(a.projected).toBeCloseTo(70);
    expect(a.onTrack).toBe(true);
  });

  it('reports the share of the planned change still behind, and an off-track projection', () => {
    const a = assess({ ...base, values: [{ x: 2021, value: 60.5 }, { x: 2022, value: 61 }] });
    // Planned 64 in 2022, actual 61: 3 of the 10 points of planned change behind.
    expect(a.gap).toBeCloseTo(0.3);
    expect(a.onTrack).toBe(false);
  });

  it('treats lower-is-better targets the other way round', () => {
    const a = assess({ target: 10, targetYear: 2025, comparator: '<=', baseline: 20, baselineYear: 2020, values: [{ x: 2022, value: 18 }] });
    // Planned 16 in 2022, actual 18: 2 of 10 behind.
    expect(a.gap).toBeCloseTo(0.2);
    expect(a.onTrack).toBe(false);
  });

  it('draws the needed path from the latest value to the target', () => {
    expect(neededPath({ ...base, values: [{ x: 2023, value: 65 }, { x: 2022, value: 63 }] })).toEqual([
      { x: 2023, value: 65 },
      { x: 2025, value: 70 },
    ]);
    expect(neededPath({ ...base, targetYear: null })).toBeNull();
  });

  it('says nothing it cannot know', () => {
    const a = assess({ ...base, baseline: null, baselineYear: null, values: [] });
    expect(a).toEqual({ latest: null, planned: null, gap: null, projected: null, onTrack: null });
    expect(trendAt([{ x: 2020, value: 1 }], 2025)).toBeNull();
  });

  it('sorts the most off-track first and unknowns last', () => {
    const rows = [{ gap: 0.1 }, { gap: null }, { gap: 0.5 }, { gap: -0.2 }];
    expect(rows.sort(byGapDesc).map((r) => r.gap)).toEqual([0.5, 0.1, -0.2, null]);
  });
});
