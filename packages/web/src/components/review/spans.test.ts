// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../test/fixtures';
import { buildMarks, findAll, nodeAt, outlineAnchors, segment, type Mark } from './spans';

const mark = (id: string, start: number, end: number, kind: Mark['kind'] = 'task'): Mark => ({ id, kind, start, end });

describe('segment', () => {
  it('reassembles the text exactly and marks only the covered pieces', () => {
    const text = 'abcdefghij';
    const segs = segment(text, [mark('a', 2, 5)]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.map((s) => [s.text, s.marks.map((m) => m.id)])).toEqual([
      ['ab', []],
      ['cde', ['a']],
      ['fghij', []],
    ]);
  });

  it('splits overlapping and nested marks, most specific first', () => {
    const segs = segment('0123456789', [mark('outer', 1, 9), mark('inner', 3, 5, 'unit'), mark('cross', 7, 10, 'warning')]);
    const covered = Object.fromEntries(segs.map((s) => [s.text, s.marks.map((m) => m.id)]));
    expect(covered['34']).toEqual(['inner', 'outer']);
    expect(covered['78']).toEqual(['cross', 'outer']);
    expect(covered['9']).toEqual(['cross']);
  });

  it('clamps marks that run past the text and drops empty ones', () => {
    const segs = segment('abc', [mark('past', 1, 99), mark('empty', 2, 2), mark('neg', -5, 1)]);
    expect(segs.map((s) => [s.text, s.marks.map((m) => m.id)])).toEqual([
      ['a', ['neg']],
      ['bc', ['past']],
    ]);
  });

  it('places anchors at the start of the segment where they fall', () => {
    const segs = segment('abcdef', [], [{ id: 'n1', at: 3 }]);
    expect(segs.find((s) => s.anchors.includes('n1'))?.text).toBe('def');
  });
});

describe('buildMarks', () => {
  it('locates every unit name and the deadline inside the task span', () => {
    const plan = buildPlan();
    const marks = buildMarks(plan);
    const units = marks.filter((m) => m.kind === 'unit').map((m) => plan.text.slice(m.start, m.end));
    expect(units.sort()).toEqual(['市发改委', '市数据局', '市财政局'].sort());
    const deadline = marks.find((m) => m.kind === 'deadline')!;
    expect(plan.text.slice(deadline.start, deadline.end)).toBe('2022年底前');
    const indicator = marks.find((m) => m.kind === 'indicator')!;
    expect(plan.text.slice(indicator.start, indicator.end)).toBe('到2025年，常住人口城镇化率达到70%');
  });

  it('uses original offsets and shows removed text in the original view', () => {
    const plan = buildPlan();
    const marks = buildMarks(plan, 'original');
    expect(marks.find((m) => m.id === 'task:0')).toMatchObject({ start: plan.tasks[0]!.span.original.start });
    expect(marks.some((m) => m.kind === 'removed')).toBe(true);
    expect(marks.some((m) => m.kind === 'unit')).toBe(false);
  });
});

describe('outline helpers', () => {
  it('finds the innermost node at an offset and anchors every node but the root', () => {
    const plan = buildPlan();
    expect(nodeAt(plan.outline, plan.text.indexOf('数字政府'))?.id).toBe('n2');
    expect(outlineAnchors(plan.outline).map((a) => a.id)).toEqual(['n1', 'n2', 'n3']);
  });

  it('findAll returns non-overlapping hits within bounds', () => {
    expect(findAll('市发改委和市发改委', '市发改委')).toEqual([0, 5]);
    expect(findAll('市发改委和市发改委', '市发改委', 1)).toEqual([5]);
    expect(findAll('市发改委和市发改委', '市发改委', 0, 8)).toEqual([0]);
  });
});
