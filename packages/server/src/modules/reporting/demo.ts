import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { DomainError } from '../../errors.js';
import type { DemoWorkspace } from '../demo/demo.js';
import { tasks } from '../plans/schema.js';
import { issueNotice, requestExtension } from '../supervision/commands.js';
import { recomputeAllLights } from '../supervision/lights.js';
import {
  acceptReport,
  returnReport,
  saveReport,
  signReport,
  submitReport,
  type ReportContent,
} from './commands.js';
import { addDays, localDate, periodOf, previousPeriod, type Period } from './periods.js';
import { reportCycles, reports, taskStates } from './schema.js';
import { extensionRequests } from '../supervision/schema.js';
import { openPeriod } from './slots.js';

const CONTENT: ReportContent[] = [
  {
    workStatus: 'in_progress',
    percent: 60,
    done: '两个断头路项目完成征地拆迁，主体工程开工，累计完成投资4.2亿元。',
    problems: '个别路段管线迁改协调进度偏慢。',
    nextSteps: '下月完成管线迁改，推进桥梁下部结构施工。',
  },
  {
    workStatus: 'in_progress',
    percent: 40,
    done: '城际公交线路方案已与鄂州、孝感对接。',
    problems: '',
    nextSteps: '完成线路招标。',
  },
  {
    workStatus: 'in_progress',
    percent: 70,
    done: '市域铁路线路规划方案完成专家初审。',
    problems: '',
    nextSteps: '根据专家意见修改完善。',
  },
  {
    workStatus: 'in_progress',
    percent: 55,
    done: '服务平台完成框架搭建，征集成果需求120项。',
    problems: '',
    nextSteps: '发布首批供需清单。',
  },
  { workStatus: 'not_started', percent: 0, done: '', problems: '', nextSteps: '' },
  {
    workStatus: 'in_progress',
    percent: 30,
    done: '已梳理跨市通办事项清单草稿。',
    problems: '',
    nextSteps: '',
  },
  {
    workStatus: 'lagging',
    percent: 10,
    done: '完成异地就医结算需求调研。',
    problems: '部分医院信息系统改造尚未启动。',
    nextSteps: '协调医院加快系统改造。',
  },
  {
    workStatus: 'difficult',
    percent: 35,
    done: '联合招生方案形成初稿。',
    problems: '实训基地共享涉及经费分担，各方意见尚未统一。',
    nextSteps: '提请市领导协调。',
  },
  {
    workStatus: 'in_progress',
    percent: 80,
    done: '已开展两次跨界河湖联合巡查。',
    problems: '',
    nextSteps: '开展第四季度联合巡查。',
  },
];

/**
 * The demo's reporting: the previous period opened too, with lead reports in every state
 * (accepted, returned, submitted, signed, draft, overdue and untouched), a co-unit's input
 * consolidated, a 督办单 and a reminder, an extension request, and lights recomputed.
 */
export async function seedReportingDemo(ctx: Ctx, demo: DemoWorkspace): Promise<void> {
  const [cycle] = await ctx.tx
    .select()
    .from(reportCycles)
    .where(and(eq(reportCycles.planId, demo.planId), eq(reportCycles.unitReports, true)));
  if (!cycle) return;
  const today = localDate(ctx.now);
  const prev = previousPeriod(cycle.period as Period, periodOf(cycle.period as Period, today));
  await openPeriod(ctx, cycle, prev);
  // Work done in the previous period happened on time: act as of a few days after it ended.
  const then: Ctx = { ...ctx, now: new Date(`${addDays(prev.end, 5)}T02:00:00Z`) };
  const leads = await ctx.tx
    .select({ r: reports, path: tasks.path })
    .from(reports)
    .innerJoin(tasks, eq(tasks.id, reports.taskId))
    .where(and(eq(reports.cycleId, cycle.id), eq(reports.periodKey, prev.key), eq(reports.isLead, true)))
    .orderBy(asc(tasks.ord));
  const plan: (
    | 'accepted'
    | 'returned'
    | 'submitted'
    | 'signed'
    | 'overdue'
    | 'draft'
    | 'accepted-low'
    | 'accepted-trouble'
    | 'accepted2'
  )[] = [
    'accepted',
    'returned',
    'submitted',
    'signed',
    'overdue',
    'draft',
    'accepted-low',
    'accepted-trouble',
    'accepted2',
  ];
  for (const [i, { r }] of leads.entries()) {
    const state = plan[i] ?? 'overdue';
    if (state === 'overdue') continue;
    const content = CONTENT[i] ?? CONTENT[0]!;
    // The co-units' inputs first, so the lead's submission consolidates them.
    const co = await ctx.tx.select().from(reports).where(eq(reports.leadReportId, r.id));
    for (const c of co) {
      await saveReport(then, c.id, {
        workStatus: 'in_progress',
        percent: 50,
        done: '配合做好相关工作，按牵头单位要求报送材料。',
        problems: '',
        nextSteps: '继续配合推进。',
      });
      await submitReport(then, c.id);
    }
    await saveReport(then, r.id, content);
    if (state === 'draft') continue;
    await submitReport(then, r.id);
    if (state === 'submitted') continue;
    if (state === 'signed') {
      await signReport(then, r.id);
      continue;
    }
    if (state === 'returned') {
      await returnReport(then, r.id, {
        reason: '进展情况过于笼统，请补充两条线路的具体对接进度和时间节点。',
      });
      continue;
    }
    await acceptReport(then, r.id);
  }
  // Supervision: a 督办单 to the demo reporter's unit, a reminder on the overdue task.
  const reporterUnit = demo.accounts.find((a) => a.username === 'reporter')?.unitId;
  const returned = leads[1]?.r;
  if (returned && reporterUnit && returned.unitId === reporterUnit) {
    await issueNotice(ctx, {
      taskId: returned.taskId,
      unitId: returned.unitId,
      level: 'remind',
      text: '请按退回意见尽快补充完善进展报告。',
    });
    await issueNotice(ctx, {
      taskId: returned.taskId,
      unitId: returned.unitId,
      level: 'notice',
      color: 'yellow',
      text: '城际公交线路开通进度滞后，请于回复期限前报送整改措施和时间表。',
    });
  }
  const overdue = leads[4]?.r;
  if (overdue)
    await issueNotice(ctx, {
      taskId: overdue.taskId,
      unitId: overdue.unitId,
      level: 'remind',
      text: `${prev.label}进展报告已逾期，请尽快报送。`,
    });
  const late = leads[6]?.r;
  if (late) {
    try {
      await requestExtension(ctx, {
        taskId: late.taskId,
        unitId: late.unitId,
        requestedDate: addDays(today, 90),
        reason: '医院信息系统改造周期较长，申请延期三个月。',
      });
    } catch (e) {
      // After the task's deadline the demo has no extension to show; nothing else depends on it.
      if (!(e instanceof DomainError && e.code === 'extension.too_late')) throw e;
    }
  }
  // An extension approved earlier keeps the 有困难 task inside its (new) deadline: a yellow light
  // whatever day the demo is loaded.
  const trouble = leads[7]?.r;
  if (trouble) {
    const [task] = await ctx.tx.select().from(tasks).where(eq(tasks.id, trouble.taskId));
    const to = addDays(today, 60);
    const [ext] = await ctx.tx
      .insert(extensionRequests)
      .values({
        planId: demo.planId,
        taskId: trouble.taskId,
        unitId: trouble.unitId,
        currentDeadline: task?.deadlineDate ?? today,
        requestedDate: to,
        reason: '实训基地共享涉及经费分担，申请延期两个月。',
        status: 'approved',
        decisionNote: '同意',
        decidedAt: ctx.now,
        createdAt: ctx.now,
      })
      .returning();
    await ctx.tx
      .update(taskStates)
      .set({ extendedDeadline: to })
      .where(eq(taskStates.taskId, trouble.taskId));
    await ctx.audit({
      action: 'extension.approve',
      entityType: 'extension',
      entityId: ext!.id,
      unitId: trouble.unitId,
      after: { status: 'approved', deadline: to, demo: true },
    });
  }
  await recomputeAllLights(ctx, demo.planId);
}
