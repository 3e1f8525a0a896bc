import { z } from 'zod';
import { defineRoute, isUuid } from '../../http/route.js';
import type { Ctx } from '../../http/context.js';
import { exportPlanTaskTable, exportSupervisionNotice, type GeneratedFile } from './commands.js';
import type { OfficialDocRequest } from './official-doc.js';
import { sendFile } from './index.js';
import { officePolicy } from './policy.js';
import { DomainError } from '../../errors.js';
import { generatePlanBulletin } from './bulletin-command.js';
import { generatePlanSummary } from './summary-command.js';
import { downloadProgressSheet, uploadProgressSheet } from './progress-commands.js';
import { findPlanHead, unitOfNotice, unitsOfPlan } from './repository.js';

/** Office downloads. Binary responses: the handler sets the headers and returns the bytes. */
/** What the coordinator sets on a generated official document (bulletin, summary): period, 文号, header. */
const officialDocQuery = z.object({
  period: z.string().trim().min(1).max(20),
  docNumber: z.string().trim().min(1).max(60),
  date: z.iso.date().optional(),
  issuer: z.string().trim().min(1).max(60).optional(),
  recipients: z.string().trim().min(1).max(100).optional(),
});

/**
 * A GET route generating an official document of a plan for a period (bulletin, summary): the
 * coordinator's 文号, date, issuer and recipients from the query; the first kind is the default.
 */
function officialDocRoute<K extends string>(spec: {
  url: string;
  summary: string;
  policy: ReturnType<typeof officePolicy.ref>;
  kinds: readonly [K, ...K[]];
  generate: (ctx: Ctx, request: OfficialDocRequest, kind: K) => Promise<GeneratedFile>;
}) {
  return defineRoute({
    method: 'GET',
    url: spec.url,
    summary: spec.summary,
    tags: ['office'],
    policy: spec.policy,
    params: z.object({ id: z.uuid() }),
    query: officialDocQuery.extend({ kind: z.enum(spec.kinds).default(spec.kinds[0]) }),
    response: z.instanceof(Buffer),
    handler: async (ctx, { params, query, reply }) => {
      const file = await spec.generate(
        ctx,
        {
          planId: params.id,
          periodKey: query.period,
          docNumber: query.docNumber,
          ...(query.date ? { date: query.date } : {}),
          ...(query.issuer ? { issuer: query.issuer } : {}),
          ...(query.recipients ? { recipients: query.recipients } : {}),
        },
        query.kind,
      );
      return sendFile(reply, file);
    },
  });
}

export const officeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/task-table.xlsx',
    summary:
      '导出规划的任务分工表（Excel）；unit 参数只导出该单位承担的任务；period 参数（如 2026-Q3）加上该周期的进展情况、完成比例和状态（亮灯）',
    tags: ['office'],
    policy: officePolicy.ref('office.task_table.export'),
    params: z.object({ id: z.uuid() }),
    query: z.object({ unit: z.uuid().optional(), period: z.string().trim().min(1).max(20).optional() }),
    response: z.instanceof(Buffer),
    // A draft belongs to no unit yet, so only the any-unit roles may export it.
    resourceUnits: async (ctx, raw) => {
      if (!isUuid(raw.id)) return null;
      const plan = await findPlanHead(ctx.tx, raw.id);
      if (!plan) return null;
      return plan.status === 'draft' ? [] : unitsOfPlan(ctx.tx, raw.id);
    },
    handler: async (ctx, { params, query, reply }) => {
      const file = await exportPlanTaskTable(ctx, {
        planId: params.id,
        ...(query.unit ? { unitId: query.unit } : {}),
        ...(query.period ? { periodKey: query.period } : {}),
      });
      return sendFile(reply, file);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervision/notices/:id/notice.docx',
    summary: '下载督办通知单（Word，GB/T 9704 格式）',
    tags: ['office'],
    policy: officePolicy.ref('office.notice.download'),
    params: z.object({ id: z.uuid() }),
    response: z.instanceof(Buffer),
    resourceUnits: async (ctx, raw) => {
      if (!isUuid(raw.id)) return null;
      const unitId = await unitOfNotice(ctx.tx, raw.id);
      return unitId ? [unitId] : null;
    },
    handler: async (ctx, { params, reply }) => {
      const file = await exportSupervisionNotice(ctx, { noticeId: params.id });
      return sendFile(reply, file);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/progress-sheet.xlsx',
    summary: '下载本单位的进度填报表（Excel，一行一个填报事项）；period 参数只含该期',
    tags: ['office'],
    policy: officePolicy.ref('office.progress_sheet.download'),
    query: z.object({ period: z.string().trim().max(20).optional() }),
    response: z.instanceof(Buffer),
    handler: async (ctx, { query, reply }) => {
      const file = await downloadProgressSheet(ctx, query.period ? { periodKey: query.period } : {});
      return sendFile(reply, file);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/reports/progress-sheet',
    summary:
      '上传填好的进度填报表（multipart 字段 file）：全部保存为草稿，或一行都不保存并按行列返回错误和冲突',
    tags: ['office'],
    policy: officePolicy.ref('office.progress_sheet.upload'),
    multipart: true,
    response: z.object({ saved: z.number(), untouched: z.number() }),
    handler: async (ctx, { req }) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file)
        throw new DomainError(
          'validation.failed',
          '没有收到文件。请在表单字段 file 中上传填好的进度填报表（.xlsx）。',
        );
      return uploadProgressSheet(ctx, { bytes: await file.toBuffer() });
    },
  }),
  officialDocRoute({
    url: '/api/plans/:id/bulletin.docx',
    summary: '生成规划某一填报周期的季通报或工作简报（Word，GB/T 9704 格式），文号和日期由统筹部门设定',
    policy: officePolicy.ref('office.bulletin.generate'),
    kinds: ['quarterly', 'briefing'],
    generate: (ctx, request, kind) => generatePlanBulletin(ctx, { ...request, kind }),
  }),
  officialDocRoute({
    url: '/api/plans/:id/summary.docx',
    summary: '生成规划某一填报周期的半年或年度总结材料（Word，GB/T 9704 格式），由各单位报送内容汇编',
    policy: officePolicy.ref('office.summary.generate'),
    kinds: ['half-year', 'annual'],
    generate: (ctx, request, kind) => generatePlanSummary(ctx, { ...request, kind }),
  }),
];
