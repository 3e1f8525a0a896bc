import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { inboxPolicy } from './policy.js';
import { inboxOf } from './queries.js';

const itemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  due: z.string().nullable(),
  href: z.string(),
  taskId: z.string().nullable(),
  reportId: z.string().nullable(),
  status: z.string().nullable(),
});

export const inboxRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/inbox',
    summary:
      '我的待办：本单位待填报、已逾期、待签发的报告，待回复的督办，新交办与红灯任务；统筹人员另有待审核报告和延期申请',
    policy: inboxPolicy.ref('inbox.read'),
    // Built field by field by inboxOf; not parsed again in production.
    trustedResponse: true,
    response: z.object({
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      today: z.string(),
      counts: z.record(z.string(), z.number()),
      items: z.array(itemSchema),
      tasks: z.array(
        z.object({
          taskId: z.string(),
          path: z.string(),
          text: z.string(),
          role: z.string(),
          assignment: z.string(),
          deadline: z.string().nullable(),
          light: z.string(),
          percent: z.number().nullable(),
          finish: z.string(),
        }),
      ),
    }),
    handler: async (ctx) => inboxOf(ctx.tx, ctx.actor, ctx.now),
  }),
];
