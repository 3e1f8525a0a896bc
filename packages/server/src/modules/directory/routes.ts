import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { notFound } from '../../errors.js';
import { directoryPolicy } from './policy.js';
import { addName, confirmUnit, createUnit, mapProposedUnit } from './commands.js';
import { findUnit, membersOf, namesOf, searchUnits } from './repository.js';
import { presentUnit, presentUnitDetail } from './present.js';
import { resolveUnitNames } from './resolve.js';
import type { Actor } from '../../policy.js';

const LEVELS = ['national', 'province', 'prefecture', 'county', 'other'] as const;
const KINDS = [
  'government',
  'department',
  'party',
  'zone',
  'enterprise',
  'central',
  'people',
  'group',
  'other',
] as const;

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  kind: z.string(),
  region: z.string().nullable(),
  parentId: z.string().nullable(),
  status: z.enum(['active', 'proposed']),
  isGroup: z.boolean(),
  proposedInId: z.string().nullable(),
  proposedByPlanId: z.string().nullable(),
  actions: z.array(z.string()),
});
const unitDetailSchema = unitSchema.extend({
  parentName: z.string().nullable(),
  names: z.array(z.object({ name: z.string(), kind: z.string(), scopeUnitId: z.string().nullable() })),
  members: z.array(unitSchema),
});
const idParams = z.object({ id: z.uuid() });

async function detail(tx: Parameters<typeof findUnit>[0], id: string, actor: Actor) {
  const u = await findUnit(tx, id);
  if (!u) throw notFound('unit.not_found', '单位');
  const parent = u.parentId ? await findUnit(tx, u.parentId) : undefined;
  return presentUnitDetail(
    u,
    await namesOf(tx, [id]),
    u.isGroup ? await membersOf(tx, id) : [],
    parent?.name ?? null,
    actor,
  );
}

export const directoryRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/units',
    summary:
      '单位目录：按名称（含简称、别名）搜索；status=proposed 为待确认单位；parentId 浏览下级（root 为顶层）',
    policy: directoryPolicy.ref('unit.read'),
    query: z.object({
      q: z.string().trim().max(100).optional(),
      status: z.enum(['active', 'proposed']).optional(),
      parentId: z.union([z.uuid(), z.literal('root')]).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.object({ items: z.array(unitSchema) }),
    handler: async (ctx, { query }) => ({
      items: (
        await searchUnits(
          ctx.tx,
          query.q,
          query.status,
          query.limit,
          query.parentId === 'root' ? null : query.parentId,
        )
      ).map((u) => presentUnit(u, ctx.actor)),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/units/:id',
    summary: '单位详情（名称、简称、成员）',
    policy: directoryPolicy.ref('unit.read'),
    params: idParams,
    response: unitDetailSchema,
    handler: async (ctx, { params }) => detail(ctx.tx, params.id, ctx.actor),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/units',
    summary: '新建单位',
    policy: directoryPolicy.ref('unit.create'),
    status: 201,
    body: z.object({
      name: z.string().trim().min(2).max(100),
      level: z.enum(LEVELS),
      kind: z.enum(KINDS),
      region: z.string().nullable().default(null),
      parentId: z.uuid().nullable().default(null),
      shortNames: z.array(z.string().trim().min(1)).default([]),
      aliases: z.array(z.string().trim().min(1)).default([]),
      memberIds: z.array(z.uuid()).default([]),
    }),
    response: unitDetailSchema,
    handler: async (ctx, { body }) => detail(ctx.tx, (await createUnit(ctx, body)).id, ctx.actor),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/units/resolve',
    summary: '按发文单位的语境解析文件中印出的单位名称',
    policy: directoryPolicy.ref('unit.read'),
    body: z.object({
      names: z.array(z.string().min(1)).min(1).max(500),
      contextUnitId: z.uuid().nullable().default(null),
    }),
    response: z.object({
      items: z.array(
        z.object({
          printed: z.string(),
          status: z.enum(['resolved', 'ambiguous', 'unknown']),
          unitId: z.string().nullable(),
          unitName: z.string().nullable(),
          candidates: z.array(z.string()),
        }),
      ),
    }),
    handler: async (ctx, { body }) => {
      const res = await resolveUnitNames(ctx.tx, body.names, body.contextUnitId);
      const items = [];
      for (const name of body.names) {
        const r = res.get(name)!;
        items.push({ ...r, unitName: r.unitId ? ((await findUnit(ctx.tx, r.unitId))?.name ?? null) : null });
      }
      return { items };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/units/:id/confirm',
    summary: '确认待确认单位为正式单位（可改全称、上级）',
    policy: directoryPolicy.ref('unit.confirm'),
    params: idParams,
    body: z.object({
      name: z.string().trim().min(2).max(100).optional(),
      parentId: z.uuid().nullable().optional(),
      kind: z.enum(KINDS).optional(),
      level: z.enum(LEVELS).optional(),
    }),
    response: unitDetailSchema,
    handler: async (ctx, { params, body }) =>
      detail(ctx.tx, (await confirmUnit(ctx, params.id, body)).id, ctx.actor),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/units/:id/map',
    summary: '把待确认单位对应到目录中已有的单位',
    policy: directoryPolicy.ref('unit.map'),
    params: idParams,
    body: z.object({ targetUnitId: z.uuid() }),
    response: unitDetailSchema,
    handler: async (ctx, { params, body }) =>
      detail(ctx.tx, (await mapProposedUnit(ctx, params.id, body.targetUnitId)).id, ctx.actor),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/units/:id/names',
    summary: '为单位添加简称或别名（scopeUnitId：只在该单位的文件中有效）',
    policy: directoryPolicy.ref('unit.update'),
    params: idParams,
    body: z.object({
      name: z.string().trim().min(2).max(100),
      scopeUnitId: z.uuid().nullable().default(null),
    }),
    response: unitDetailSchema,
    handler: async (ctx, { params, body }) => {
      await addName(ctx, params.id, body);
      return detail(ctx.tx, params.id, ctx.actor);
    },
  }),
];
