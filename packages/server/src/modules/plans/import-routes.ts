import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { MultipartFile } from '@fastify/multipart';
import type { ParsedPlan } from '@xietong/parser';
import { LIMITS } from '@xietong/shared';
import { defineRoute } from '../../http/route.js';
import { DomainError } from '../../errors.js';
import { plansPolicy } from './policy.js';
import { checkParsedPlan, importPlan, parseSource, type ImportSource } from './import.js';
import { applyRevision, findRevisedPlan, revisionDiff } from './revision.js';
import { planDetail, visiblePlan } from './queries.js';
import { planFiles } from './schema.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../policy.js';
import { planDetailSchema, revisionSchema } from './schemas.js';

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
const mimeOf = (filename: string) =>
  MIME_BY_EXT[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

function fieldValue(file: MultipartFile, name: string): string | undefined {
  const f = file.fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  return one && 'value' in one && typeof one.value === 'string' ? one.value : undefined;
}

const sourceSchema = z.object({
  /** The normalised text every span of the plan points into. */
  text: z.string(),
  /** The text as read from the file (before normalisation), when the file can be read again. */
  original: z.string().nullable(),
  /** What normalisation removed, with offsets into `original`. */
  removed: z.array(
    z.object({
      reason: z.string(),
      text: z.string(),
      span: z.object({ start: z.number(), end: z.number() }),
    }),
  ),
  format: z.string().nullable(),
});

/**
 * The review's source view of a plan: its normalised text, and the original file read again
 * through the same adapter and parser (for every format: txt, html, docx, pdf, xlsx, csv) to get
 * the text before normalisation and what normalisation removed. Markup the HTML/DOCX adapters
 * dropped points into the markup, not into this text, and is left out. When the parse no longer
 * gives the stored text (a newer parser), the original is withheld so no offset is misplaced.
 */
async function planSource(db: Db, actor: Actor, id: string): Promise<z.infer<typeof sourceSchema>> {
  const plan = await visiblePlan(db, actor, id);
  const [file] = plan.sourceFileId
    ? await db.select().from(planFiles).where(eq(planFiles.id, plan.sourceFileId))
    : [];
  const none = { text: plan.text, original: null, removed: [], format: null };
  if (!file || file.mime === 'application/json') return none;
  const { readDocument } = await import('@xietong/parser/adapters');
  const { parsePlan } = await import('@xietong/parser');
  let doc;
  try {
    doc = await readDocument(new Uint8Array(file.bytes), { filename: file.filename });
  } catch {
    // The file was read at import; if it no longer reads, the stored text is still reviewable.
    return none;
  }
  const reparsed = parsePlan(doc.text, { format: doc.format });
  const removed = reparsed.removed.map((r) => ({
    reason: r.reason,
    text: r.text,
    span: { start: r.span.start, end: r.span.end },
  }));
  if (reparsed.text !== plan.text) return { ...none, format: doc.format };
  return { text: plan.text, original: doc.text, removed, format: doc.format };
}

/** Import (through the parser) and revision of published plans. */
export const importRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/plans/import',
    summary:
      '导入规划文件为草稿（multipart 字段 file，或 JSON {filename, text} / {filename, parsed}）；修订已发布规划时附带变化对比',
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
        if (!file)
          throw new DomainError('validation.failed', '没有收到文件。请在表单字段 file 中上传规划文件。');
        const bytes = await file.toBuffer();
        source = { filename: file.filename || 'upload', mime: file.mimetype || mimeOf(file.filename), bytes };
        const o = importOptions.safeParse({
          kind: fieldValue(file, 'kind'),
          issuerUnitId: fieldValue(file, 'issuerUnitId'),
          upstreamPlanId: fieldValue(file, 'upstreamPlanId'),
          revisesPlanId: fieldValue(file, 'revisesPlanId'),
        });
        if (!o.success)
          throw new DomainError(
            'validation.failed',
            '导入选项有误（规划类型或关联的编号），请检查后重新提交。',
          );
        options = o.data;
        parsed = await parseSource(source);
      } else {
        const b = body;
        options = b;
        if (b.parsed) {
          // Checked before anything serialises it: a forged outline nested 10,000 deep must get a 400.
          parsed = checkParsedPlan(b.parsed);
          source = {
            filename: b.filename,
            mime: 'application/json',
            bytes: Buffer.from(JSON.stringify(b.parsed)),
          };
        } else if (b.text) {
          source = {
            filename: b.filename,
            mime: mimeOf(b.filename) === 'application/octet-stream' ? 'text/plain' : mimeOf(b.filename),
            bytes: Buffer.from(b.text, 'utf8'),
          };
          parsed = await parseSource(source);
        } else {
          throw new DomainError('validation.failed', '请上传文件，或提供 text（粘贴的全文）。');
        }
      }
      const revisesPlanId =
        options.revisesPlanId ?? (await findRevisedPlan(ctx.tx, parsed.docNumber, parsed.title));
      const plan = await importPlan(ctx, { source, parsed, ...options, revisesPlanId });
      return {
        ...(await planDetail(ctx.tx, ctx.actor, plan.id)),
        revision: await revisionDiff(ctx, plan.id),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/source',
    summary:
      '校核用的原文：规范化全文（span 偏移指向它）、按原文件重新读取的原始文字和规范化时删去的内容（docx、pdf、xlsx 等各种格式）',
    policy: plansPolicy.ref('plan.edit'),
    params: idParams,
    response: sourceSchema,
    handler: async (ctx, { params }) => planSource(ctx.tx, ctx.actor, params.id),
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
];
