import { z } from 'zod';
import { defineRoute, isUuid } from '../../http/route.js';
import { exportPlanTaskTable, exportSupervisionNotice } from './commands.js';
import { contentDisposition, MEDIA_TYPES } from './index.js';
import { officePolicy } from './policy.js';
import { findPlanHead, unitOfNotice, unitsOfPlan } from './repository.js';

/** Office downloads. Binary responses: the handler sets the headers and returns the bytes. */
export const officeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/task-table.xlsx',
    summary: '导出规划的任务分工表（Excel）；unit 参数只导出该单位承担的任务',
    tags: ['office'],
    policy: officePolicy.ref('office.task_table.export'),
    params: z.object({ id: z.uuid() }),
    query: z.object({ unit: z.uuid().optional() }),
    response: z.instanceof(Buffer),
    // A draft belongs to no unit yet, so only the any-unit roles may export it.
    resourceUnits: async (ctx, raw) => {
      if (!isUuid(raw.id)) return null;
      const plan = await findPlanHead(ctx.tx, raw.id);
      if (!plan) return null;
      return plan.status === 'draft' ? [] : unitsOfPlan(ctx.tx, raw.id);
    },
    handler: async (ctx, { params, query, reply }) => {
      const file = await exportPlanTaskTable(ctx, { planId: params.id, ...(query.unit ? { unitId: query.unit } : {}) });
      reply.header('content-type', MEDIA_TYPES.xlsx).header('content-disposition', contentDisposition(file.fileName));
      return file.bytes;
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
      reply.header('content-type', MEDIA_TYPES.docx).header('content-disposition', contentDisposition(file.fileName));
      return file.bytes;
    },
  }),
];
