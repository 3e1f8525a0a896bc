import type { Paragraph, Table } from 'docx';
import {
  bodyParagraph,
  heading,
  imprint,
  leadParagraph,
  letterhead,
  packOfficialDocument,
  recipientParagraph,
  signature,
  table,
  titleParagraphs,
} from './gbt9704.js';
import { enumerationLead, marker, percentText } from './numbering.js';
import { inertText } from './text.js';
import {
  LIGHT_LABELS,
  SUPERVISION_LEVEL_LABELS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type BulletinInput,
  type IndicatorItem,
  type PeriodFigures,
} from './types.js';

const DEFAULT_REQUIREMENTS = [
  '各责任单位要对照任务分工，逐项细化推进措施，明确时间节点，确保按期完成。',
  '对亮红灯、黄灯的任务，牵头单位要认真分析原因，制定整改措施，在下期报送中说明进展。',
  '各单位要严格按时报送进度，确保数据真实准确，未按时报送的将予以通报。',
];

/** The opening sentence block on overall progress, shared by the bulletin and the summary. */
export function overallSentences(planTitle: string, period: string, f: PeriodFigures): string[] {
  const counts = TASK_STATUSES.filter((s) => f.byStatus[s] > 0).map((s) => `${TASK_STATUS_LABELS[s]}${f.byStatus[s]}项`);
  const completed = f.byStatus.completed;
  return [
    `截至${inertText(period)}末，《${inertText(planTitle)}》确定的${f.tasksTotal}项重点任务中，${counts.length ? counts.join('，') : '尚无进展数据'}，完成率${percentText(completed, f.tasksTotal)}。` +
      `从亮灯情况看，绿灯${f.byLight.green}项、黄灯${f.byLight.yellow}项、红灯${f.byLight.red}项。`,
    `本期应报送进度报告${f.reportsDue}份，按时报送${f.reportsOnTime}份，按时报送率${percentText(f.reportsOnTime, f.reportsDue)}。`,
  ];
}

function indicatorState(i: IndicatorItem): string {
  if (i.current === null) return '未报送';
  if (i.target === null) return '—';
  const met =
    i.comparator === '>=' ? i.current >= i.target : i.comparator === '<=' ? i.current <= i.target : Math.abs(i.current - i.target) <= Math.abs(i.target) * 0.05;
  if (met) return '已达到目标';
  if (i.outlook === 'on_track') return '未达目标，进度正常';
  if (i.outlook === 'at_risk') return '未达目标，存在风险';
  if (i.outlook === 'off_track') return '未达目标，预计难以完成';
  return '未达目标';
}

const num = (v: number | null) => (v === null ? '—' : String(v));
const comparatorText: Record<IndicatorItem['comparator'], string> = { '>=': '≥', '<=': '≤', '~': '约', '=': '' };

/**
 * Generates a 工作简报 or 季通报 for a plan and period as a GB/T 9704 .docx: overall figures (tasks
 * by status and light, on-time reporting rate), a table of units with their completion and
 * on-time rates, completed tasks, lagging tasks with reasons and the units' explanations, the
 * supervision notices issued, indicators against their targets, and the requirements for the
 * next period, closed by the issuer, the date and the imprint.
 * @returns the .docx bytes
 */
export async function buildBulletin(input: BulletinInput): Promise<Buffer> {
  const plan = inertText(input.planTitle);
  const period = inertText(input.period);
  const title =
    input.title ?? (input.kind === 'quarterly' ? `关于《${plan}》${period}推进情况的通报` : `《${plan}》${period}推进情况`);
  const mark = input.mark ?? (input.kind === 'briefing' ? '工作简报' : `${input.issuer}文件`);
  const headLines = input.kind === 'briefing' ? [input.docNumber, `${input.issuer}${'\u3000'.repeat(4)}${input.date}`] : [input.docNumber];

  const out: (Paragraph | Table)[] = [...letterhead(mark, headLines), ...titleParagraphs(title)];
  if (input.recipients) out.push(recipientParagraph(input.recipients));
  out.push(
    bodyParagraph(
      `为全面掌握《${plan}》落实情况，${inertText(input.issuer)}对${period}各责任单位任务推进和进度报送情况进行了梳理，现将有关情况${input.kind === 'quarterly' ? '通报' : '报告'}如下。`,
    ),
  );

  let section = 0;
  // 一、总体进展情况
  out.push(heading(1, `${marker.level1(++section)}总体进展情况`));
  for (const s of overallSentences(plan, period, input.figures)) out.push(bodyParagraph(s));

  // 二、各单位推进情况
  out.push(heading(1, `${marker.level1(++section)}各单位推进和报送情况`));
  if (input.units.length === 0) {
    out.push(bodyParagraph('本期无单位承担任务。'));
  } else {
    const full = input.units.filter((u) => u.reportsDue > 0 && u.reportsOnTime === u.reportsDue).map((u) => inertText(u.unit));
    const low = input.units.filter((u) => u.reportsDue > 0 && u.reportsOnTime / u.reportsDue < 0.8).map((u) => inertText(u.unit));
    out.push(
      bodyParagraph(
        `各单位任务完成和进度报送情况见下表。${full.length ? `${full.join('、')}按时报送率达到100%。` : ''}${low.length ? `${low.join('、')}按时报送率低于80%，请切实加强报送工作。` : ''}`,
      ),
    );
    out.push(
      table(
        ['序号', '单位', '任务数', '已完成', '完成率', '应报送', '按时报送', '按时报送率'],
        input.units.map((u, i) => [
          String(i + 1),
          u.unit,
          String(u.tasks),
          String(u.completed),
          percentText(u.completed, u.tasks),
          String(u.reportsDue),
          String(u.reportsOnTime),
          percentText(u.reportsOnTime, u.reportsDue),
        ]),
        [4, 11, 6, 6, 6, 6, 7, 9],
      ),
    );
  }

  // 三、已完成的重点任务
  out.push(heading(1, `${marker.level1(++section)}已完成的重点任务`));
  if (input.completed.length === 0) out.push(bodyParagraph('本期无新完成的重点任务。'));
  else {
    out.push(bodyParagraph(`本期共有${input.completed.length}项重点任务完成。`));
    input.completed.forEach((t, i) =>
      out.push(
        bodyParagraph(
          `${marker.level3(i + 1)}${inertText(t.title)}（${t.units.map((u) => inertText(u)).join('、')}）。${t.summary ? inertText(t.summary) : ''}`,
        ),
      ),
    );
  }

  // 四、滞后任务及原因
  out.push(heading(1, `${marker.level1(++section)}滞后任务及原因`));
  if (input.lagging.length === 0) out.push(bodyParagraph('本期无滞后任务。'));
  else {
    out.push(bodyParagraph(`本期共有${input.lagging.length}项任务进度滞后，具体如下。`));
    input.lagging.forEach((t, i) => {
      out.push(heading(2, `${marker.level2(i + 1)}${inertText(t.title)}`));
      out.push(
        bodyParagraph(
          `责任单位：${t.units.map((u) => inertText(u)).join('、')}；状态：${TASK_STATUS_LABELS[t.status]}${t.percent === null ? '' : `，完成${t.percent}%`}；亮灯：${LIGHT_LABELS[t.light]}。`,
        ),
      );
      out.push(leadParagraph('滞后原因：', inertText(t.reason)));
      for (const e of t.explanations) out.push(leadParagraph(`${inertText(e.unit)}说明：`, inertText(e.text)));
    });
  }

  // 五、督办情况
  out.push(heading(1, `${marker.level1(++section)}督办情况`));
  if (input.notices.length === 0) out.push(bodyParagraph('本期未发出督办单。'));
  else {
    const byLevel = (['red', 'yellow', 'blue'] as const)
      .map((l) => [l, input.notices.filter((n) => n.level === l).length] as const)
      .filter(([, n]) => n > 0)
      .map(([l, n]) => `${SUPERVISION_LEVEL_LABELS[l]}督办${n}份`);
    out.push(bodyParagraph(`本期共发出督办单${input.notices.length}份，其中${byLevel.join('、')}。`));
    out.push(
      table(
        ['编号', '承办单位', '等级', '督办事项', '反馈时限', '反馈'],
        input.notices.map((n) => [n.number, n.unit, SUPERVISION_LEVEL_LABELS[n.level], n.matter, n.replyBy, n.state ?? '—']),
        [14, 10, 4, 12, 9, 6],
      ),
    );
  }

  // 六、主要指标完成情况
  out.push(heading(1, `${marker.level1(++section)}主要指标完成情况`));
  if (input.indicators.length === 0) out.push(bodyParagraph('本期无指标数据。'));
  else {
    const met = input.indicators.filter((i) => indicatorState(i) === '已达到目标').length;
    out.push(bodyParagraph(`纳入监测的${input.indicators.length}项指标中，${met}项已达到目标值。`));
    out.push(
      table(
        ['序号', '指标名称', '目标值', '当前值', '完成情况'],
        input.indicators.map((i, k) => [
          String(k + 1),
          `${i.name}${i.measure ? `（${i.measure}）` : ''}`,
          i.target === null ? '—' : `${comparatorText[i.comparator]}${i.target}${i.targetYear ? `（${i.targetYear}年）` : ''}`,
          num(i.current),
          indicatorState(i),
        ]),
        [4, 15, 11, 6, 10],
      ),
    );
  }

  // 七、下一步工作要求
  out.push(heading(1, `${marker.level1(++section)}下一步工作要求`));
  const requirements = input.requirements?.length ? input.requirements : DEFAULT_REQUIREMENTS;
  requirements.forEach((r, i) => out.push(leadParagraph(`${enumerationLead(i + 1)}`, inertText(r))));

  out.push(...signature(input.issuer, input.date));
  out.push(...imprint(input.copyTo ?? [], input.issuer, input.date));
  return packOfficialDocument({ title, subject: `${plan} ${period}` }, out);
}
