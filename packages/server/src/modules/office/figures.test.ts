import { describe, expect, it } from 'vitest';
import { completedItems, laggingItems, periodFigures, unitPerformance, type SlotPeriodState, type TaskPeriodState } from './figures.js';

function buildTaskState(overrides: Partial<TaskPeriodState> = {}): TaskPeriodState {
  return {
    title: '推进城际铁路建设',
    units: [
      { unit: '市交通运输局', role: 'lead' },
      { unit: '市发改委', role: 'responsible' },
      { unit: '市财政局', role: 'cooperating' },
    ],
    status: 'in_progress',
    percent: 50,
    light: 'green',
    completedInPeriod: false,
    ...overrides,
  };
}

const due = new Date('2026-10-10T23:59:59+08:00');
const slot = (unit: string, submittedAt: string | null): SlotPeriodState => ({ unit, dueAt: due, submittedAt: submittedAt ? new Date(submittedAt) : null });

describe('period figures for bulletins', () => {
  const tasks = [
    buildTaskState({ status: 'completed', percent: 100, completedInPeriod: true, completionSummary: '已通车。' }),
    buildTaskState({ title: '建设水运通道', status: 'lagging', light: 'yellow', lagReason: '审批滞后。' }),
    buildTaskState({ title: '跨省电力通道', status: null, light: null, units: [{ unit: '省能源局', role: 'lead' }] }),
    buildTaskState({ title: '政务跨城通办', status: 'in_progress', light: 'red', explanations: [{ unit: '市发改委', text: '系统对接未完成。' }] }),
  ];
  const slots = [
    slot('市交通运输局', '2026-10-09T10:00:00+08:00'),
    slot('市发改委', '2026-10-11T09:00:00+08:00'),
    slot('省能源局', null),
    slot('市交通运输局', '2026-10-10T23:00:00+08:00'),
  ];

  it('counts tasks by status (never reported = 未启动) and light, and reports on time', () => {
    expect(periodFigures(tasks, slots)).toEqual({
      tasksTotal: 4,
      byStatus: { not_started: 1, in_progress: 1, completed: 1, lagging: 1, blocked: 0 },
      byLight: { green: 1, yellow: 1, red: 1 },
      reportsDue: 4,
      reportsOnTime: 2,
    });
  });

  it('gives each lead/responsible unit its tasks, completions and on-time reports; cooperating units are not counted', () => {
    expect(unitPerformance(tasks, slots)).toEqual([
      { unit: '市交通运输局', tasks: 3, completed: 1, reportsDue: 2, reportsOnTime: 2 },
      { unit: '市发改委', tasks: 3, completed: 1, reportsDue: 1, reportsOnTime: 0 },
      { unit: '省能源局', tasks: 1, completed: 0, reportsDue: 1, reportsOnTime: 0 },
    ]);
  });

  it('lists completed tasks and lagging ones, red first, with reasons and explanations', () => {
    expect(completedItems(tasks)).toEqual([{ title: '推进城际铁路建设', units: ['市交通运输局', '市发改委'], summary: '已通车。' }]);
    expect(laggingItems(tasks).map((t) => [t.title, t.light, t.reason, t.explanations.length])).toEqual([
      ['政务跨城通办', 'red', '实际进度落后于计划进度。', 1],
      ['建设水运通道', 'yellow', '审批滞后。', 0],
    ]);
  });
});
