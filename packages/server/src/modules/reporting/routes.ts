import { z } from 'zod';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { LIMITS } from '@xietong/shared';
import type { Ctx } from '../../http/context.js';
import { defineRoute, isUuid } from '../../http/route.js';
import { DomainError, notFound } from '../../errors.js';
import { hasRole } from '../../policy.js';
import { unitIdsOfTask } from '../plans/repository.js';
import { plans } from '../plans/schema.js';
import { reportingPolicy } from './policy.js';
import {
  acceptReport,
  addAttachment,
  removeAttachment,
  grantException,
  requestFinish,
  returnReport,
  saveReport,
  signOffTask,
  signReport,
  submitReport,
  updateCycle,
  WORK_STATUSES,
} from './commands.js';
import { presentReportDetail, presentReports, reportDetailSchema, reportSummarySchema } from './present.js';
import {
  finishingUnitsOfTask,
  findReport,
  lockedOwnerOfReport,
  readerUnitsOfReport,
  type ReportRow,
} from './repository.js';
import { planStates, reportAttachments, reportCycles, reports } from './schema.js';
import { planProgressNodes } from './progress.js';

const idParams = z.object({ id: z.uuid() });
const versionBody = z.object({ version: z.number().int().optional() });

/**
 * A workflow step on one report (submit, sign, accept): each has its own policy and command,
 * takes the caller's version, is idempotent and answers with the report's detail.
 */
function reportStep(
  url: string,
  summary: string,
  action: 'report.submit' | 'report.sign' | 'report.accept',
  command: (ctx: Ctx, id: string, body: z.infer<typeof versionBody>) => Promise<ReportRow>,
) {
  return defineRoute({
    method: 'POST',
    url,
    summary,
    policy: reportingPolicy.ref(action),
    params: idParams,
    body: versionBody,
    resourceUnits: reportOwner,
    idempotent: true,
    response: reportDetailSchema,
    trustedResponse: true,
    handler: async (ctx, { params, body }) => present(ctx, await command(ctx, params.id, body)),
  });
}

/** The web form's names for work status are accepted too (on_track → in_progress …). */
const WORK_ALIASES: Record<string, (typeof WORK_STATUSES)[number]> = {
  on_track: 'in_progress',
  behind: 'lagging',
  at_risk: 'difficult',
  blocked: 'difficult',
};
const workStatus = z
  .string()
  .transform((v) => WORK_ALIASES[v] ?? v)
  .pipe(z.enum(WORK_STATUSES, { message: '工作状态只能是：未启动、推进中、已完成、滞后、有困难。' }));

const saveBody = z
  .object({
    version: z.number().int().optional(),
    workStatus: workStatus.nullable().optional(),
    progressStatus: workStatus.nullable().optional(),
    percent: z.number().min(0).max(100).nullable().optional(),
    done: z.string().max(20000).optional(),
    problems: z.string().max(20000).optional(),
    nextSteps: z.string().max(20000).optional(),
    indicators: z
      .array(z.object({ indicatorId: z.string().min(1), value: z.number().nullable() }))
      .max(500)
      .optional(),
  })
  .transform(({ progressStatus, workStatus: ws, ...rest }) => ({
    ...rest,
    ...(ws !== undefined
      ? { workStatus: ws }
      : progressStatus !== undefined
        ? { workStatus: progressStatus }
        : {}),
  }));

const reportReaders = async (ctx: Ctx, raw: Record<string, string>) =>
  isUuid(raw.id) ? readerUnitsOfReport(ctx.tx, raw.id) : null;
/** The owner of a report a route will change: its row is locked now and handed to the command. */
const reportOwner = async (ctx: Ctx, raw: Record<string, string>) =>
  isUuid(raw.id) ? lockedOwnerOfReport(ctx.tx, raw.id) : null;

const present = (ctx: Ctx, r: ReportRow) => presentReportDetail(ctx.tx, ctx.actor, r, ctx.now);
const detail = async (ctx: Ctx, id: string) => {
  const r = await findReport(ctx.tx, id);
  if (!r) throw notFound('report.not_found', '填报');
  return present(ctx, r);
};

const seesAllUnits = (actor: Parameters<typeof hasRole>[0]) =>
  hasRole(actor, reportingPolicy.rules['report.read'].anyUnit);

export const reportingRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/reports',
    summary: '进展报告列表（按任务、规划、单位、状态筛选；承办单位只看到本单位的报告）',
    policy: reportingPolicy.ref('report.read'),
    query: z.object({
      taskId: z.uuid().optional(),
      planId: z.uuid().optional(),
      unitId: z.uuid().optional(),
      status: z.string().optional(),
      open: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(reportSummarySchema) }),
    handler: async (ctx, { query }) => {
      const where: SQL[] = [];
      if (!seesAllUnits(ctx.actor)) {
        const unitId = ctx.actor.kind === 'user' ? ctx.actor.unitId : null;
        if (!unitId) return { items: [] };
        where.push(eq(reports.unitId, unitId));
      } else if (query.unitId) where.push(eq(reports.unitId, query.unitId));
      if (query.taskId) where.push(eq(reports.taskId, query.taskId));
      if (query.planId) where.push(eq(reports.planId, query.planId));
      if (query.status) where.push(inArray(reports.status, query.status.split(',')));
      if (query.open) where.push(eq(reports.open, query.open === 'true'));
      const list = await ctx.tx
        .select()
        .from(reports)
        .where(and(...where))
        .orderBy(asc(reports.dueDate), asc(reports.id))
        .limit(query.limit)
        .offset(query.offset);
      return { items: await presentReports(ctx.tx, ctx.actor, list, ctx.now) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/:id',
    summary: '一份进展报告：任务、配合单位材料、附件、往期报告、允许的操作',
    policy: reportingPolicy.ref('report.read'),
    params: idParams,
    resourceUnits: reportReaders,
    response: reportDetailSchema,
    trustedResponse: true,
    handler: async (ctx, { params }) => detail(ctx, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/reports/:id',
    summary: '保存报告草稿（带版本号；版本过期返回 409 及最新内容）',
    policy: reportingPolicy.ref('report.edit'),
    params: idParams,
    body: saveBody,
    resourceUnits: reportOwner,
    response: reportDetailSchema,
    trustedResponse: true,
    handler: async (ctx, { params, body }) => present(ctx, await saveReport(ctx, params.id, body)),
  }),
  reportStep(
    '/api/reports/:id/submit',
    '报送（支持 Idempotency-Key，重试不会重复报送）',
    'report.submit',
    submitReport,
  ),
  reportStep('/api/reports/:id/sign', '单位负责人签发', 'report.sign', signReport),
  reportStep('/api/reports/:id/accept', '采纳报告', 'report.accept', acceptReport),
  defineRoute({
    method: 'POST',
    url: '/api/reports/:id/return',
    summary: '退回报告（须写明理由）',
    policy: reportingPolicy.ref('report.return'),
    params: idParams,
    body: versionBody.extend({
      reason: z.string().trim().min(1, '请写明退回理由，以便单位修改。').max(2000),
    }),
    resourceUnits: reportOwner,
    idempotent: true,
    response: reportDetailSchema,
    handler: async (ctx, { params, body }) => present(ctx, await returnReport(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/reports/:id/exception',
    summary: '为已截止的报告开通补报（至某日）',
    policy: reportingPolicy.ref('report.grant_exception'),
    params: idParams,
    body: z.object({ until: z.iso.date(), reason: z.string().max(500).optional() }),
    resourceUnits: reportOwner,
    response: reportDetailSchema,
    handler: async (ctx, { params, body }) => {
      await grantException(ctx, params.id, body);
      return detail(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/reports/:id/attachments',
    summary: '上传报告附件（multipart 字段 file）',
    policy: reportingPolicy.ref('report.attach'),
    params: idParams,
    multipart: true,
    resourceUnits: reportOwner,
    status: 201,
    response: z.object({
      id: z.string(),
      filename: z.string(),
      mime: z.string(),
      size: z.number(),
      sha256: z.string(),
      createdAt: z.string(),
    }),
    handler: async (ctx, { params, req }) => {
      if (!(await findReport(ctx.tx, params.id))) throw notFound('report.not_found', '填报');
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw new DomainError('validation.failed', '没有收到文件。请在表单字段 file 中上传附件。');
      const bytes = await file.toBuffer();
      const a = await addAttachment(ctx, params.id, {
        filename: file.filename || '附件',
        mime: file.mimetype || 'application/octet-stream',
        bytes,
      });
      return { ...a, createdAt: a.createdAt.toISOString() };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/reports/:id/attachments/:attachmentId',
    summary: '删除报告附件（报告仍可编辑时）',
    policy: reportingPolicy.ref('report.attach'),
    params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
    resourceUnits: reportOwner,
    response: z.object({ deleted: z.literal(true) }),
    handler: async (ctx, { params }) => {
      await removeAttachment(ctx, params.id, params.attachmentId);
      return { deleted: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/attachments/:id',
    summary: '下载附件（仅本单位、牵头单位和统筹、领导可下载）',
    policy: reportingPolicy.ref('attachment.read'),
    params: idParams,
    resourceUnits: async (ctx, raw) => {
      if (!isUuid(raw.id)) return null;
      const [a] = await ctx.tx
        .select({ reportId: reportAttachments.reportId, unitId: reportAttachments.unitId })
        .from(reportAttachments)
        .where(eq(reportAttachments.id, raw.id));
      if (!a) return null;
      return a.reportId ? ((await readerUnitsOfReport(ctx.tx, a.reportId)) ?? [a.unitId]) : [a.unitId];
    },
    response: z.any(),
    handler: async (ctx, { params, reply }) => {
      const [a] = await ctx.tx.select().from(reportAttachments).where(eq(reportAttachments.id, params.id));
      if (!a) throw notFound('attachment.not_found', '附件');
      reply.header('content-type', a.mime);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
      return reply.send(a.bytes);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/cycles',
    summary: '规划的填报周期（周期、截止规则、填报窗口、是否须签发）',
    policy: reportingPolicy.ref('cycle.read'),
    params: idParams,
    response: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          period: z.string(),
          what: z.string(),
          dueDaysAfter: z.number(),
          windowDays: z.number(),
          leaderSignoff: z.boolean(),
          unitReports: z.boolean(),
          lastPeriodKey: z.string().nullable(),
          version: z.number(),
        }),
      ),
    }),
    handler: async (ctx, { params }) => {
      const items = await ctx.tx
        .select()
        .from(reportCycles)
        .where(eq(reportCycles.planId, params.id))
        .orderBy(asc(reportCycles.createdAt));
      return { items: items.map(({ planId: _p, createdAt: _c, ...rest }) => rest) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/cycles/:id',
    summary: '修改填报周期的截止规则、填报窗口或签发要求',
    policy: reportingPolicy.ref('cycle.edit'),
    params: idParams,
    body: z.object({
      version: z.number().int().optional(),
      dueDaysAfter: z.number().int().min(0).max(90).optional(),
      windowDays: z.number().int().min(0).max(90).optional(),
      leaderSignoff: z.boolean().optional(),
    }),
    response: z.object({
      id: z.string(),
      dueDaysAfter: z.number(),
      windowDays: z.number(),
      leaderSignoff: z.boolean(),
      version: z.number(),
    }),
    handler: async (ctx, { params, body }) => {
      const c = await updateCycle(ctx, params.id, body);
      return {
        id: c.id,
        dueDaysAfter: c.dueDaysAfter,
        windowDays: c.windowDays,
        leaderSignoff: c.leaderSignoff,
        version: c.version,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/progress',
    summary: '规划进度：按提纲逐级汇总（有权重时加权），以及报告与亮灯统计',
    policy: reportingPolicy.ref('progress.read'),
    params: idParams,
    response: z.object({
      planId: z.string(),
      progress: z.number(),
      counts: z.record(z.string(), z.number()),
      nodes: z.array(
        z.object({
          id: z.string(),
          parentId: z.string().nullable(),
          path: z.string(),
          title: z.string(),
          percent: z.number().nullable(),
          tasks: z.number(),
        }),
      ),
    }),
    handler: async (ctx, { params }) => {
      const [plan] = await ctx.tx
        .select({ id: plans.id })
        .from(plans)
        .where(and(eq(plans.id, params.id), eq(plans.status, 'published')));
      if (!plan) throw notFound('plan.not_found', '已发布的规划');
      const [state] = await ctx.tx.select().from(planStates).where(eq(planStates.planId, params.id));
      const {
        planId: _p,
        progress,
        weightedPercentSum: _s,
        weightTotal: _w,
        ...counts
      } = state ?? { planId: params.id, progress: 0, weightedPercentSum: 0, weightTotal: 0 };
      return { planId: params.id, progress, counts, nodes: await planProgressNodes(ctx.tx, params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks/:id/finish',
    summary: '牵头单位申请办结（须附佐证材料）',
    policy: reportingPolicy.ref('finish.request'),
    params: idParams,
    body: z.object({
      evidence: z.string().trim().max(5000),
      attachmentIds: z.array(z.uuid()).max(50).optional(),
    }),
    resourceUnits: async (ctx, raw) => (isUuid(raw.id) ? finishingUnitsOfTask(ctx.tx, raw.id) : null),
    response: z.object({ taskId: z.string(), finish: z.string(), finishEvidence: z.string().nullable() }),
    handler: async (ctx, { params, body }) => {
      const s = await requestFinish(ctx, params.id, body);
      return { taskId: s.taskId, finish: s.finish, finishEvidence: s.finishEvidence };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks/:id/sign-off',
    summary: '统筹部门对已办结任务销号（或写明理由退回继续办理）',
    policy: reportingPolicy.ref('finish.sign_off'),
    params: idParams,
    body: z.object({ approve: z.boolean(), reason: z.string().max(2000).optional() }),
    resourceUnits: async (ctx, raw) => (isUuid(raw.id) ? unitIdsOfTask(ctx.tx, raw.id) : null),
    response: z.object({ taskId: z.string(), finish: z.string(), finishEvidence: z.string().nullable() }),
    handler: async (ctx, { params, body }) => {
      const s = await signOffTask(ctx, params.id, body);
      return { taskId: s.taskId, finish: s.finish, finishEvidence: s.finishEvidence };
    },
  }),
];
