import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { DomainError } from '../../errors.js';
import { sendFile } from '../office/index.js';
import { downloadIndicatorSheet, listIndicators, uploadIndicatorSheet } from './commands.js';
import { indicatorPolicy } from './policy.js';
import { indicatorListSchema, presentIndicator, presentIndicatorPlan } from './present.js';

export const indicatorRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/indicators',
    summary: '已发布规划的指标及各期数值（单位填报与统筹部门批量填报汇于一处，每期取最新值）',
    tags: ['indicators'],
    policy: indicatorPolicy.ref('indicator.read'),
    query: z.object({ planId: z.uuid().optional() }),
    response: indicatorListSchema,
    handler: async (ctx, { query }) => {
      const list = await listIndicators(ctx, query.planId ? { planId: query.planId } : {});
      return {
        plans: list.plans.map((p) => presentIndicatorPlan(ctx.actor, p.plan, p.periods)),
        items: list.items.map((i) => presentIndicator(i.indicator, i.values)),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/indicator-sheet.xlsx',
    summary:
      '下载规划的指标数据填报表（Excel）：period 参数为一期一行一指标；不带时为各指标 × 已有数据的各期及本期',
    tags: ['indicators'],
    policy: indicatorPolicy.ref('indicator.sheet'),
    params: z.object({ id: z.uuid() }),
    query: z.object({ period: z.string().trim().min(1).max(20).optional() }),
    response: z.instanceof(Buffer),
    handler: async (ctx, { params, query, reply }) => {
      const file = await downloadIndicatorSheet(ctx, {
        planId: params.id,
        ...(query.period ? { periodKey: query.period } : {}),
      });
      return sendFile(reply, file);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/indicator-sheet',
    summary:
      '上传填好的指标数据填报表（multipart 字段 file）：全部保存，或一行都不保存并按行列返回错误和冲突',
    tags: ['indicators'],
    policy: indicatorPolicy.ref('indicator.sheet'),
    params: z.object({ id: z.uuid() }),
    multipart: true,
    response: z.object({ saved: z.number(), unchanged: z.number(), untouched: z.number() }),
    handler: async (ctx, { params, req }) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file)
        throw new DomainError(
          'validation.failed',
          '没有收到文件。请在表单字段 file 中上传填好的指标数据填报表（.xlsx）。',
        );
      return uploadIndicatorSheet(ctx, { planId: params.id, bytes: await file.toBuffer() });
    },
  }),
];
