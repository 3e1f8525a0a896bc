import { readFileSync } from 'node:fs';
import { parsePlan, type OutlineNode, type ParsedPlan } from '@xietong/parser';
import { parseDocument } from '@xietong/parser/adapters';
import { describe, expect, it } from 'vitest';
import { taskTableFromOutline, type OutlineRow } from './outline-table.js';
import { buildTaskTable } from './task-table.js';
import type { TaskTableInput, TaskTableNode, TaskTableTask } from './types.js';
import { buildTaskTableInput } from './__tests__/fixtures.js';

function tasksOf(nodes: readonly TaskTableNode[]): TaskTableTask[] {
  return nodes.flatMap((n) => (n.kind === 'task' ? [n] : tasksOf(n.children)));
}

async function roundTrip(input: TaskTableInput) {
  const plan = await parseDocument(await buildTaskTable(input), { filename: '任务分工表.xlsx' });
  return plan.tasks.map((t) => ({ lead: t.lead, responsible: t.responsible, cooperating: t.cooperating, deadline: t.deadline, text: t.text }));
}

describe('an exported 任务分工表 re-imported through the parser XLSX adapter', () => {
  it('gives back the same tasks with the same units and deadlines', async () => {
    const input = buildTaskTableInput();
    const back = await roundTrip(input);
    const sent = tasksOf(input.nodes);
    expect(back).toHaveLength(sent.length);
    back.forEach((t, i) => {
      const s = sent[i]!;
      expect(t.text).toContain(s.content);
      expect({ lead: t.lead, responsible: t.responsible, cooperating: t.cooperating, deadline: t.deadline }).toEqual({
        lead: [...s.lead],
        responsible: [...s.responsible],
        cooperating: [...s.cooperating],
        deadline: s.deadline,
      });
    });
  });

  it.each(['seed-002', 'seed-003'])('gives back every task and unit of the corpus plan %s, parsed then exported', async (name) => {
    const plan = parsePlan(readFileSync(new URL(`../../../../../../shared/corpus/dev/docs/${name}.txt`, import.meta.url), 'utf8'));
    expect(plan.tasks.length).toBeGreaterThan(20);
    const rows: OutlineRow[] = [];
    const walk = (n: OutlineNode, parentId: string | null) => {
      rows.push({ id: n.id, parentId, kind: n.kind, marker: n.marker, title: n.title, ord: rows.length });
      n.children.forEach((c) => walk(c, n.id));
    };
    walk(plan.outline, null);
    const input = taskTableFromOutline(
      { planTitle: plan.title ?? '任务分工表' },
      rows,
      plan.tasks.map((t, i) => ({ id: `t${i}`, nodeId: t.nodeId, ord: i, text: t.text, deadline: t.deadline, lead: t.lead, responsible: t.responsible, cooperating: t.cooperating })),
    );
    const back: ParsedPlan = await parseDocument(await buildTaskTable(input), { filename: '任务分工表.xlsx' });
    const roles = (t: ParsedPlan['tasks'][number]) => ({ lead: t.lead, responsible: t.responsible, cooperating: t.cooperating, deadline: t.deadline });
    expect(back.tasks.map(roles)).toEqual(plan.tasks.map(roles));
    back.tasks.forEach((t, i) => expect(t.text).toContain(plan.tasks[i]!.text));
  });

  it('keeps the outline headings above their tasks', async () => {
    const plan = await parseDocument(await buildTaskTable(buildTaskTableInput()), { filename: '任务分工表.xlsx' });
    const paths = plan.tasks.map((t) => t.path.split('/')[0]);
    expect(paths).toEqual(['一', '一', '一', '二', '二']);
  });
});
