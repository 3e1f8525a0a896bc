import type { Paragraph, Table } from 'docx';
import { overallSentences } from './bulletin.js';
import { bodyParagraph, heading, imprint, leadParagraph, letterhead, packOfficialDocument, recipientParagraph, signature, titleParagraphs } from './gbt9704.js';
import { enumerationLead, marker } from './numbering.js';
import { inertText } from './text.js';
import { TASK_STATUS_LABELS, type HalfYearSummaryInput, type SummaryReport } from './types.js';

const sentence = (s: string) => {
  const t = inertText(s).trim().replace(/\s*\n\s*/g, '');
  return t && !/[。！？；]$/.test(t) ? `${t}。` : t;
};

/**
 * Assembles the 半年/年度总结材料 of a plan from the units' reports for the period, as a GB/T 9704
 * .docx: overall progress, the main work under each of the plan's parts (task by task, each
 * unit's report), the problems the units raised, and their next steps.
 * @returns the .docx bytes
 */
export async function buildHalfYearSummary(input: HalfYearSummaryInput): Promise<Buffer> {
  const plan = inertText(input.planTitle);
  const period = inertText(input.period);
  const title = input.title ?? `关于《${plan}》${period}落实情况的${input.kind === 'annual' ? '总结' : '报告'}`;
  const out: (Paragraph | Table)[] = [...letterhead(input.mark ?? `${input.issuer}文件`, [input.docNumber]), ...titleParagraphs(title)];
  if (input.recipients) out.push(recipientParagraph(input.recipients));
  out.push(
    bodyParagraph(
      `${period}，各责任单位按照《${plan}》的部署，扎实推进各项重点任务。根据各单位报送的进展情况，现将${period}落实情况报告如下。`,
    ),
  );

  let section = 0;
  out.push(heading(1, `${marker.level1(++section)}总体推进情况`));
  for (const s of overallSentences(plan, period, input.figures)) out.push(bodyParagraph(s));

  out.push(heading(1, `${marker.level1(++section)}主要工作进展`));
  const all: SummaryReport[] = [];
  input.sections.forEach((sec, i) => {
    out.push(heading(2, `${marker.level2(i + 1)}${inertText(sec.heading)}`));
    if (sec.reports.length === 0) {
      out.push(bodyParagraph('本期无报送内容。'));
      return;
    }
    const byTask = new Map<string, SummaryReport[]>();
    for (const r of sec.reports) byTask.set(r.taskTitle, [...(byTask.get(r.taskTitle) ?? []), r]);
    let t = 0;
    for (const [task, reports] of byTask) {
      out.push(heading(3, `${marker.level3(++t)}${inertText(task)}`));
      for (const r of reports) {
        all.push(r);
        const state = `（${TASK_STATUS_LABELS[r.status]}${r.percent === null ? '' : `，完成${r.percent}%`}）`;
        out.push(leadParagraph(`${inertText(r.unit)}${state}：`, sentence(r.done) || '本期未报送具体进展。'));
      }
    }
  });

  out.push(heading(1, `${marker.level1(++section)}存在的主要问题`));
  const problems = all.filter((r) => r.problems.trim());
  if (problems.length === 0) out.push(bodyParagraph('各单位本期未报告存在的问题。'));
  else problems.forEach((r, i) => out.push(leadParagraph(`${enumerationLead(i + 1)}`, `${inertText(r.taskTitle)}方面，${inertText(r.unit)}反映：${sentence(r.problems)}`)));

  out.push(heading(1, `${marker.level1(++section)}下一步工作打算`));
  const next = all.filter((r) => r.nextSteps.trim());
  if (next.length === 0) out.push(bodyParagraph('各单位将继续按照任务分工，推动各项任务按期完成。'));
  else next.forEach((r, i) => out.push(leadParagraph(`${enumerationLead(i + 1)}`, `${inertText(r.unit)}：${sentence(r.nextSteps)}`)));

  out.push(...signature(input.issuer, input.date));
  out.push(...imprint(input.copyTo ?? [], input.issuer, input.date));
  return packOfficialDocument({ title, subject: `${plan} ${period}` }, out);
}
