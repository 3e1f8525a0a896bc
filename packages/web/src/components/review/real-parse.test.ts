// @vitest-environment node
// The review highlights against the parser's real output on a seed document, not only a fixture.
import { readFileSync } from 'node:fs';
import { parsePlan } from '@xietong/parser';
import { describe, expect, it } from 'vitest';
import { buildMarks, outlineAnchors, segment } from './spans';

const text = readFileSync(new URL('../../../../../../shared/seeds/002_40f578ca70fc5b5d.txt', import.meta.url), 'utf8');

describe('review highlights on seed 002 (Wuhan work plan)', () => {
  const plan = parsePlan(text, { defaultYear: 2022 });
  const marks = buildMarks(plan);
  const segs = segment(plan.text, marks, outlineAnchors(plan.outline));

  it('keeps the text intact and puts every outline node on an anchor', () => {
    expect(segs.map((s) => s.text).join('')).toBe(plan.text);
    const anchored = new Set(segs.flatMap((s) => s.anchors));
    for (const a of outlineAnchors(plan.outline)) expect(anchored.has(a.id)).toBe(true);
  });

  it('highlights each task and finds its printed units inside it', () => {
    expect(plan.tasks.length).toBeGreaterThan(10);
    plan.tasks.forEach((task, i) => {
      expect(marks.some((m) => m.id === `task:${i}`)).toBe(true);
      const names = [...task.lead, ...task.responsible, ...task.cooperating].filter((n) => plan.text.slice(task.span.start, task.span.end).includes(n));
      for (const n of names) expect(marks.some((m) => m.kind === 'unit' && m.task === i && plan.text.slice(m.start, m.end) === n)).toBe(true);
    });
  });

  it('lets a click on any unit highlight lead back to its task', () => {
    const units = segs.filter((s) => s.marks[0]?.kind === 'unit');
    expect(units.length).toBeGreaterThan(20);
    for (const s of units) expect(s.marks.some((m) => m.kind === 'task' && m.task === s.marks[0]!.task)).toBe(true);
  });
});
