// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cityOfUnitName, cityStats, matchPlace, toFeatureValues } from './places';

const features = ['武汉', '恩施土家族苗族自治州', '神农架林区', '长沙', '南昌', '湘西土家族苗族自治州'];

describe('matchPlace', () => {
  it('matches official, short and province-prefixed names to the GeoJSON feature', () => {
    expect(matchPlace('武汉市', features)).toBe('武汉');
    expect(matchPlace('湖北省武汉市', features)).toBe('武汉');
    expect(matchPlace('恩施州', features)).toBe('恩施土家族苗族自治州');
    expect(matchPlace('神农架', features)).toBe('神农架林区');
    expect(matchPlace('南昌', features)).toBe('南昌');
  });

  it('returns null for places outside the map', () => {
    expect(matchPlace('北京市', features)).toBeNull();
  });

  it('sums values per feature and keeps the unmatched names', () => {
    const r = toFeatureValues([{ name: '武汉市', value: 2 }, { name: '武汉', value: 1 }, { name: '上海市', value: 4 }], features);
    expect(r.matched).toEqual([{ name: '武汉', value: 3 }]);
    expect(r.unmatched).toEqual(['上海市']);
  });
});

describe('cityStats', () => {
  it('counts a task once for every city it names, with red lights and mean progress', () => {
    const stats = cityStats(
      [
        { cities: ['武汉市', '武汉'], light: 'red', progress: 20 },
        { cities: ['武汉', '长沙市'], light: 'green', progress: 60, onTime: 0.5 },
        { cities: ['上海'], light: 'red', progress: 0 },
      ],
      features,
    );
    expect(stats.get('武汉')).toEqual({ name: '武汉', tasks: 2, red: 1, completion: 40, onTime: 50 });
    expect(stats.get('长沙')).toMatchObject({ tasks: 1, red: 0, completion: 60 });
    expect(stats.has('上海')).toBe(false);
  });
});

describe('cityOfUnitName', () => {
  it('reads the prefecture from a unit name, ignoring provincial units', () => {
    expect(cityOfUnitName('武汉市交通运输局', features)).toBe('武汉');
    expect(cityOfUnitName('恩施州发展和改革委员会', features)).toBe('恩施土家族苗族自治州');
    expect(cityOfUnitName('湖南省长沙市教育局', features)).toBe('长沙');
    expect(cityOfUnitName('湖北省发展和改革委员会', features)).toBeNull();
    expect(cityOfUnitName('市发改委', features)).toBeNull();
  });
});
