import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { OutlineNode, ParsedPlan, PlanKind } from '@xietong/parser';
import { LIMITS } from '@xietong/shared';
import { DomainError } from '../../errors.js';
import { describeZodError } from '../../http/error-handler.js';
import type { Ctx } from '../../http/context.js';
import { proposeUnit } from '../directory/commands.js';
import { normaliseUnitName } from '../directory/repository.js';
import { resolveIssuer, resolveUnitNames } from '../directory/resolve.js';
import {
  cadences,
  indicators,
  phases,
  planFiles,
  planNodes,
  plans,
  projects,
  taskUnits,
  tasks,
} from './schema.js';
import { findPlan, type PlanRow } from './repository.js';

export interface ImportSource {
  filename: string;
  mime: string;
  bytes: Buffer;
}

/**
 * Reads a document through the parser: the format adapters for file bytes (txt, html, docx, pdf,
 * xlsx, csv). The parser's own error messages are in Chinese and say what to do.
 */
export async function parseSource(source: ImportSource, defaultYear?: number): Promise<ParsedPlan> {
  const { parseDocument, ParseError } = await import('@xietong/parser/adapters');
  try {
    return await parseDocument(new Uint8Array(source.bytes), {
      filename: source.filename,
      ...(defaultYear ? { defaultYear } : {}),
    });
  } catch (err) {
    if (err instanceof ParseError)
      throw new DomainError('plan.import_failed', webWording(err.code) ?? err.message, { parserCode: err.code });
    throw err;
  }
}

/**
 * The parser's messages are also the CLI's and may suggest `--format`; an upload through the web
 * has no such flag, so those cases get wording for the person at the browser.
 */
function webWording(code: string): string | null {
  if (code === 'input.binary')
    return '文件内容不是文本（含有二进制数据），无法读取。请确认选择了正确的规划文件；Word、Excel 文件请另存为 .docx、.xlsx 后再上传。';
  return null;
}

const text = z.string().max(LIMITS.importTextChars);
const names = z.array(z.string().max(200)).max(500);
const offsets = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
const span = z.looseObject({ ...offsets.shape, original: offsets });
const isoDate = z.iso.date().nullable();
const year = z.number().int().min(1900).max(2200).nullable();
interface NodeShape {
  children: NodeShape[];
}
const outlineNode: z.ZodType<NodeShape> = z.looseObject({
  id: z.string().max(40),
  kind: z.enum(['document', 'chapter', 'section', 'heading', 'item', 'enumeration', 'paragraph']),
  level: z.number().int().min(0).max(64),
  marker: z.string().max(200).nullable(),
  path: z.string().max(2000),
  title: text,
  text,
  span,
  get children() {
    return z.array(outlineNode).max(100_000);
  },
});
/** What `importPlan` reads of a parser output that came from outside (`xietong parse --json`). */
const parsedPlanSchema = z.looseObject({
  title: z.string().max(500).nullable(),
  docNumber: z.string().max(200).nullable(),
  issuer: z.string().max(200).nullable(),
  date: isoDate,
  recipients: names,
  kind: z.enum(['plan', 'implementation', 'division', 'work', 'other']),
  year,
  outline: outlineNode,
  tasks: z
    .array(
      z.looseObject({
        path: z.string().max(2000),
        text,
        lead: names,
        responsible: names,
        cooperating: names,
        deadline: z.string().max(500).nullable(),
        deadlineDate: isoDate,
        nodeId: z.string().max(40),
        annotation: z.string().max(5000).nullable(),
        span,
      }),
    )
    .max(100_000),
  indicators: z.array(
    z.looseObject({
      name: z.string().max(500),
      target: z.number(),
      unit: z.string().max(100).nullable(),
      comparator: z.enum(['>=', '<=', '~', '=']),
      year,
      baseline: z.number().nullable(),
      baselineYear: year,
      responsible: names,
      binding: z.boolean().nullable(),
      span,
    }),
  ),
  projects: z.array(
    z.looseObject({ name: z.string().max(500), text, places: names, path: z.string().max(2000), span }),
  ),
  phases: z.array(
    z.looseObject({
      name: z.string().max(500),
      start: isoDate,
      end: isoDate,
      printed: z.string().max(500).nullable(),
      activities: text,
      span,
    }),
  ),
  cadences: z.array(
    z.looseObject({
      period: z.enum(['monthly', 'quarterly', 'half-yearly', 'yearly', 'other']),
      what: z.string().max(5000),
      to: z.string().max(200).nullable(),
      span,
    }),
  ),
  leadingGroup: z.array(z.unknown()),
  references: z.array(z.unknown()),
  warnings: z.array(
    z.looseObject({ code: z.string().max(100), message: z.string().max(5000), span: span.nullable() }),
  ),
  removed: z.array(z.unknown()),
  text,
  format: z.enum(['txt', 'html', 'docx', 'pdf', 'xlsx', 'csv']),
});

/** Deepest outline accepted from outside: a parse of a real document stays far below. */
const MAX_OUTLINE_DEPTH = 64;

/**
 * Checks a parser output sent by a client (the JSON import) before anything is written: the
 * fields `importPlan` stores, their types, dates and sizes, and an outline that is not absurdly
 * deep (walked without recursion first, so a hostile nesting cannot overflow the stack).
 */
export function checkParsedPlan(value: unknown): ParsedPlan {
  const refuse = (detail: string): never => {
    throw new DomainError(
      'validation.failed',
      `parsed 不是有效的解析器输出：${detail}。请用 xietong parse --json 重新生成后再导入。`,
    );
  };
  const stack: [unknown, number][] = [[(value as { outline?: unknown } | null)?.outline, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_OUTLINE_DEPTH) refuse(`大纲层级超过 ${MAX_OUTLINE_DEPTH} 层`);
    const children = (node as { children?: unknown } | null)?.children;
    if (Array.isArray(children)) for (const c of children) stack.push([c, depth + 1]);
  }
  const r = parsedPlanSchema.safeParse(value);
  if (!r.success) refuse(describeZodError(r.error, 'parsed'));
  return value as ParsedPlan;
}

export interface ImportInput {
  source: ImportSource;
  parsed: ParsedPlan;
  kind?: PlanKind | undefined;
  issuerUnitId?: string | null | undefined;
  upstreamPlanId?: string | null | undefined;
  /** The published plan this document revises (its diff is shown before applying). */
  revisesPlanId?: string | null | undefined;
}

function flattenOutline(root: OutlineNode): { node: OutlineNode; parent: OutlineNode | null }[] {
  const out: { node: OutlineNode; parent: OutlineNode | null }[] = [];
  const walk = (n: OutlineNode, parent: OutlineNode | null) => {
    out.push({ node: n, parent });
    for (const c of n.children) walk(c, n);
  };
  walk(root, null);
  return out;
}

/**
 * Imports a parsed document as a draft plan: the original file, the outline, tasks with their units
 * by role (resolved in the issuer's context; unknown names become proposed units), indicators,
 * projects, phases and cadences, and the parser's warnings for review.
 */
export async function importPlan(ctx: Ctx, input: ImportInput): Promise<PlanRow> {
  const { source } = input;
  // The parser's own output is trusted; one sent as JSON is checked before anything is written.
  const parsed = source.mime === 'application/json' ? checkParsedPlan(input.parsed) : input.parsed;
  const issuerUnitId = input.issuerUnitId ?? (await resolveIssuer(ctx.tx, parsed.issuer));
  const [file] = await ctx.tx
    .insert(planFiles)
    .values({
      filename: source.filename,
      mime: source.mime,
      sha256: createHash('sha256').update(source.bytes).digest('hex'),
      size: source.bytes.length,
      bytes: source.bytes,
    })
    .returning({ id: planFiles.id });
  const planId = randomUUID();
  const warnings = parsed.warnings.map((w) => ({ code: w.code, message: w.message, span: w.span }));
  await ctx.tx.insert(plans).values({
    id: planId,
    title: parsed.title ?? source.filename.replace(/\.[^.]+$/, ''),
    kind: input.kind ?? parsed.kind,
    status: 'draft',
    docNumber: parsed.docNumber,
    issuerText: parsed.issuer,
    issuerUnitId,
    docDate: parsed.date,
    year: parsed.year ?? (parsed.date ? Number(parsed.date.slice(0, 4)) : null),
    upstreamPlanId: input.upstreamPlanId ?? null,
    revisesPlanId: input.revisesPlanId ?? null,
    sourceFileId: file!.id,
    review: {
      warnings,
      recipients: parsed.recipients,
      leadingGroup: parsed.leadingGroup,
      references: parsed.references,
      removed: parsed.removed.length,
      format: parsed.format,
    },
    text: parsed.text,
    createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    createdAt: ctx.now,
  });

  // Outline
  const nodeIds = new Map<string, string>();
  const flat = flattenOutline(parsed.outline);
  for (const { node } of flat) nodeIds.set(node.id, randomUUID());
  const nodeRows = flat.map(({ node, parent }, ord) => ({
    id: nodeIds.get(node.id)!,
    planId,
    parentId: parent ? nodeIds.get(parent.id)! : null,
    parseId: node.id,
    kind: node.kind,
    level: node.level,
    marker: node.marker,
    path: node.path,
    title: node.title,
    text: node.text,
    ord,
    span: node.span,
  }));
  for (let i = 0; i < nodeRows.length; i += 300)
    await ctx.tx.insert(planNodes).values(nodeRows.slice(i, i + 300));

  // Units: resolve every printed name once, propose each unknown one once.
  const printed = new Set<string>();
  for (const t of parsed.tasks)
    for (const n of [...t.lead, ...t.responsible, ...t.cooperating]) printed.add(n);
  for (const ind of parsed.indicators) for (const n of ind.responsible) printed.add(n);
  const resolved = await resolveUnitNames(ctx.tx, [...printed], issuerUnitId);
  const unitOf = new Map<string, string>();
  const proposedByName = new Map<string, string>();
  for (const name of printed) {
    const r = resolved.get(name)!;
    if (r.unitId) unitOf.set(name, r.unitId);
    else {
      const key = normaliseUnitName(name);
      let id = proposedByName.get(key);
      if (!id) {
        id = (await proposeUnit(ctx, name, issuerUnitId, planId)).id;
        proposedByName.set(key, id);
        if (r.status === 'ambiguous')
          warnings.push({
            code: 'unit.ambiguous',
            message: `单位「${name}」在单位目录中对应多个单位，请在审核时选择正确的单位。`,
            span: null,
          });
      }
      unitOf.set(name, id);
    }
  }

  // Tasks
  const taskRows: (typeof tasks.$inferInsert)[] = [];
  const taskUnitRows: (typeof taskUnits.$inferInsert)[] = [];
  parsed.tasks.forEach((t, ord) => {
    const id = randomUUID();
    taskRows.push({
      id,
      planId,
      nodeId: nodeIds.get(t.nodeId) ?? null,
      path: t.path,
      ord,
      text: t.text,
      annotation: t.annotation,
      deadlineText: t.deadline,
      deadlineDate: t.deadlineDate,
      status: 'draft',
      span: t.span,
      createdAt: ctx.now,
    });
    const seen = new Set<string>();
    let uord = 0;
    for (const [role, names] of [
      ['lead', t.lead],
      ['responsible', t.responsible],
      ['cooperating', t.cooperating],
    ] as const) {
      for (const name of names) {
        const unitId = unitOf.get(name)!;
        if (seen.has(unitId)) continue;
        seen.add(unitId);
        taskUnitRows.push({ taskId: id, unitId, planId, role, ord: uord++, printedName: name });
      }
    }
  });
  for (let i = 0; i < taskRows.length; i += 300)
    await ctx.tx.insert(tasks).values(taskRows.slice(i, i + 300));
  for (let i = 0; i < taskUnitRows.length; i += 500)
    await ctx.tx.insert(taskUnits).values(taskUnitRows.slice(i, i + 500));

  if (parsed.indicators.length) {
    await ctx.tx.insert(indicators).values(
      parsed.indicators.map((ind, ord) => ({
        planId,
        name: ind.name,
        target: ind.target,
        unit: ind.unit,
        comparator: ind.comparator,
        year: ind.year,
        baseline: ind.baseline,
        baselineYear: ind.baselineYear,
        binding: ind.binding,
        responsible: ind.responsible,
        responsibleUnitIds: [...new Set(ind.responsible.map((n) => unitOf.get(n)!).filter(Boolean))],
        span: ind.span,
        ord,
      })),
    );
  }
  if (parsed.projects.length) {
    await ctx.tx.insert(projects).values(
      parsed.projects.map((p, ord) => ({
        planId,
        name: p.name,
        text: p.text,
        places: p.places,
        path: p.path,
        span: p.span,
        ord,
      })),
    );
  }
  if (parsed.phases.length) {
    await ctx.tx.insert(phases).values(
      parsed.phases.map((p, ord) => ({
        planId,
        name: p.name,
        startDate: p.start,
        endDate: p.end,
        printed: p.printed,
        activities: p.activities,
        span: p.span,
        ord,
      })),
    );
  }
  if (parsed.cadences.length) {
    const to = await resolveUnitNames(
      ctx.tx,
      parsed.cadences.map((c) => c.to).filter((x): x is string => !!x),
      issuerUnitId,
    );
    await ctx.tx.insert(cadences).values(
      parsed.cadences.map((c, ord) => ({
        planId,
        period: c.period,
        what: c.what,
        toText: c.to,
        toUnitId: c.to ? (to.get(c.to)?.unitId ?? null) : null,
        span: c.span,
        ord,
      })),
    );
  }
  await ctx.tx
    .update(plans)
    .set({
      taskCount: taskRows.length,
      review: { ...((await findPlan(ctx.tx, planId))!.review as object), warnings },
    })
    .where(eqId(planId));
  const plan = (await findPlan(ctx.tx, planId))!;
  await ctx.audit({
    action: 'plan.import',
    entityType: 'plan',
    entityId: planId,
    after: {
      title: plan.title,
      filename: source.filename,
      sha256: createHash('sha256').update(source.bytes).digest('hex'),
      tasks: taskRows.length,
      proposedUnits: proposedByName.size,
    },
  });
  return plan;
}

const eqId = (id: string) => eq(plans.id, id);
