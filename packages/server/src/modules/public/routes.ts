import { z } from 'zod';
import { LIMITS } from '@xietong/shared';
import type { Ctx } from '../../http/context.js';
import { defineRoute } from '../../http/route.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../office/index.js';
import { publicPolicy } from './policy.js';
import { publishedPlan1, publishedPlans, publishedTasks } from './queries.js';
import {
  CSV_HEADER,
  csvField,
  presentPublicPlan,
  presentPublicTask,
  publicPlanSchema,
  publicTaskSchema,
  tasksCsvLines,
  type PublicTask,
} from './present.js';

const idParams = z.object({ id: z.uuid() });
const page = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Downloads read the tasks in pages of this size. */
const DOWNLOAD_PAGE = 1000;

async function planOrNotFound(ctx: Ctx, id: string) {
  const plan = await publishedPlan1(ctx.tx, id);
  if (!plan) throw notFound('plan.not_found', '已发布的规划');
  return presentPublicPlan(plan);
}

/** Every visible task of a published plan, read page by page. */
async function allTasks(ctx: Ctx, planId: string): Promise<PublicTask[]> {
  const out: PublicTask[] = [];
  for (let offset = 0; ; offset += DOWNLOAD_PAGE) {
    const { rows } = await publishedTasks(ctx.tx, planId, { limit: DOWNLOAD_PAGE, offset });
    out.push(...rows.map(presentPublicTask));
    if (rows.length < DOWNLOAD_PAGE) return out;
  }
}

const fileStem = (plan: { title: string }) => `${plan.title.slice(0, 60)}-任务进展`;

export const publicRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/public/plans',
    summary: '公开：已发布的规划及其总体进度（无需登录）',
    tags: ['public'],
    policy: publicPolicy.ref('public.read'),
    query: page,
    response: z.object({ items: z.array(publicPlanSchema), total: z.number() }),
    handler: async (ctx, { query }) => {
      const { rows, total } = await publishedPlans(ctx.tx, query);
      return { items: rows.map(presentPublicPlan), total };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/plans/:id',
    summary: '公开：一个已发布规划的文号、发文机关、任务数和总体进度（无需登录）',
    tags: ['public'],
    policy: publicPolicy.ref('public.read'),
    params: idParams,
    response: publicPlanSchema,
    handler: async (ctx, { params }) => planOrNotFound(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/plans/:id/tasks',
    summary: '公开：已发布规划的任务及其进度、办理情况和亮灯，分页（无需登录）',
    tags: ['public'],
    policy: publicPolicy.ref('public.read'),
    params: idParams,
    query: page,
    response: z.object({
      items: z.array(publicTaskSchema),
      total: z.number(),
      limit: z.number(),
      offset: z.number(),
    }),
    handler: async (ctx, { params, query }) => {
      await planOrNotFound(ctx, params.id);
      const { rows, total } = await publishedTasks(ctx.tx, params.id, query);
      return { items: rows.map(presentPublicTask), total, limit: query.limit, offset: query.offset };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/plans/:id/tasks.csv',
    summary: '开放数据：已发布规划的任务进展（CSV，UTF-8 带 BOM，Excel 可直接打开）',
    tags: ['public'],
    policy: publicPolicy.ref('public.read'),
    params: idParams,
    response: z.string(),
    handler: async (ctx, { params, reply }) => {
      const plan = await planOrNotFound(ctx, params.id);
      const csv =
        '\uFEFF' + CSV_HEADER.map(csvField).join(',') + '\r\n' + tasksCsvLines(await allTasks(ctx, plan.id));
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${fileStem(plan)}.csv`));
      return csv;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/plans/:id/tasks.json',
    summary: '开放数据：已发布规划及其任务进展（JSON）',
    tags: ['public'],
    policy: publicPolicy.ref('public.read'),
    params: idParams,
    response: z.object({ plan: publicPlanSchema, generatedAt: z.string(), tasks: z.array(publicTaskSchema) }),
    handler: async (ctx, { params, reply }) => {
      const plan = await planOrNotFound(ctx, params.id);
      reply.header('content-disposition', contentDisposition(`${fileStem(plan)}.json`));
      return { plan, generatedAt: ctx.now.toISOString(), tasks: await allTasks(ctx, plan.id) };
    },
  }),
];
