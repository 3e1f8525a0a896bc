import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { DomainError, notFound } from '../../errors.js';
import { units } from '../directory/schema.js';
import { reports } from '../reporting/schema.js';
import { chineseDate } from './commands.js';
import { findPlanHead, type PlanHead } from './repository.js';

/**
 * What the bulletin (季通报/工作简报) and the summary (半年/年度总结) share: the request the
 * coordinator makes (plan, period, 文号, date, issuer, recipients), the period's report slots of
 * the plan, and the document header the generators print.
 */

export { TASK_STATUS_OF_WORK } from './types.js';

/** An official document of a plan for one reporting period, as the coordinator sets it. */
export interface OfficialDocRequest {
  planId: string;
  /** Period key of the reporting cycle ("2026-Q3"). */
  periodKey: string;
  /** 文号. */
  docNumber: string;
  /** ISO date of the document; defaults to today (Asia/Shanghai). */
  date?: string;
  issuer?: string;
  recipients?: string;
}

/** The plan and every report slot it has in the period, with the unit's name. */
export async function loadPlanPeriod(ctx: Ctx, input: OfficialDocRequest, what: string) {
  const plan = await findPlanHead(ctx.tx, input.planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  const slots = await ctx.tx
    .select({
      taskId: reports.taskId,
      unitId: reports.unitId,
      role: reports.role,
      isLead: reports.isLead,
      periodLabel: reports.periodLabel,
      periodStart: reports.periodStart,
      periodEnd: reports.periodEnd,
      dueDate: reports.dueDate,
      submittedAt: reports.submittedAt,
      workStatus: reports.workStatus,
      percent: reports.percent,
      done: reports.done,
      problems: reports.problems,
      nextSteps: reports.nextSteps,
      unitName: units.name,
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(eq(reports.planId, input.planId), eq(reports.periodKey, input.periodKey)));
  if (slots.length === 0) {
    throw new DomainError(
      'validation.failed',
      `该规划在“${input.periodKey}”没有填报事项，无法生成${what}。请选择已开始填报的周期。`,
    );
  }
  return { plan, slots, period: slots[0]! };
}

/** The header fields of the document: issuer (else the plan's), 文号, date in Chinese, recipients. */
export function documentHeader(
  ctx: Ctx,
  plan: PlanHead,
  input: OfficialDocRequest,
  defaultRecipients: string,
) {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(ctx.now);
  return {
    issuer: input.issuer ?? plan.issuerText ?? '领导小组办公室',
    docNumber: input.docNumber,
    date: chineseDate(input.date ?? today),
    recipients: input.recipients ?? defaultRecipients,
  };
}
