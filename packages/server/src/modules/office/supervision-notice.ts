import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { FONTS, LINE_PITCH_TWIP, mm, PT, bodyParagraph, emptyLine, imprint, letterhead, packOfficialDocument, run, signature, titleParagraphs } from './gbt9704.js';
import { inertText } from './text.js';
import { SUPERVISION_LEVEL_LABELS, type SupervisionLevel, type SupervisionNoticeInput } from './types.js';

const LEVEL_COLOUR: Record<SupervisionLevel, string> = { blue: '1F4E9D', yellow: 'C08A00', red: 'E60012' };

/** A labelled row of the notice form: 黑体 label on the left, 仿宋 content on the right. */
function formRow(label: string, content: Paragraph[]): TableRow {
  const labelWidth = mm(30);
  const contentWidth = mm(156) - labelWidth;
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: labelWidth, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(label, FONTS.heading1, PT.三号)] })],
      }),
      new TableCell({ width: { size: contentWidth, type: WidthType.DXA }, margins: { left: 100, right: 100 }, children: content }),
    ],
  });
}

const cellText = (text: string, colour?: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: LINE_PITCH_TWIP, lineRule: 'exact', before: 0, after: 0 },
    children: [run(text, FONTS.body, PT.三号, colour ? { color: colour, bold: true } : {})],
  });

/** Splits free text into paragraphs at line breaks. */
const paragraphsOf = (text: string) => inertText(text).split('\n').filter((p) => p.trim()).map((p) => cellText(p));

/**
 * Generates a numbered 督办单 (supervision notice) to one unit as a GB/T 9704 .docx: the issuer's
 * red mark and the notice number, the title with the colour level, a form naming the unit, the
 * matter, the background, the requirement and the reply date, then the issuer and date.
 * @returns the .docx bytes
 */
export async function buildSupervisionNotice(input: SupervisionNoticeInput): Promise<Buffer> {
  const level = SUPERVISION_LEVEL_LABELS[input.level];
  const colour = LEVEL_COLOUR[input.level];
  const rows = [
    formRow('承办单位', [cellText(inertText(input.unit))]),
    formRow('督办等级', [cellText(`${level}督办`, colour)]),
    formRow('督办事项', paragraphsOf(input.matter)),
    ...(input.background ? [formRow('有关情况', paragraphsOf(input.background))] : []),
    formRow('督办要求', paragraphsOf(input.requirement)),
    formRow('反馈时限', [cellText(`请于${inertText(input.replyBy)}前将办理情况书面反馈${inertText(input.issuer)}。`)]),
    ...(input.contact
      ? [formRow('联 系 人', [cellText(`${inertText(input.contact.name)}，电话：${inertText(input.contact.phone)}`)])]
      : []),
  ];
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const form = new Table({
    width: { size: mm(156), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows,
  });
  const title = `督办通知单（${level}）`;
  const children = [
    ...letterhead(input.mark ?? input.issuer, [input.number]),
    ...titleParagraphs(title),
    new Paragraph({
      spacing: { line: LINE_PITCH_TWIP, lineRule: 'exact' },
      children: [run(`${inertText(input.unit)}：`, FONTS.body, PT.三号)],
    }),
    bodyParagraph('现将下列事项交你单位办理，请按要求抓紧落实，并按时反馈办理情况。'),
    emptyLine(),
    form,
    ...signature(input.issuer, input.date),
    ...imprint(input.copyTo ?? [], input.issuer, input.date),
  ];
  return packOfficialDocument({ title, subject: `${inertText(input.number)} ${inertText(input.unit)}` }, children);
}
