// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildMatrix, filenameOf, filterTasks, MATRIX_TASK_COLUMNS_MAX, matrixByTask, matrixCsv, tasksCsv, toTaskRow } from './tasks';

const rows = [
  toTaskRow({ id: 't1', path: '二/（一）/1', text: '建立健全工作推进机制。', units: [{ role: 'lead', unit: { id: 'u1', name: '市发改委' } }, { role: 'responsible', unit: { name: '市财政局' } }], light: { color: 'red', reasons: [{ message: '逾期未报送' }] }, cities: ['武汉'] }),
  toTaskRow({ id: 't2', path: '二/（一）/2', text: '建立健全工作交流机制，"九城就是一城"。', lead: ['市财政局'], cooperating: ['市发改委'], light: 'green', cities: ['黄石'] }),
  toTaskRow({ id: 't3', path: '三', text: '宣传。', responsible: ['市委宣传部'] }),
];

describe('task rows', () => {
  it('reads units by role from either shape the server may send', () => {
    expect(rows[0]!.units).toEqual([
      { id: 'u1', name: '市发改委', role: 'lead' },
      { id: null, name: '市财政局', role: 'responsible' },
    ]);
    expect(rows[1]!.units.map((u) => `${u.name}:${u.role}`)).toEqual(['市财政局:lead', '市发改委:cooperating']);
    expect(rows[0]!.lightReasons).toEqual(['逾期未报送']);
  });

  it('filters by unit and role together, light, city and text', () => {
    expect(filterTasks(rows, { unit: '市发改委' }).map((r) => r.id)).toEqual(['t1', 't2']);
    expect(filterTasks(rows, { unit: '市发改委', role: 'lead' }).map((r) => r.id)).toEqual(['t1']);
    expect(filterTasks(rows, { role: 'lead' }).map((r) => r.id)).toEqual(['t1', 't2']);
    expect(filterTasks(rows, { light: 'none' }).map((r) => r.id)).toEqual(['t3']);
    expect(filterTasks(rows, { city: '黄石' }).map((r) => r.id)).toEqual(['t2']);
    expect(filterTasks(rows, { q: '交流' }).map((r) => r.id)).toEqual(['t2']);
  });

  it('leaves out tasks a revision cancelled unless the status filter asks for them', () => {
    const withCancelled = [...rows, toTaskRow({ id: 't4', path: '三/2', text: '已撤销的任务。', status: 'cancelled', lead: ['市发改委'] })];
    expect(filterTasks(withCancelled, {}).map((r) => r.id)).toEqual(['t1', 't2', 't3']);
    expect(filterTasks(withCancelled, { unit: '市发改委' }).map((r) => r.id)).toEqual(['t1', 't2']);
    expect(filterTasks(withCancelled, { status: 'cancelled' }).map((r) => r.id)).toEqual(['t4']);
  });
});

describe('responsibility matrix', () => {
  it('marks each unit against each task, units that lead and carry most first', () => {
    const m = buildMatrix(rows);
    expect(m.units).toEqual(['市财政局', '市发改委', '市委宣传部']);
    expect(m.cell('市发改委', 't1')).toBe('lead');
    expect(m.cell('市发改委', 't2')).toBe('cooperating');
    expect(m.cell('市委宣传部', 't1')).toBeUndefined();
  });

  it('exports CSV that Excel reads as UTF-8, quoting where needed', () => {
    const csv = matrixCsv(buildMatrix(rows), { lead: '牵头', responsible: '责任', cooperating: '配合' });
    expect(csv.startsWith('\uFEFF单位,')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('"二/（一）/2 建立健全工作交流机制，""九城就是一城""');
    expect(lines[1]).toBe('市财政局,责任,牵头,');
    expect(lines[2]).toBe('市发改委,牵头,配合,');
    expect(lines).toHaveLength(4);
  });

  it('turns to one row per task for a large plan, so the columns stay the units', () => {
    const many = Array.from({ length: MATRIX_TASK_COLUMNS_MAX + 1 }, (_, i) => toTaskRow({ id: `m${i}`, path: `一/${i + 1}`, text: `任务${i + 1}。`, lead: ['市发改委'], responsible: i % 2 ? ['市财政局'] : [] }));
    expect(matrixByTask(buildMatrix(rows))).toBe(false);
    const m = buildMatrix(many);
    expect(matrixByTask(m)).toBe(true);
    const lines = matrixCsv(m, { lead: '牵头', responsible: '责任', cooperating: '配合' }, '单位', '任务').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('任务,市发改委,市财政局');
    expect(lines[1]).toBe('一/1 任务1,牵头,');
    expect(lines[2]).toBe('一/2 任务2,牵头,责任');
    expect(lines).toHaveLength(MATRIX_TASK_COLUMNS_MAX + 2);
  });
});

describe('open data', () => {
  it('writes one CSV row per task with units by role', () => {
    const csv = tasksCsv(rows, ['编号', '任务内容', '牵头单位', '责任单位', '配合单位', '完成时限', '进度（%）', '状态']);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('二/（一）/1,建立健全工作推进机制。,市发改委,市财政局,,,,');
  });
});

describe('downloaded file names', () => {
  it('reads the UTF-8 name the server sends, else the plain one, else the fallback', () => {
    const header = `attachment; filename="____-___.xlsx"; filename*=UTF-8''${encodeURIComponent('武汉市工作方案-任务分工表.xlsx')}`;
    expect(filenameOf(header, 'x.xlsx')).toBe('武汉市工作方案-任务分工表.xlsx');
    expect(filenameOf('attachment; filename="plan.docx"', 'x.docx')).toBe('plan.docx');
    expect(filenameOf("attachment; filename*=UTF-8''%E4%B8%8D%", 'x.docx')).toBe('x.docx');
    expect(filenameOf(null, 'task-table.xlsx')).toBe('task-table.xlsx');
  });
});
