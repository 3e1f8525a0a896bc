import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import type { OutlineNode } from '../types.js';

const flat = (n: OutlineNode, out: OutlineNode[] = []): OutlineNode[] => {
  out.push(n);
  for (const c of n.children) flat(c, out);
  return out;
};
const numbered = (text: string) =>
  flat(parsePlan(text).outline)
    .filter((n) => n.label)
    .map((n) => [n.kind, n.path, n.level]);

describe('outline', () => {
  it('recognises every numbering level of official documents', () => {
    const text = ['第一章 总体要求', '第一节 指导思想', '一、基本原则', '（一）坚持改革。', '1.深化改革。', '（1）放管服。', '①简政放权。', '(二)坚持开放。', '2、扩大开放。', '3．稳外资。'].join('\n');
    expect(numbered(text)).toEqual([
      ['chapter', '第一章', 1],
      ['section', '第一章/第一节', 2],
      ['heading', '第一章/第一节/一', 3],
      ['item', '第一章/第一节/一/（一）', 4],
      ['item', '第一章/第一节/一/（一）/1', 5],
      ['item', '第一章/第一节/一/（一）/1/（1）', 6],
      ['item', '第一章/第一节/一/（一）/1/（1）/①', 7],
      ['item', '第一章/第一节/一/（二）', 4],
      ['item', '第一章/第一节/一/（二）/2', 5],
      ['item', '第一章/第一节/一/（二）/3', 5],
    ]);
  });

  it('follows the actual usage: skipped levels and continuous numbering', () => {
    expect(numbered('四、主要任务\n（十二）甲。\n五、落实责任\n（十三）乙。\n1.丙。\n（十四）丁。\n21.戊。').map((n) => n[1])).toEqual([
      '四',
      '四/（十二）',
      '五',
      '五/（十三）',
      '五/（十三）/1',
      '五/（十四）',
      '五/（十四）/21',
    ]);
    // A level that first appears below another nests there (a skipped level is not invented).
    expect(numbered('一、任务\n（1）甲。\n（2）乙。').map((n) => n[1])).toEqual(['一', '一/（1）', '一/（2）']);
  });

  it('reads decimal numbering (1.1, 1.1.1) without taking decimals for markers', () => {
    expect(numbered('一、总体要求\n1.1 发展目标\n1.1.1 经济指标\n1.2 主要任务\n3.5万亿元的目标。').map((n) => n[1])).toEqual(['一', '一/1.1', '一/1.1/1.1.1', '一/1.2']);
  });

  it('warns when numbering restarts or skips', () => {
    const plan = parsePlan('一、总体要求\n1.甲。\n2.乙。\n4.丁。\n二、任务\n1.戊。\n1.己。');
    const codes = plan.warnings.map((w) => w.code);
    expect(codes).toContain('outline.skipped-level');
    expect(codes).toContain('outline.restart');
  });

  it('keeps inline enumerations, unnumbered headings and lead-in phrases as nodes', () => {
    const plan = parsePlan('扎实推进城市群建设\n一、空间布局\n沿江发展轴。\n一是加强交通互联。\n二是推进产业协作。\n首先，统一规划。\n其次，分步实施。');
    const kinds = flat(plan.outline).map((n) => [n.kind, n.title]);
    expect(kinds).toContainEqual(['heading', '扎实推进城市群建设']);
    expect(kinds).toContainEqual(['heading', '沿江发展轴']);
    expect(kinds.filter((k) => k[0] === 'enumeration')).toHaveLength(4);
  });

  it('keeps inline 一是…二是… clauses as enumeration nodes without duplicating tasks', () => {
    const plan = parsePlan('一、重点任务\n1.强化保障。一是加强组织领导；二是完善考核机制；三是加大资金投入。（市财政局负责）');
    const item = flat(plan.outline).find((n) => n.label === '1')!;
    expect(item.children.filter((c) => c.kind === 'enumeration').map((c) => c.marker)).toEqual(['一是', '二是', '三是']);
    expect(plan.tasks).toHaveLength(1);
  });

  it('keeps source spans into the normalised and the original text', () => {
    const original = '瀏覽量: 100\n一、發(fā)展目標\n（一）強化都市圈帶動作用。';
    const plan = parsePlan(original);
    const item = flat(plan.outline).find((n) => n.label === '（一）')!;
    expect(plan.text.slice(item.span.start, item.span.end)).toBe('（一）强化都市圈带动作用。');
    expect(original.slice(item.span.original.start, item.span.original.end)).toBe('（一）強化都市圈帶動作用。');
    const heading = flat(plan.outline).find((n) => n.label === '一')!;
    expect(original.slice(heading.span.original.start, heading.span.original.end)).toBe('一、發(fā)展目標');
  });

  it('builds an immutable tree', () => {
    const plan = parsePlan('一、任务\n1.甲。（市发改委负责）');
    expect(Object.isFrozen(plan.outline)).toBe(true);
    expect(Object.isFrozen(plan.outline.children[0])).toBe(true);
    expect(() => {
      (plan.tasks as unknown as unknown[]).push({});
    }).toThrow();
  });
});
