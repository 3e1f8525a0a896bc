import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parsePlan, type OutlineNode, type ParsedPlan } from '@xietong/parser';
import { describe, expect, it } from 'vitest';
import { taskTableFromOutline, type OutlineRow, type TaskRow } from './outline-table.js';
import { buildTaskTable } from './task-table.js';

function task(id: string, nodeId: string | null, text: string, ord = 0): TaskRow {
  return { id, nodeId, ord, text, deadline: null, lead: ['市发改委'], responsible: [], cooperating: [] };
}

/** Flattens the parser's outline tree into rows as the plans module stores them. */
function outlineRows(plan: ParsedPlan): OutlineRow[] {
  const rows: OutlineRow[] = [];
  const walk = (n: OutlineNode, parentId: string | null) => {
    rows.push({ id: n.id, parentId, kind: n.kind, marker: n.marker, title: n.title, ord: rows.length });
    n.children.forEach((c) => walk(c, n.id));
  };
  walk(plan.outline, null);
  return rows;
}

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('任务分工表')!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v as string | number)))));
  return out;
}

describe('task table from a plan outline', () => {
  const outline: OutlineRow[] = [
    { id: 'd', parentId: null, kind: 'document', marker: null, title: '方案', ord: 0 },
    { id: 'h1', parentId: 'd', kind: 'heading', marker: '一、', title: '基础设施', ord: 1 },
    { id: 'i1', parentId: 'h1', kind: 'item', marker: '（一）', title: '建设城际铁路', ord: 2 },
    { id: 'i2', parentId: 'h1', kind: 'item', marker: '（二）', title: '建设水运通道', ord: 3 },
    { id: 'h2', parentId: 'd', kind: 'heading', marker: '二、', title: '没有任务的部分', ord: 4 },
    { id: 'h3', parentId: 'd', kind: 'heading', marker: '三、', title: '产业协同', ord: 5 },
  ];

  it('makes group rows of headings holding tasks, names tasks by their own item, drops empty branches', () => {
    const table = taskTableFromOutline({ planTitle: '分工表' }, outline, [
      task('t2', 'i2', '实施航道整治。', 2),
      task('t1', 'i1', '建成武汉至鄂州城际铁路，2026年底前通车。', 1),
      task('t3', 'h3', '共建光电子信息产业集群，组建创新联盟。', 3),
    ]);
    expect(table.nodes).toEqual([
      {
        kind: 'heading',
        marker: '一、',
        title: '基础设施',
        children: [
          expect.objectContaining({ kind: 'task', title: '建设城际铁路', content: '建成武汉至鄂州城际铁路，2026年底前通车。' }),
          expect.objectContaining({ kind: 'task', title: '建设水运通道', content: '实施航道整治。' }),
        ],
      },
      {
        kind: 'heading',
        marker: '三、',
        title: '产业协同',
        // A task not named by its own item is its own 重点任务: its words never printed twice.
        children: [expect.objectContaining({ kind: 'task', title: '共建光电子信息产业集群，组建创新联盟。', content: '' })],
      },
    ]);
  });

  it('exports a parsed plan from the corpus with every task and unit', async () => {
    const plan = parsePlan(readFileSync(new URL('../../../../../../shared/corpus/dev/docs/seed-002.txt', import.meta.url), 'utf8'));
    expect(plan.tasks.length).toBeGreaterThan(10);
    const tasks: TaskRow[] = plan.tasks.map((t, i) => ({
      id: `t${i}`,
      nodeId: t.nodeId,
      ord: i,
      text: t.text,
      deadline: t.deadline,
      lead: t.lead,
      responsible: t.responsible,
      cooperating: t.cooperating,
    }));
    const input = taskTableFromOutline({ planTitle: plan.title ?? '分工表' }, outlineRows(plan), tasks);
    const rows = await sheetRows(await buildTaskTable(input));
    const taskRows = rows.filter((r) => /^\d+$/.test(r[0]!));
    expect(taskRows.map((r) => r[0])).toEqual(plan.tasks.map((_, i) => String(i + 1)));
    // The task's words stand once: in 具体内容 under its item's name, or as the 重点任务 itself.
    expect(taskRows.map((r) => r[2] || r[1])).toEqual(plan.tasks.map((t) => t.text));
    expect(taskRows.filter((r) => r[2] && r[2].startsWith(r[1]!.replace(/…$/, '')))).toEqual([]);
    expect(taskRows.map((r) => [r[3], r[4], r[5]])).toEqual(plan.tasks.map((t) => [t.lead.join('、'), t.responsible.join('、'), t.cooperating.join('、')]));
  });
});
