import { eq } from 'drizzle-orm';
import type { TestWorkspace } from '../../../testing/workspace.js';
import { withContext, type Ctx } from '../../../http/context.js';
import { loadDirectory } from '../../directory/commands.js';
import { units } from '../../directory/schema.js';
import { DEMO_PLAN_FILENAME, DEMO_PLAN_TEXT } from '../../demo/demo-plan.js';

export const TRANSPORT = '武汉市交通运输局';
export const PLANNING = '武汉市自然资源和规划局';

export interface Report {
  id: string;
  taskId: string;
  unitId: string;
  unitName: string;
  isLead: boolean;
  leadReportId: string | null;
  status: string;
  version: number;
  periodKey: string;
  dueDate: string;
  lockDate: string;
  actions: string[];
  [k: string]: unknown;
}

export async function unitId(ws: TestWorkspace, name: string): Promise<string> {
  const [u] = await ws.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  if (!u) throw new Error(`unit ${name} missing from the directory`);
  return u.id;
}

/** The directory, a coordinator, the demo plan imported through the API and published. */
export async function publishedDemoPlan(ws: TestWorkspace) {
  await ws.run((ctx) => loadDirectory(ctx));
  const coordinator = await ws.as(['coordinator']);
  const imported = await coordinator.post('/api/plans/import', {
    filename: DEMO_PLAN_FILENAME,
    text: DEMO_PLAN_TEXT,
  });
  if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  const published = await coordinator.post(`/api/plans/${imported.body.id}/publish`, {});
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  const plan = published.body as { id: string; tasks?: { id: string; path: string; text: string }[] };
  const transport = await unitId(ws, TRANSPORT);
  const planning = await unitId(ws, PLANNING);
  const reporter = await ws.as(['reporter'], { unitId: transport });
  return { coordinator, reporter, planId: plan.id, transport, planning };
}

/** Runs a command as the system at a chosen moment (for dates: locked windows, overdue slots). */
export function runAt<T>(ws: TestWorkspace, now: Date, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withContext({ database: ws.database, config: ws.config }, { kind: 'system', name: '测试' }, fn, now);
}

export const fullContent = {
  workStatus: 'in_progress',
  percent: 40,
  done: '完成线路方案对接。',
  problems: '无',
  nextSteps: '开展招标。',
};

/** A small plan whose deadlines lie next year, so light tests do not depend on today's date. */
export function futurePlanText(now = new Date()): string {
  const y = now.getUTCFullYear() + 1;
  return [
    '武汉市人民政府办公厅关于印发城市圈督办测试工作方案的通知',
    '一、重点任务',
    `1.推进城市圈环线甲段建设。（牵头单位：市交通运输局；责任单位：市自然资源规划局；完成时限：${y}年12月底）`,
    `2.推进城际公交乙线开通。（牵头单位：市交通运输局；完成时限：${y}年6月底）`,
    '二、保障措施',
    '建立月调度制度。各牵头单位每月20日前向市发改委报送任务进展情况。',
    '',
  ].join('\n');
}

/** The directory, a coordinator, and the future plan published; reporters of 交通局 and 规划局. */
export async function publishedFuturePlan(ws: TestWorkspace) {
  await ws.run((ctx) => loadDirectory(ctx));
  const coordinator = await ws.as(['coordinator']);
  const imported = await coordinator.post('/api/plans/import', {
    filename: '督办测试.txt',
    text: futurePlanText(),
  });
  if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  const published = await coordinator.post(`/api/plans/${imported.body.id}/publish`, {});
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  const transport = await unitId(ws, TRANSPORT);
  const planning = await unitId(ws, PLANNING);
  const reporter = await ws.as(['reporter'], { unitId: transport });
  const planningReporter = await ws.as(['reporter'], { unitId: planning });
  const tasks = (
    published.body.tasks as { id: string; path: string; text: string; deadlineDate: string | null }[]
  )
    .slice()
    .sort((a, b) => a.path.localeCompare(b.path));
  return {
    coordinator,
    reporter,
    planningReporter,
    planId: published.body.id as string,
    transport,
    planning,
    tasks,
  };
}
