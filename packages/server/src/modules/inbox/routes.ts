import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { inboxPolicy } from './policy.js';
import { FIRST_ITEMS, INBOX_KINDS, inboxOf, inboxPage } from './queries.js';

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
  defineRoute({
    method: 'GET',
    url: '/api/inbox/items',
    summary: '我的待办中某一类的全部事项（分页，“查看全部”）',
    policy: inboxPolicy.ref('inbox.read'),
    query: z.object({
      kind: z.enum(INBOX_KINDS),
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(100).default(FIRST_ITEMS),
    }),
    trustedResponse: true,
    response: z.object({
      kind: z.string(),
      total: z.number(),
      offset: z.number(),
      limit: z.number(),
      items: z.array(itemSchema),
    }),
    handler: async (ctx, { query }) => inboxPage(ctx.tx, ctx.actor, ctx.now, query.kind, query.offset, query.limit),
  }),
];
