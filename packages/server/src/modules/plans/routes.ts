import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { LIMITS } from '@xietong/shared';
import { defineRoute } from '../../http/route.js';
import { notFound } from '../../errors.js';
import { plansPolicy } from './policy.js';
import { planFiles } from './schema.js';
import { addTask, deleteDraft, mergeTasks, publishPlan, publishProblems, updatePlan } from './commands.js';
import { listPlans } from './repository.js';
import { presentPlanSummary } from './present.js';
import { planDetail, planOverview, planTasksPage, taskDetail, visiblePlan } from './queries.js';
import type { Actor } from '../../policy.js';
import { supervisionPolicy } from '../supervision/policy.js';
import { reportingPolicy } from '../reporting/policy.js';
import {
  planOverviewSchema,
  planTasksPageSchema,
  planDetailSchema,
  planSummarySchema,
  publishProblemSchema,
  taskSchema,
  taskUnitInput,
} from './schemas.js';

const KINDS = ['plan', 'implementation', 'division', 'work', 'other'] as const;
const idParams = z.object({ id: z.uuid() });

/**
 * Whether the caller sees progress and lights on the plan page (what `/api/plans/:id/progress` and
 * `/api/supervision/lights` already show them; units see every task's light, as the public does).
 */
const stateShown = (actor: Actor) => ({
  progress: reportingPolicy.can(actor, 'progress.read'),
  lights: supervisionPolicy.can(actor, 'light.read') || supervisionPolicy.can(actor, 'light.read', actor.kind === 'user' && actor.unitId ? [actor.unitId] : []),
});

/** Reading, editing and publishing plans. */
export const planRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/plans',
    summary: '规划列表（公众只看到已发布的规划）',
    policy: plansPolicy.ref('plan.read'),
    query: z.object({
      status: z.enum(['draft', 'published', 'archived']).optional(),
      limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(planSummarySchema) }),
    handler: async (ctx, { query }) => {
      const drafts = plansPolicy.can(ctx.actor, 'plan.read_drafts');
      const statuses = query.status
        ? [query.status]
        : drafts
          ? ['draft', 'published', 'archived']
          : ['published'];
      const visible = statuses.filter((s) => s !== 'draft' || drafts);
      const rows = visible.length
        ? await listPlans(ctx.tx, { statuses: visible, limit: query.limit, offset: query.offset })
        : [];
      return { items: rows.map((p) => presentPlanSummary(p, ctx.actor)) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id',
    summary: '规划详情：提纲、任务及责任单位、指标、项目、阶段、报送频次、解析提示',
    // Built field by field by its presenter; not parsed again in production (1 MB for 1,000 tasks).
    trustedResponse: true,
    policy: plansPolicy.ref('plan.read'),
    params: idParams,
    response: planDetailSchema,
    handler: async (ctx, { params }) => planDetail(ctx.tx, ctx.actor, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/overview',
    summary: '规划概览：规划信息、提纲各节点的任务数、进度和红黄灯数、项目、阶段（不含任务清单，任务按节点分页读取）',
    trustedResponse: true,
    policy: plansPolicy.ref('plan.read'),
    params: idParams,
    response: planOverviewSchema,
    handler: async (ctx, { params }) => planOverview(ctx.tx, ctx.actor, params.id, stateShown(ctx.actor)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/tasks',
    summary: '规划任务分页：可按提纲节点（含下级）、亮灯、单位及角色、状态、关键词筛选，按文中顺序',
    trustedResponse: true,
    policy: plansPolicy.ref('plan.read'),
    params: idParams,
    query: z.object({
      nodeId: z.uuid().optional(),
      light: z.enum(['red', 'yellow', 'green']).optional(),
      unitId: z.uuid().optional(),
      role: z.enum(['lead', 'responsible', 'cooperating']).optional(),
      status: z.enum(['draft', 'assigned', 'finished', 'signed_off', 'cancelled']).optional(),
      q: z.string().trim().min(1).max(200).optional(),
      limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: planTasksPageSchema,
    handler: async (ctx, { params, query }) =>
      planTasksPage(ctx.tx, ctx.actor, params.id, query, stateShown(ctx.actor)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/plans/:id',
    summary: '修改草稿规划（标题、类型、发文单位），或关联所落实的上级规划',
    policy: plansPolicy.ref('plan.edit'),
    params: idParams,
    body: z.object({
      version: z.number().int().optional(),
      title: z.string().trim().min(1).max(300).optional(),
      kind: z.enum(KINDS).optional(),
      year: z.number().int().min(1949).max(2100).nullable().optional(),
      issuerUnitId: z.uuid().nullable().optional(),
      upstreamPlanId: z.uuid().nullable().optional(),
    }),
    response: planDetailSchema,
    handler: async (ctx, { params, body }) => {
      await updatePlan(ctx, params.id, body);
      return planDetail(ctx.tx, ctx.actor, params.id);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/plans/:id',
    summary: '删除草稿规划',
    policy: plansPolicy.ref('plan.delete'),
    params: idParams,
    response: z.object({ deleted: z.literal(true) }),
    handler: async (ctx, { params }) => {
      await deleteDraft(ctx, params.id);
      return { deleted: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/file',
    summary: '下载导入时的原始文件',
    policy: plansPolicy.ref('plan.file'),
    params: idParams,
    response: z.any(),
    handler: async (ctx, { params, reply }) => {
      const plan = await visiblePlan(ctx.tx, ctx.actor, params.id);
      if (!plan.sourceFileId) throw notFound('plan.not_found', '原始文件');
      const [file] = await ctx.tx.select().from(planFiles).where(eq(planFiles.id, plan.sourceFileId));
      if (!file) throw notFound('plan.not_found', '原始文件');
      reply.header('content-type', file.mime);
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      );
      return reply.send(file.bytes);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/text',
    summary: '解析后的规范化全文：任务、提纲和提示中的 span 偏移都指向它',
    policy: plansPolicy.ref('plan.read'),
    params: idParams,
    response: z.object({ text: z.string() }),
    handler: async (ctx, { params }) => ({ text: (await visiblePlan(ctx.tx, ctx.actor, params.id)).text }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/publish-check',
    summary: '发布前检查：没有责任单位的任务、未确认的单位',
    policy: plansPolicy.ref('plan.publish'),
    params: idParams,
    response: z.object({ ready: z.boolean(), problems: z.array(publishProblemSchema) }),
    handler: async (ctx, { params }) => {
      await visiblePlan(ctx.tx, ctx.actor, params.id);
      const problems = await publishProblems(ctx, params.id);
      return { ready: problems.length === 0, problems };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/publish',
    summary: '发布规划：把每项任务交办给责任单位，并开启报送周期',
    policy: plansPolicy.ref('plan.publish'),
    params: idParams,
    body: z.object({ version: z.number().int().optional() }),
    response: planDetailSchema,
    handler: async (ctx, { params, body }) => {
      await publishPlan(ctx, params.id, body.version);
      return planDetail(ctx.tx, ctx.actor, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/tasks',
    summary: '在草稿中新增任务（解析遗漏时）',
    policy: plansPolicy.ref('task.edit'),
    params: idParams,
    status: 201,
    body: z.object({
      text: z.string().trim().min(1),
      path: z.string().trim().default(''),
      deadlineDate: z.iso.date().nullable().optional(),
      units: z.array(taskUnitInput).default([]),
    }),
    response: taskSchema,
    handler: async (ctx, { params, body }) =>
      taskDetail(ctx.tx, ctx.actor, (await addTask(ctx, params.id, body)).id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/tasks/merge',
    summary: '合并草稿中的多项任务',
    policy: plansPolicy.ref('task.edit'),
    params: idParams,
    body: z.object({ taskIds: z.array(z.uuid()).min(2) }),
    response: taskSchema,
    handler: async (ctx, { params, body }) =>
      taskDetail(ctx.tx, ctx.actor, (await mergeTasks(ctx, params.id, body.taskIds)).id),
  }),
];
