import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { publishPlan } from '../modules/plans/commands.js';
import { cadences, plans, taskUnits, tasks } from '../modules/plans/schema.js';
import { saveReport } from '../modules/reporting/commands.js';
import { reports } from '../modules/reporting/schema.js';
import { buildUnit, type UnitRow } from '../testing/factories.js';
import type { TestWorkspace } from '../testing/workspace.js';

export interface SlotRow {
  id: string;
  unit_id: string;
  task_id: string;
  is_lead: boolean;
  version: number;
}

/**
 * A published plan with `tasks` tasks over `units` units (each task: a lead unit and a responsible
 * unit), monthly reporting, so every task/unit pair has an open slot in the current period.
 * Drafts are inserted into the real tables; publishing goes through the real command.
 */
export async function publishedPlan(ws: TestWorkspace, opts: { units: number; tasks: number }) {
  const unitRows: UnitRow[] = [];
  for (let i = 0; i < opts.units; i++)
    unitRows.push(await buildUnit(ws.db, { name: `韧性测试单位${i + 1}` }));
  const planId = randomUUID();
  const year = new Date().getUTCFullYear() + 1;
  await ws.db
    .insert(plans)
    .values({ id: planId, title: '韧性测试实施方案', kind: 'implementation', status: 'draft' });
  await ws.db.insert(cadences).values({ planId, period: 'monthly', what: '每月20日前报送进展' });
  const taskValues = Array.from({ length: opts.tasks }, (_, i) => ({
    id: randomUUID(),
    planId,
    path: `一/${i + 1}`,
    ord: i,
    text: `第${i + 1}项任务：推进重点项目建设。`,
    deadlineDate: `${year}-12-31`,
    status: 'draft',
  }));
  await ws.db.insert(tasks).values(taskValues);
  await ws.db.insert(taskUnits).values(
    taskValues.flatMap((t, i) => [
      { taskId: t.id, unitId: unitRows[i % opts.units]!.id, planId, role: 'lead', ord: 0 },
      { taskId: t.id, unitId: unitRows[(i + 1) % opts.units]!.id, planId, role: 'responsible', ord: 1 },
    ]),
  );
  await ws.db.update(plans).set({ taskCount: opts.tasks }).where(eq(plans.id, planId));
  await ws.run((ctx) => publishPlan(ctx, planId));
  return { planId, units: unitRows };
}

/** The plan's open report slots. */
export function slotsOf(ws: TestWorkspace, planId: string): Promise<SlotRow[]> {
  return rows<SlotRow>(
    ws.db,
    sql`select id, unit_id, task_id, is_lead, version from reports where plan_id = ${planId} order by unit_id, id`,
  );
}

/** Fills every open slot of the plan through the real save command, so each can be submitted. */
export async function fillAll(ws: TestWorkspace, planId: string): Promise<void> {
  const open = await ws.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.planId, planId), eq(reports.open, true)));
  await ws.run(async (ctx) => {
    for (const r of open)
      await saveReport(ctx, r.id, {
        workStatus: 'in_progress',
        percent: 50,
        done: '完成年度阶段任务。',
        problems: '',
        nextSteps: '继续推进。',
      });
  });
}

export const CHINESE = /[\u4e00-\u9fff]/;

/**
 * A multipart/form-data body with one file in field `file` (and optional text fields), as the
 * arguments after the URL of `TestClient.post`: `client.post(url, ...multipart('a.txt', '内容'))`.
 */
export function multipart(
  filename: string,
  content: string | Buffer,
  fields: Record<string, string> = {},
  contentType = 'application/octet-stream',
): [Buffer, Record<string, string>] {
  const boundary = `----xt${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return [Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${boundary}` }];
}
