import { z } from 'zod';
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../http/context.js';
import { defineRoute, isUuid } from '../../http/route.js';
import { hasRole, type Actor } from '../../policy.js';
import { units } from '../directory/schema.js';
import { unitIdsOfTask } from '../plans/repository.js';
import { tasks, taskUnits } from '../plans/schema.js';
import { runSupervisionSweep } from './schedule.js';
import { taskStates, unitStates } from '../reporting/schema.js';
import {
  acceptAssignment,
  closeNotice,
  COLORS,
  decideExtension,
  issueNotice,
  LEVEL_LABELS,
  LEVELS,
  replyNotice,
  requestExtension,
  returnAssignment,
  setLightRules,
  type Level,
  type NoticeRow,
} from './commands.js';
import { loadRules, recomputeAllLights } from './lights.js';
import { supervisionPolicy } from './policy.js';
import { lightRulesSchema, type LightReason } from './rules.js';
import { extensionRequests, notices } from './schema.js';

const idParams = z.object({ id: z.uuid() });
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const unitOf = (a: Actor) => (a.kind === 'user' ? a.unitId : null);
/** Unit roles see only their unit's rows on lists. */
const scopedUnit = (
  a: Actor,
  action: keyof typeof supervisionPolicy.rules,
): { all: true } | { all: false; unitId: string } | null => {
  if (hasRole(a, supervisionPolicy.rules[action].anyUnit)) return { all: true };
  const unitId = unitOf(a);
  return unitId ? { all: false, unitId } : null;
};

const noticeSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  taskPath: z.string().nullable(),
  taskText: z.string().nullable(),
  planId: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  level: z.string(),
  levelLabel: z.string(),
  kind: z.string(),
  color: z.string().nullable(),
  number: z.string().nullable(),
  text: z.string(),
  replyBy: z.string().nullable(),
  status: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});

async function presentNotices(ctx: Ctx, list: NoticeRow[]) {
  const taskIds = [...new Set(list.map((n) => n.taskId))];
  const unitIds = [...new Set(list.map((n) => n.unitId))];
  const ts = taskIds.length
    ? await ctx.tx
        .select({ id: tasks.id, path: tasks.path, text: tasks.text })
        .from(tasks)
        .where(inArray(tasks.id, taskIds))
    : [];
  const us = unitIds.length
    ? await ctx.tx.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))
    : [];
  return list.map((n) => {
    const t = ts.find((x) => x.id === n.taskId);
    const actions = supervisionPolicy
      .allowed(ctx.actor, ['notice.reply', 'notice.close', 'notice.issue'], [n.unitId])
      .filter((a) =>
        a === 'notice.reply'
          ? n.status === 'open'
          : a === 'notice.close'
            ? n.status === 'open' || n.status === 'replied'
            : n.status !== 'escalated' && n.level !== 'circulate',
      );
    return {
      id: n.id,
      taskId: n.taskId,
      taskPath: t?.path ?? null,
      taskText: t?.text ?? null,
      planId: n.planId,
      unitId: n.unitId,
      unitName: us.find((u) => u.id === n.unitId)?.name ?? null,
      level: n.level,
      levelLabel: LEVEL_LABELS[n.level as Level] ?? n.level,
      kind: n.level,
      color: n.color,
      number: n.number,
      text: n.text,
      replyBy: n.replyBy,
      status: n.status,
      reply: n.reply,
      repliedAt: iso(n.repliedAt),
      closedAt: iso(n.closedAt),
      closeNote: n.closeNote,
      createdAt: n.createdAt.toISOString(),
      actions,
    };
  });
}

const extensionSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  unitId: z.string(),
  currentDeadline: z.string(),
  requestedDate: z.string(),
  reason: z.string(),
  status: z.string(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
const presentExtension = (actor: Actor, e: typeof extensionRequests.$inferSelect) => ({
  id: e.id,
  taskId: e.taskId,
  unitId: e.unitId,
  currentDeadline: e.currentDeadline,
  requestedDate: e.requestedDate,
  reason: e.reason,
  status: e.status,
  decisionNote: e.decisionNote,
  createdAt: e.createdAt.toISOString(),
  actions: e.status === 'pending' ? supervisionPolicy.allowed(actor, ['extension.decide'], [e.unitId]) : [],
});

const assignmentUnits = async (ctx: Ctx, raw: Record<string, string>) => {
  if (!isUuid(raw.id) || !isUuid(raw.unitId)) return null;
  const [tu] = await ctx.tx
    .select({ unitId: taskUnits.unitId })
    .from(taskUnits)
    .where(and(eq(taskUnits.taskId, raw.id), eq(taskUnits.unitId, raw.unitId)));
  return tu ? [tu.unitId] : null;
};
const noticeUnits = async (ctx: Ctx, raw: Record<string, string>) => {
  if (!isUuid(raw.id)) return null;
  const [n] = await ctx.tx.select({ unitId: notices.unitId }).from(notices).where(eq(notices.id, raw.id));
  return n ? [n.unitId] : null;
};

/** How many red tasks the scope holds (a page that starts past them pages the yellow ones). */
async function countRed(tx: Ctx['tx'], scopeWhere: SQL[]): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(taskStates)
    .innerJoin(tasks, eq(tasks.id, taskStates.taskId))
    .where(and(eq(taskStates.light, 'red'), ...scopeWhere));
  return row?.n ?? 0;
}

export const supervisionRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/supervision/lights',
    summary: '亮灯任务（红、黄灯及亮灯原因）；承办单位只看到本单位的任务',
    // Built field by field below; not parsed again in production.
    trustedResponse: true,
    policy: supervisionPolicy.ref('light.read'),
    query: z.object({
      planId: z.uuid().optional(),
      light: z.enum(['red', 'yellow', 'green']).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
      /** Paging: skip this many (in the list's order: red, then yellow, then green; by path). */
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({
      tasks: z.array(
        z.object({
          id: z.string(),
          taskId: z.string(),
          planId: z.string(),
          path: z.string(),
          text: z.string(),
          light: z.string(),
          lightReasons: z.array(z.string()),
          reasons: z.array(z.object({ code: z.string(), level: z.string(), message: z.string() })),
          percent: z.number().nullable(),
          deadline: z.string().nullable(),
          actions: z.array(z.string()),
        }),
      ),
    }),
    handler: async (ctx, { query }) => {
      const scope = scopedUnit(ctx.actor, 'light.read');
      if (scope === null) return { tasks: [] };
      const scopeWhere: SQL[] = [];
      // On both tables: the plan's tasks are then read by index, not the whole table hash-joined.
      if (query.planId) scopeWhere.push(eq(taskStates.planId, query.planId), eq(tasks.planId, query.planId));
      if (!scope.all)
        scopeWhere.push(
          sql`exists (select 1 from task_units tu where tu.task_id = ${taskStates.taskId} and tu.unit_id = ${scope.unitId} and tu.assignment <> 'returned')`,
        );
      // One colour at a time, in path order (index `tasks (path, id)`): a page stops after its rows
      // however many tasks are lit — the colours' sort over every lit task of the country took
      // 0.4 s at national size (bench/FINDINGS.md "Session 3 — reads"). Only the columns shown,
      // the actions once for all rows (#13).
      const colour = (light: string, offset: number, limit: number) =>
        ctx.tx
          .select({
            taskId: tasks.id,
            planId: tasks.planId,
            path: tasks.path,
            text: tasks.text,
            deadlineDate: tasks.deadlineDate,
            light: taskStates.light,
            reasons: taskStates.lightReasons,
            percent: taskStates.percent,
            extendedDeadline: taskStates.extendedDeadline,
          })
          .from(taskStates)
          .innerJoin(tasks, eq(tasks.id, taskStates.taskId))
          .where(and(eq(taskStates.light, light), ...scopeWhere))
          .orderBy(asc(tasks.path), asc(tasks.id))
          .limit(limit)
          .offset(offset);
      let found: Awaited<ReturnType<typeof colour>> = [];
      if (query.light) found = await colour(query.light, query.offset, query.limit);
      else {
        // Red first, then yellow: the yellow page starts where the red ones end.
        const red = await colour('red', query.offset, query.limit);
        found = red;
        if (red.length < query.limit) {
          const redBefore =
            red.length > 0 || query.offset === 0
              ? query.offset + red.length
              : await countRed(ctx.tx, scopeWhere);
          found = [
            ...red,
            ...(await colour(
              'yellow',
              Math.max(0, query.offset + red.length - redBefore),
              query.limit - red.length,
            )),
          ];
        }
      }
      const actions = supervisionPolicy.allowed(ctx.actor, ['notice.issue'], []);
      return {
        tasks: found.map((t) => {
          const reasons = t.reasons as LightReason[];
          return {
            id: t.taskId,
            taskId: t.taskId,
            planId: t.planId,
            path: t.path,
            text: t.text,
            light: t.light,
            lightReasons: reasons.map((r) => r.message),
            reasons,
            percent: t.percent,
            deadline: t.extendedDeadline ?? t.deadlineDate,
            actions,
          };
        }),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervision/units',
    summary: '单位亮灯（按单位的红黄灯任务数及原因）',
    policy: supervisionPolicy.ref('light.read'),
    response: z.object({
      items: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          light: z.string(),
          lightReasons: z.array(z.string()),
          redTasks: z.number(),
          yellowTasks: z.number(),
          openNotices: z.number(),
        }),
      ),
    }),
    handler: async (ctx) => {
      const scope = scopedUnit(ctx.actor, 'light.read');
      if (scope === null) return { items: [] };
      const found = await ctx.tx
        .select({ s: unitStates, name: units.name })
        .from(unitStates)
        .innerJoin(units, eq(units.id, unitStates.unitId))
        .where(scope.all ? ne(unitStates.light, 'green') : eq(unitStates.unitId, scope.unitId))
        .orderBy(desc(unitStates.redTasks), desc(unitStates.yellowTasks))
        .limit(500);
      return {
        items: found.map(({ s, name }) => ({
          unitId: s.unitId,
          unitName: name,
          light: s.light,
          lightReasons: (s.lightReasons as LightReason[]).map((r) => r.message),
          redTasks: s.redTasks,
          yellowTasks: s.yellowTasks,
          openNotices: s.openNotices,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervision/on-time',
    summary: '各单位按时报送率（按时、逾期报送次数）',
    policy: supervisionPolicy.ref('on_time.read'),
    response: z.object({
      items: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          onTime: z.number(),
          late: z.number(),
          open: z.number(),
          rate: z.number().nullable(),
        }),
      ),
    }),
    handler: async (ctx) => {
      const found = await ctx.tx
        .select({ s: unitStates, name: units.name })
        .from(unitStates)
        .innerJoin(units, eq(units.id, unitStates.unitId))
        .where(sql`${unitStates.onTimeReports} + ${unitStates.lateReports} + ${unitStates.openReports} > 0`)
        .orderBy(asc(units.name))
        .limit(2000);
      return {
        items: found.map(({ s, name }) => ({
          unitId: s.unitId,
          unitName: name,
          onTime: s.onTimeReports,
          late: s.lateReports,
          open: s.openReports,
          rate:
            s.onTimeReports + s.lateReports
              ? Math.round((s.onTimeReports / (s.onTimeReports + s.lateReports)) * 1000) / 10
              : null,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervision/rules',
    summary: '亮灯规则（全局，或某规划的规则）',
    policy: supervisionPolicy.ref('light.read'),
    query: z.object({ planId: z.uuid().optional() }),
    response: lightRulesSchema,
    handler: async (ctx, { query }) => loadRules(ctx.tx, query.planId ?? null),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/supervision/rules',
    summary: '设置亮灯规则（全局或某规划），并重新亮灯',
    policy: supervisionPolicy.ref('light.rules'),
    body: lightRulesSchema.partial().extend({ planId: z.uuid().optional() }),
    response: lightRulesSchema,
    handler: async (ctx, { body }) => {
      const { planId, ...rules } = body;
      const merged = await setLightRules(ctx, planId ?? 'global', rules);
      await recomputeAllLights(ctx, planId);
      return merged;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/supervision/recompute',
    summary: '开启到期的填报期并重新计算亮灯（也可定时运行）',
    policy: supervisionPolicy.ref('light.recompute'),
    body: z.object({ planId: z.uuid().optional() }),
    response: z.object({ openedSlots: z.number(), tasks: z.number(), changed: z.number() }),
    handler: async (ctx, { body }) => runSupervisionSweep(ctx, body.planId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervision/notices',
    summary: '督办事项（提醒、催办、督办单、通报）；承办单位只看到本单位的',
    policy: supervisionPolicy.ref('notice.read'),
    query: z.object({
      status: z.string().optional(),
      taskId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
    }),
    response: z.object({ notices: z.array(noticeSchema) }),
    handler: async (ctx, { query }) => {
      const scope = scopedUnit(ctx.actor, 'notice.read');
      if (scope === null) return { notices: [] };
      const where: SQL[] = [];
      if (!scope.all) where.push(eq(notices.unitId, scope.unitId));
      if (query.status) where.push(inArray(notices.status, query.status.split(',')));
      if (query.taskId) where.push(eq(notices.taskId, query.taskId));
      const list = await ctx.tx
        .select()
        .from(notices)
        .where(and(...where))
        .orderBy(desc(notices.createdAt))
        .limit(query.limit);
      return { notices: await presentNotices(ctx, list) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/supervision/notices',
    summary: '督办升级：提醒 → 催办 → 督办单（编号、蓝黄红、回复期限）→ 通报',
    policy: supervisionPolicy.ref('notice.issue'),
    status: 201,
    body: z.object({
      taskId: z.uuid(),
      unitId: z.uuid().optional(),
      level: z.enum(LEVELS).default('remind'),
      text: z.string().trim().min(1, '请写明督办内容。').max(5000),
      color: z.enum(COLORS).optional(),
      replyBy: z.iso.date().optional(),
    }),
    response: noticeSchema,
    handler: async (ctx, { body }) => {
      // Without a unit, the notice goes to the task's consolidating (lead) unit.
      let unitId = body.unitId;
      if (!unitId) {
        const [lead] = await ctx.tx
          .select({ unitId: taskUnits.unitId })
          .from(taskUnits)
          .where(and(eq(taskUnits.taskId, body.taskId), ne(taskUnits.assignment, 'returned')))
          .orderBy(
            sql`case ${taskUnits.role} when 'lead' then 0 when 'responsible' then 1 else 2 end`,
            asc(taskUnits.ord),
          )
          .limit(1);
        unitId = lead?.unitId ?? '00000000-0000-4000-8000-000000000000';
      }
      const n = await issueNotice(ctx, { ...body, unitId });
      return (await presentNotices(ctx, [n]))[0]!;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/supervision/notices/:id/reply',
    summary: '承办单位回复督办事项',
    policy: supervisionPolicy.ref('notice.reply'),
    params: idParams,
    body: z.object({ text: z.string().trim().min(1, '请写明办理情况。').max(10000) }),
    resourceUnits: noticeUnits,
    idempotent: true,
    response: noticeSchema,
    handler: async (ctx, { params, body }) =>
      (await presentNotices(ctx, [await replyNotice(ctx, params.id, body)]))[0]!,
  }),
  defineRoute({
    method: 'POST',
    url: '/api/supervision/notices/:id/close',
    summary: '统筹部门办结督办事项',
    policy: supervisionPolicy.ref('notice.close'),
    params: idParams,
    body: z.object({ note: z.string().max(2000).optional() }),
    resourceUnits: noticeUnits,
    response: noticeSchema,
    handler: async (ctx, { params, body }) =>
      (await presentNotices(ctx, [await closeNotice(ctx, params.id, body)]))[0]!,
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervision/extensions',
    summary: '延期申请列表（承办单位只看到本单位的）',
    policy: supervisionPolicy.ref('extension.read'),
    query: z.object({
      status: z.enum(['pending', 'approved', 'refused']).optional(),
      taskId: z.uuid().optional(),
    }),
    response: z.object({ items: z.array(extensionSchema) }),
    handler: async (ctx, { query }) => {
      const scope = scopedUnit(ctx.actor, 'extension.read');
      if (scope === null) return { items: [] };
      const where: SQL[] = [];
      if (!scope.all) where.push(eq(extensionRequests.unitId, scope.unitId));
      if (query.status) where.push(eq(extensionRequests.status, query.status));
      if (query.taskId) where.push(eq(extensionRequests.taskId, query.taskId));
      const list = await ctx.tx
        .select()
        .from(extensionRequests)
        .where(and(...where))
        .orderBy(desc(extensionRequests.createdAt))
        .limit(500);
      return { items: list.map((e) => presentExtension(ctx.actor, e)) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks/:id/extensions',
    summary: '申请延期（须在完成时限之前）',
    policy: supervisionPolicy.ref('extension.request'),
    params: idParams,
    body: z.object({
      requestedDate: z.iso.date(),
      reason: z.string().trim().min(1, '请写明延期理由。').max(5000),
    }),
    resourceUnits: async (ctx, raw) => (isUuid(raw.id) ? unitIdsOfTask(ctx.tx, raw.id) : null),
    status: 201,
    idempotent: true,
    response: extensionSchema,
    handler: async (ctx, { params, body }) => {
      const e = await requestExtension(ctx, { taskId: params.id, unitId: unitOf(ctx.actor) ?? '', ...body });
      return presentExtension(ctx.actor, e);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/supervision/extensions/:id/decide',
    summary: '审批延期申请（同意则完成时限顺延）',
    policy: supervisionPolicy.ref('extension.decide'),
    params: idParams,
    body: z.object({ approve: z.boolean(), note: z.string().max(2000).optional() }),
    response: extensionSchema,
    handler: async (ctx, { params, body }) =>
      presentExtension(ctx.actor, await decideExtension(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks/:id/assignments/:unitId/accept',
    summary: '签收交办的任务',
    policy: supervisionPolicy.ref('assignment.accept'),
    params: z.object({ id: z.uuid(), unitId: z.uuid() }),
    resourceUnits: assignmentUnits,
    response: z.object({ taskId: z.string(), unitId: z.string(), assignment: z.string() }),
    handler: async (ctx, { params }) => acceptAssignment(ctx, params.id, params.unitId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks/:id/assignments/:unitId/return',
    summary: '退回交办错误的任务（须在规定工作日内，写明理由）',
    policy: supervisionPolicy.ref('assignment.return'),
    params: z.object({ id: z.uuid(), unitId: z.uuid() }),
    body: z.object({
      reason: z
        .string()
        .trim()
        .min(1, '请写明退回理由（例如：不属于本单位职责，建议交由某单位办理）。')
        .max(2000),
    }),
    resourceUnits: assignmentUnits,
    response: z.object({ taskId: z.string(), unitId: z.string(), assignment: z.string() }),
    handler: async (ctx, { params, body }) => returnAssignment(ctx, params.id, params.unitId, body),
  }),
];
