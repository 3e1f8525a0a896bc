import { z } from 'zod';
import { and, desc, eq, isNotNull, lt, type SQL } from 'drizzle-orm';
import { defineRoute } from '../../http/route.js';
import { hasRole } from '../../policy.js';
import { auditPolicy } from './policy.js';
import { auditEvents } from './schema.js';
import { presentAuditEvent } from './present.js';
import { verifyAuditChain } from './verify.js';

const eventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.object({
    userId: z.string().nullable(),
    name: z.string().nullable(),
    unitId: z.string().nullable(),
  }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  unitId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/audit',
    summary: '审计记录（按实体筛选，新的在前）',
    policy: auditPolicy.ref('audit.read'),
    query: z.object({
      entity: z.string().optional().describe('实体，格式 类型:编号，如 plan:1b2c…'),
      entityType: z.string().optional(),
      entityId: z.string().optional(),
      before: z.coerce.number().int().optional().describe('只看此序号之前的事件（翻页）'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(eventSchema), nextBefore: z.number().nullable() }),
    handler: async (ctx, { query }) => {
      // Sealed events only: a write's events are sealed before it is answered (docs/adr/0006).
      const where: SQL[] = [isNotNull(auditEvents.seq)];
      let type = query.entityType;
      let id = query.entityId;
      if (query.entity) {
        const i = query.entity.indexOf(':');
        type = i > 0 ? query.entity.slice(0, i) : query.entity;
        id = i > 0 ? query.entity.slice(i + 1) : undefined;
      }
      if (type) where.push(eq(auditEvents.entityType, type));
      if (id) where.push(eq(auditEvents.entityId, id));
      if (query.before) where.push(lt(auditEvents.seq, query.before));
      // Units see only events about their own unit's things.
      if (ctx.actor.kind === 'user' && !hasRole(ctx.actor, auditPolicy.rules['audit.read'].anyUnit)) {
        if (!ctx.actor.unitId) return { items: [], nextBefore: null };
        where.push(eq(auditEvents.unitId, ctx.actor.unitId));
      }
      const rows = await ctx.tx
        .select()
        .from(auditEvents)
        .where(and(...where))
        .orderBy(desc(auditEvents.seq))
        .limit(query.limit);
      return {
        items: rows.map(presentAuditEvent),
        nextBefore: rows.length === query.limit ? (rows[rows.length - 1]?.seq ?? null) : null,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/audit/verify',
    summary: '校验审计链是否完整、未被篡改',
    policy: auditPolicy.ref('audit.verify'),
    response: z.object({
      ok: z.boolean(),
      events: z.number(),
      problems: z.array(z.object({ seq: z.number(), problem: z.string(), message: z.string() })),
    }),
    handler: async (ctx) => verifyAuditChain(ctx.tx),
  }),
];
