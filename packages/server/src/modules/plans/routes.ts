import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { MultipartFile } from '@fastify/multipart';
import type { ParsedPlan } from '@xietong/parser';
import { LIMITS } from '@xietong/shared';
import { defineRoute } from '../../http/route.js';
import { DomainError, notFound } from '../../errors.js';
import { plansPolicy } from './policy.js';
import { planFiles } from './schema.js';
import { importPlan, parseSource, type ImportSource } from './import.js';
import { addTask, deleteDraft, mergeTasks, publishPlan, publishProblems, updatePlan } from './commands.js';
import { applyRevision, findRevisedPlan, revisionDiff } from './revision.js';
import { listPlans } from './repository.js';
import { presentPlanSummary } from './present.js';
import { planDetail, taskDetail, visiblePlan } from './queries.js';
import { planDetailSchema, planSummarySchema, publishProblemSchema, revisionSchema, taskSchema, taskUnitInput } from './schemas.js';

const KINDS = ['plan', 'implementation', 'division', 'work', 'other'] as const;
const idParams = z.object({ id: z.uuid() });

const importOptions = z.object({
  kind: z.enum(KINDS).optional(),
  issuerUnitId: z.uuid().optional(),
  upstreamPlanId: z.uuid().optional(),
  revisesPlanId: z.uuid().optional(),
});
const importJson = importOptions.extend({
  filename: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(LIMITS.importTextChars).optional(),
  /** The parser's JSON output (e.g. from `xietong parse --json`), instead of text. */
  parsed: z.record(z.string(), z.unknown()).optional(),
});

const MIME_BY_EXT: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  json: 'application/json',
};
const mimeOf = (filename: string) => MIME_BY_EXT[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

function fieldValue(file: MultipartFile, name: string): string | undefined {
  const f = file.fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  return one && 'value' in one && typeof one.value === 'string' ? one.value : undefined;
}

export const planRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/plans/import',
    summary: '导入规划文件为草稿（multipart 字段 file，或 JSON {filename, text} / {filename, parsed}）；修订已发布规划时附带变化对比',
    policy: plansPolicy.ref('plan.import'),
    multipart: true,
    status: 201,
    body: importJson,
    response: planDetailSchema.extend({ revision: revisionSchema }),
    handler: async (ctx, { body, req }) => {
      let source: ImportSource;
      let options: z.infer<typeof importOptions>;
      let parsed: ParsedPlan;
      if (req.isMultipart()) {
        const file = await req.file();
        if (!file) throw new DomainError('validation.failed', '没有收到文件。请在表单字段 file 中上传规划文件。');
        const bytes = await file.toBuffer();
        source = { filename: file.filename || 'upload', mime: file.mimetype || mimeOf(file.filename), bytes };
        const o = importOptions.safeParse({
          kind: fieldValue(file, 'kind'),
          issuerUnitId: fieldValue(file, 'issuerUnitId'),
          upstreamPlanId: fieldValue(file, 'upstreamPlanId'),
          revisesPlanId: fieldValue(file, 'revisesPlanId'),
        });
        if (!o.success) throw new DomainError('validation.failed', '导入选项有误（规划类型或关联的编号），请检查后重新提交。');
        options = o.data;
        parsed = await parseSource(source);
      } else {
        const b = body;
        options = b;
        if (b.parsed) {
          parsed = b.parsed as unknown as ParsedPlan;
          if (!Array.isArray(parsed.tasks) || !parsed.outline) throw new DomainError('validation.failed', 'parsed 不是解析器输出的 JSON，请用 xietong parse --json 生成。');
          source = { filename: b.filename, mime: 'application/json', bytes: Buffer.from(JSON.stringify(b.parsed)) };
        } else if (b.text) {
          source = { filename: b.filename, mime: mimeOf(b.filename) === 'application/octet-stream' ? 'text/plain' : mimeOf(b.filename), bytes: Buffer.from(b.text, 'utf8') };
          parsed = await parseSource(source);
        } else {
          throw new DomainError('validation.failed', '请上传文件，或提供 text（粘贴的全文）。');
        }
      }
      const revisesPlanId = options.revisesPlanId ?? (await findRevisedPlan(ctx.tx, parsed.docNumber, parsed.title));
      const plan = await importPlan(ctx, { source, parsed, ...options, revisesPlanId });
      return { ...(await planDetail(ctx.tx, ctx.actor, plan.id)), revision: await revisionDiff(ctx, plan.id) };
    },
  }),
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
      const statuses = query.status ? [query.status] : drafts ? ['draft', 'published', 'archived'] : ['published'];
      const visible = statuses.filter((s) => s !== 'draft' || drafts);
      const rows = visible.length ? await listPlans(ctx.tx, { statuses: visible, limit: query.limit, offset: query.offset }) : [];
      return { items: rows.map((p) => presentPlanSummary(p, ctx.actor)) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id',
    summary: '规划详情：提纲、任务及责任单位、指标、项目、阶段、报送频次、解析提示',
    policy: plansPolicy.ref('plan.read'),
    params: idParams,
    response: planDetailSchema,
    handler: async (ctx, { params }) => planDetail(ctx.tx, ctx.actor, params.id),
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
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
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
    method: 'GET',
    url: '/api/plans/:id/revision',
    summary: '修订稿与已发布规划的变化对比（应用之前查看）',
    policy: plansPolicy.ref('plan.edit'),
    params: idParams,
    response: z.object({ revision: revisionSchema }),
    handler: async (ctx, { params }) => ({ revision: await revisionDiff(ctx, params.id) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/apply-revision',
    summary: '把修订稿应用到已发布规划（保留原任务及其报送记录）',
    policy: plansPolicy.ref('plan.publish'),
    params: idParams,
    response: planDetailSchema.extend({ revision: revisionSchema }),
    handler: async (ctx, { params }) => {
      const { planId, diff } = await applyRevision(ctx, params.id);
      return { ...(await planDetail(ctx.tx, ctx.actor, planId)), revision: diff };
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
    handler: async (ctx, { params, body }) => taskDetail(ctx.tx, ctx.actor, (await addTask(ctx, params.id, body)).id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/tasks/merge',
    summary: '合并草稿中的多项任务',
    policy: plansPolicy.ref('task.edit'),
    params: idParams,
    body: z.object({ taskIds: z.array(z.uuid()).min(2) }),
    response: taskSchema,
    handler: async (ctx, { params, body }) => taskDetail(ctx.tx, ctx.actor, (await mergeTasks(ctx, params.id, body.taskIds)).id),
  }),
];
