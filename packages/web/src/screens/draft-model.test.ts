// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { draftTasks, toParsedPlan } from './draft-model';

/** The shape GET /api/plans/:id returns (fields the review uses). */
const body = {
  id: 'p1',
  title: '测试工作方案',
  kind: 'work',
  status: 'draft',
  docNumber: '武政办〔2022〕29号',
  issuerText: '武汉市人民政府办公厅',
  docDate: '2022-03-14',
  year: 2022,
  version: 3,
  warnings: [{ code: 'unit.suspicious', message: '“长报集团”不在单位名录中，请核对。', span: { start: 30, end: 34, original: { start: 40, end: 44 } } }],
  outline: [
    { id: 'd', parentId: null, kind: 'document', level: 0, marker: null, path: '', title: '测试工作方案', span: { start: 0, end: 80 } },
    { id: 'h1', parentId: 'd', kind: 'heading', level: 1, marker: '二、', path: '二', title: '工作任务', span: { start: 0, end: 6 } },
    { id: 'i1', parentId: 'h1', kind: 'item', level: 2, marker: '1.', path: '二/1', title: '建立机制', span: { start: 7, end: 40 } },
  ],
  tasks: [
    {
      id: 't1',
      nodeId: 'i1',
      path: '二/1',
      text: '建立机制。',
      deadlineText: '2022年底前',
      deadlineDate: '2022-12-31',
      version: 2,
      span: { start: 7, end: 40, original: { start: 17, end: 50 } },
      units: [
        { unitId: 'u1', unitName: '武汉市委宣传部', role: 'lead', printedName: '市委宣传部', unitStatus: 'active', isGroup: false, assignment: 'none' },
        { unitId: 'u2', unitName: '长报集团', role: 'responsible', printedName: '长报集团', unitStatus: 'proposed', isGroup: false, assignment: 'none' },
      ],
      actions: ['task.edit'],
    },
  ],
  indicators: [],
  proposedUnits: [{ id: 'u2', name: '长报集团' }],
};

describe('draft model', () => {
  it('builds the outline tree from the flat nodes and links the task to its node', () => {
    const plan = toParsedPlan(body);
    expect(plan.outline.id).toBe('d');
    expect(plan.outline.children.map((c) => c.id)).toEqual(['h1']);
    expect(plan.outline.children[0]!.children.map((c) => c.id)).toEqual(['i1']);
    expect(plan.tasks[0]).toMatchObject({ nodeId: 'i1', lead: ['市委宣传部'], responsible: ['长报集团'], deadline: '2022年底前' });
    expect(plan.tasks[0]!.span).toEqual({ start: 7, end: 40, original: { start: 17, end: 50 } });
    expect(plan.warnings[0]!.span?.start).toBe(30);
    expect(plan.issuer).toBe('武汉市人民政府办公厅');
  });

  it('lists units by role with how they resolved, and the task version for edits', () => {
    const [task] = draftTasks(body);
    expect(task!.version).toBe(2);
    expect(task!.units.map((u) => [u.name, u.role, u.status])).toEqual([
      ['武汉市委宣传部', 'lead', 'active'],
      ['长报集团', 'responsible', 'proposed'],
    ]);
    expect(task!.actions).toEqual(['task.edit']);
  });
});
