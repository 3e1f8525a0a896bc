import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, ParseError } from './adapters/index.js';
import { parsePlan } from './index.js';
import type { OutlineNode, ParsedPlan } from './types.js';
import { CORPUS } from './__tests__/score.js';

const docs = readdirSync(join(CORPUS, 'docs')).map((f) => readFileSync(join(CORPUS, 'docs', f), 'utf8'));

/** Invariants every plan satisfies: spans inside both texts, tasks with text, ISO dates. */
function checkInvariants(original: string, plan: ParsedPlan): void {
  const inside = (s: { start: number; end: number; original: { start: number; end: number } }) => {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(plan.text.length);
    expect(s.start).toBeLessThanOrEqual(s.end);
    expect(s.original.start).toBeGreaterThanOrEqual(0);
    expect(s.original.end).toBeLessThanOrEqual(original.length);
  };
  const walk = (n: OutlineNode) => {
    inside(n.span);
    n.children.forEach(walk);
  };
  walk(plan.outline);
  for (const t of plan.tasks) {
    inside(t.span);
    expect(t.text.length).toBeGreaterThan(0);
    if (t.deadlineDate) expect(t.deadlineDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  for (const i of plan.indicators) {
    inside(i.span);
    expect(Number.isFinite(i.target)).toBe(true);
  }
  for (const r of plan.removed) expect(original.slice(r.span.start, r.span.end)).toBe(r.text);
}

/** Pieces official documents are made of, for generated documents. */
const piece = fc.constantFrom(
  '一、', '（一）', '(二)', '1.', '2、', '（3）', '①', '第一章 ', '第二节', '一是', '第一，', '首先，', '\n', '\n', '\n', '。', '；', '，', '、',
  '（牵头单位：市发改委；责任单位：市财政局）', '(责任单位:各县(市、区)人民政府)', '（市商务局牵头，市财政局配合）', '（由市民政局负责）', '责任单位：', '完成时限：', '2022年3月底前',
  '到2025年，', '达到67%以上', '控制在5%以内', '新增10家', '左右', '不低于', '《某某规划》', '鄂政办发〔2022〕16号', '二○○九年九月八日', '某市人民政府\n2022年3月14日\n',
  '序号 | 工作任务 | 牵头单位 |\n', '1 | 建设平台 | 市数据局 |\n', ' | ', '〈', '〉', '(', ')', '（', '）', '發(fā)展', '?', '\ufffd', '浏览量：', '分享到', '　', '   ',
  '加快推进产业发展', '建立健全工作机制', '各有关部门', '等有关部门', '组长：张三  市长', '每季度报送', '工作部署阶段（2022年4-10月）',
);

describe('robustness', () => {
  it('never throws on generated documents, and keeps its invariants', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 120 }), (parts) => {
        const text = parts.join('');
        checkInvariants(text, parsePlan(text));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated corpus documents', () => {
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(piece, fc.string({ maxLength: 4 }))), { maxLength: 12 }), (doc, edits) => {
        let text = doc;
        for (const [at, len, insert] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + insert + text.slice(p + len);
        }
        checkInvariants(text, parsePlan(text));
      }),
      { numRuns: 60 },
    );
  });

  it('reads arbitrary bytes into a plan or a ParseError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('x.txt', 'x.docx', 'x.pdf', 'x.csv', undefined), async (bytes, filename) => {
        try {
          const plan = await parseDocument(bytes, filename ? { filename } : {});
          expect(typeof plan.text).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
          expect((e as ParseError).message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('parses long repetitive input without pathological slowdowns', () => {
    // Catastrophic backtracking shows up as a hang here; timing ratios are measured in the benchmark.
    const nasty = ['（'.repeat(5000), '1.'.repeat(5000), '、'.repeat(20000), '牵头单位：'.repeat(3000), '到2025年，' + '达到1%'.repeat(5000), '一、'.repeat(5000), '|'.repeat(20000)];
    for (const text of nasty) expect(() => parsePlan(text)).not.toThrow();
  });
});
