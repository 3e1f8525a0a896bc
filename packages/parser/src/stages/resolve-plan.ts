import type { ParseOptions, ParsedPlan, ParsedTask, ParseWarning } from '../types.js';
import { resolveDeadline } from '../text/dates.js';
import type { Extracted } from './extract.js';
import type { Outlined } from './outline.js';
import { deepFreeze, freezeOutline, sourceSpan, warning } from './resolve.js';
import type { Stage } from './stage.js';

export interface ResolveInput {
  outlined: Outlined;
  extracted: Extracted;
  options: ParseOptions;
}

/** extract → resolve: spans back to the original text, deadlines to dates, the immutable plan. */
export class ResolveStage implements Stage<ResolveInput, ParsedPlan> {
  run({ outlined, extracted, options }: ResolveInput): ParsedPlan {
    const source = outlined.segmented.source;
    const warnings: ParseWarning[] = source.warnings.map((w) => warning(source, w.code, w.message, w.at));
    for (const w of outlined.warnings) warnings.push(warning(source, w.code, w.message, w.at));
    const meta = extracted.metadata;
    const year = meta.contextYear ?? options.defaultYear ?? null;
    for (const o of extracted.orphans) {
      // extractTasks marks an annotation cut off at the end of the text (`cut`).
      const message = (o as { cut?: boolean }).cut
        ? '这条责任单位标注在文本末尾被截断，单位名单不完整，未生成任务；请用完整的原文重新导入，或在复核时补上这项任务。'
        : '这条责任单位标注前面没有任务内容（可能是网页截断或排版错位），请核对它属于哪项任务。';
      warnings.push(warning(source, 'annotation.orphan', message, o));
    }
    const tasks: ParsedTask[] = extracted.tasks.map((t) => {
      for (const u of [...t.units.lead, ...t.units.responsible, ...t.units.cooperating]) {
        if (u.length > 25 || /\d|[。；]|的$/.test(u)) {
          warnings.push(warning(source, 'unit.suspicious', `“${u}”不像单位名称，请核对该任务的责任单位。`, { start: t.start, end: t.end }));
        }
      }
      const deadlineDate = t.deadline ? resolveDeadline(t.deadline, year) : null;
      if (t.deadline && !deadlineDate && !/长期|持续|常态|每年|定期/.test(t.deadline)) {
        warnings.push(warning(source, 'deadline.unresolved', `完成时限“${t.deadline}”无法换算为日期，请人工确认。`, { start: t.start, end: t.end }));
      }
      if (t.unclosed) warnings.push(warning(source, 'annotation.unclosed', '责任单位标注的括号没有闭合，请核对该任务的单位。', { start: t.start, end: t.end }));
      return {
        path: t.path,
        text: t.text,
        lead: t.units.lead,
        responsible: t.units.responsible,
        cooperating: t.units.cooperating,
        deadline: t.deadline,
        deadlineDate,
        nodeId: t.node.id,
        annotation: t.annotation,
        span: sourceSpan(source, t.start, t.end),
      };
    });
    const plan: ParsedPlan = {
      title: meta.title,
      docNumber: meta.docNumber,
      issuer: meta.issuer,
      date: meta.date,
      recipients: meta.recipients,
      kind: meta.kind,
      year: meta.year,
      outline: freezeOutline(source, outlined.root),
      tasks,
      indicators: extracted.indicators.map((i) => ({
        name: i.name,
        target: i.target,
        unit: i.unit,
        comparator: i.comparator,
        year: i.year,
        baseline: i.baseline,
        baselineYear: i.baselineYear,
        responsible: i.responsible,
        binding: i.binding,
        span: sourceSpan(source, i.start, i.end),
      })),
      projects: extracted.projects.map((p) => ({ name: p.name, text: p.text, places: p.places, path: p.path, span: sourceSpan(source, p.start, p.end) })),
      phases: extracted.phases.map((p) => ({ name: p.name, start: p.start, end: p.end, printed: p.printed, activities: p.activities, span: sourceSpan(source, p.from, p.to) })),
      cadences: extracted.cadences.map((c) => ({ period: c.period, what: c.what, to: c.to, span: sourceSpan(source, c.start, c.end) })),
      leadingGroup: extracted.leadingGroup.map((m) => ({ name: m.name, title: m.title, role: m.role, span: sourceSpan(source, m.start, m.end) })),
      references: extracted.references.map((r) => ({ title: r.title, docNumber: r.docNumber, span: sourceSpan(source, r.start, r.end) })),
      warnings,
      removed: source.removed,
      text: source.mapped.text,
      format: options.format ?? 'txt',
    };
    return deepFreeze(plan);
  }
}
