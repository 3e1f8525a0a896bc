import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { plansPolicy } from './policy.js';
import { splitTask, updateTask } from './commands.js';
import { taskDetail } from './queries.js';
import { taskSchema, taskUnitInput } from './schemas.js';

const idParams = z.object({ id: z.uuid() });

export const taskRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/tasks/:id',
    summary: '任务详情及其责任单位',
    policy: plansPolicy.ref('task.read'),
    params: idParams,
    response: taskSchema,
    handler: async (ctx, { params }) => taskDetail(ctx.tx, ctx.actor, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/tasks/:id',
    summary: '修改草稿任务（内容、时限、权重、责任单位及角色），或关联上级任务',
    policy: plansPolicy.ref('task.edit'),
    params: idParams,
    body: z.object({
      version: z.number().int().optional(),
      text: z.string().trim().min(1).optional(),
      deadlineText: z.string().nullable().optional(),
      deadlineDate: z.iso.date().nullable().optional(),
      weight: z.number().min(0).max(1000).nullable().optional(),
      upstreamTaskId: z.uuid().nullable().optional(),
      units: z.array(taskUnitInput).optional(),
    }),
    response: taskSchema,
    handler: async (ctx, { params, body }) => {
      await updateTask(ctx, params.id, body);
      return taskDetail(ctx.tx, ctx.actor, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks/:id/split',
    summary: '把草稿任务拆分为多项',
    policy: plansPolicy.ref('task.edit'),
    params: idParams,
    body: z.object({ parts: z.array(z.string().trim().min(1)).min(2) }),
    response: z.object({ items: z.array(taskSchema) }),
    handler: async (ctx, { params, body }) => {
      const parts = await splitTask(ctx, params.id, body.parts);
      return { items: await Promise.all(parts.map((t) => taskDetail(ctx.tx, ctx.actor, t.id))) };
    },
  }),
];
