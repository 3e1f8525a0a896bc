import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { inertText } from './text.js';

/**
 * Building blocks of a document in the layout of GB/T 9704-2012 (党政机关公文格式):
 * A4, margins 37/35/28/26 mm (top/bottom/left/right), 22 lines × 28 characters of 3号 仿宋_GB2312,
 * title in 2号 方正小标宋简体, headings 黑体 / 楷体_GB2312 / 仿宋_GB2312 bold / 仿宋_GB2312,
 * page numbers "— 1 —" in 4号 宋体 (odd pages right, even pages left, one character in).
 * Every string passes through {@link inertText}; the docx writer XML-escapes it, so user text
 * never becomes markup or a field.
 */

/** Font names as the standard prescribes them; the font table names fallbacks for each. */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** Point sizes of the Chinese size names used here. */
export const PT = { 初号: 42, 小初: 36, 一号: 26, 二号: 22, 三号: 16, 四号: 14, 小四: 12 } as const;

const half = (pt: number) => pt * 2;
/** Millimetres to twips, rounded (A4 is 11906 × 16838). */
export const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** Text area: 210 − 28 − 26 = 156 mm wide, 297 − 37 − 35 = 225 mm high. */
const TEXT_WIDTH_TWIP = mm(156);
/** 225 mm / 22 lines = 28.95 pt per line. */
export const LINE_PITCH_TWIP = Math.floor(mm(225) / 22);
/**
 * 156 mm / 28 characters = 15.79 pt per character: 3号 (16 pt) characters are condensed by
 * 0.25 pt (−5 twips) so exactly 28 fit a line. This is done on the runs rather than through a
 * character grid because office suites disagree on how a grid's charSpace applies.
 */
export const BODY_CHAR_SPACING_TWIP = -5;
/** One character of 3号 text, in twips (for indents). */
export const CHAR_TWIP = PT.三号 * 20;

const RED = 'E60012';

/** A run in the given fonts: CJK text in `eastAsia`, Latin and digits in Times New Roman. */
export function run(text: string, font: string, pt: number, extra: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({
    text: inertText(text),
    font: { ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, eastAsia: font, hint: 'eastAsia' },
    size: half(pt),
    ...(pt === PT.三号 ? { characterSpacing: BODY_CHAR_SPACING_TWIP } : {}),
    ...(extra.bold ? { bold: true } : {}),
    ...(extra.color ? { color: extra.color } : {}),
  });
}

const exactLine = (twip = LINE_PITCH_TWIP) => ({ line: twip, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

type Para = Omit<IParagraphOptions, 'children' | 'text'>;

/** 3号 仿宋 body paragraph, first line indented two characters, justified, on the 22-line grid. */
export function bodyParagraph(text: string, options: Para = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 2 * CHAR_TWIP },
    spacing: exactLine(),
    ...options,
    children: [run(text, FONTS.body, PT.三号)],
  });
}

/** Body paragraph made of a bold lead-in ("一是") and plain text. */
export function leadParagraph(lead: string, text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 2 * CHAR_TWIP },
    spacing: exactLine(),
    children: [run(lead, FONTS.body, PT.三号, { bold: true }), run(text, FONTS.body, PT.三号)],
  });
}

/**
 * A structural heading. Level 1 "一、" 黑体; level 2 "（一）" 楷体_GB2312; level 3 "1." 仿宋_GB2312
 * bold; level 4 "（1）" 仿宋_GB2312 — all 3号 and indented two characters like the body.
 */
export function heading(level: 1 | 2 | 3 | 4, text: string): Paragraph {
  const font = level === 1 ? FONTS.heading1 : level === 2 ? FONTS.heading2 : FONTS.body;
  return new Paragraph({
    indent: { firstLine: 2 * CHAR_TWIP },
    spacing: exactLine(),
    keepNext: true,
    children: [run(text, font, PT.三号, { bold: level === 3 })],
  });
}

/** The document title: 2号 方正小标宋简体, centred, followed by an empty line. */
export function titleParagraphs(title: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exactLine(Math.round(LINE_PITCH_TWIP * 1.2)),
      children: [run(title, FONTS.title, PT.二号)],
    }),
    emptyLine(),
  ];
}

export function emptyLine(): Paragraph {
  return new Paragraph({ spacing: exactLine(), children: [run('', FONTS.body, PT.三号)] });
}

/** 主送机关: flush left, ending in a full-width colon. */
export function recipientParagraph(recipients: string): Paragraph {
  const text = inertText(recipients).replace(/[：:]$/, '');
  return new Paragraph({ spacing: exactLine(), children: [run(`${text}：`, FONTS.body, PT.三号)] });
}

/**
 * 版头: the issuer's mark (发文机关标志) in red 小标宋, the 文号 (and for a briefing its issue line)
 * centred below it, and the red separator line.
 */
export function letterhead(mark: string, lines: readonly string[]): Paragraph[] {
  // As large as 小初 allows while the mark stays on one line of the 156 mm text area.
  const markPt = Math.max(PT.二号, Math.min(PT.小初, Math.floor(440 / Math.max(1, inertText(mark).length))));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // 发文字号 two lines below the mark.
      spacing: { before: 0, after: 2 * LINE_PITCH_TWIP, line: Math.round(markPt * 20 * 1.3), lineRule: LineRuleType.EXACT },
      children: [run(mark, FONTS.title, markPt, { color: RED })],
    }),
    ...lines.map(
      (line, i) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: exactLine(),
          ...(i === lines.length - 1
            ? { border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 12 } } }
            : {}),
          children: [run(line, FONTS.body, PT.三号)],
        }),
    ),
    // The title two lines below the red separator.
    emptyLine(),
    emptyLine(),
  ];
}

/** 发文机关署名 and 成文日期: right-aligned, the date four characters in from the right margin. */
export function signature(issuer: string, date: string): Paragraph[] {
  return [
    emptyLine(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 2 * CHAR_TWIP },
      spacing: exactLine(),
      children: [run(issuer, FONTS.body, PT.三号)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR_TWIP },
      spacing: exactLine(),
      children: [run(date, FONTS.body, PT.三号)],
    }),
  ];
}

/** 版记: 抄送 and 印发机关/印发日期 between full-width rules, in 4号 仿宋. */
export function imprint(copyTo: readonly string[], printer: string, printDate: string): Paragraph[] {
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });
  const line = (children: TextRun[], top: number | null, bottom: number) =>
    new Paragraph({
      spacing: exactLine(Math.round(PT.四号 * 20 * 1.6)),
      indent: { left: CHAR_TWIP / 2, right: CHAR_TWIP / 2 },
      border: { ...(top ? { top: rule(top) } : {}), bottom: rule(bottom) },
      tabStops: [{ type: 'right', position: TEXT_WIDTH_TWIP - CHAR_TWIP }],
      children,
    });
  const out: Paragraph[] = [emptyLine()];
  if (copyTo.length) out.push(line([run(`抄送：${copyTo.map((c) => inertText(c)).join('，')}。`, FONTS.body, PT.四号)], 8, 4));
  out.push(
    line([run(printer, FONTS.body, PT.四号), new TextRun({ text: '\t' }), run(`${printDate}印发`, FONTS.body, PT.四号)], copyTo.length ? null : 8, 8),
  );
  return out;
}

/** A table in 小四 仿宋 with a repeated 黑体 header row, spanning the text width. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor((w / total) * TEXT_WIDTH_TWIP));
  const cell = (text: string, header: boolean, i: number) =>
    new TableCell({
      width: { size: columnWidths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: header || i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: exactLine(Math.round(PT.小四 * 20 * 1.4)),
          children: [run(text, header ? FONTS.heading1 : FONTS.body, PT.小四)],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(inertText(t), false, i)) })),
    ],
  });
}

function pageNumberFooter(odd: boolean): Footer {
  const font = { ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber, eastAsia: FONTS.pageNumber, hint: 'eastAsia' };
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: CHAR_TWIP } : { left: CHAR_TWIP },
        children: [new TextRun({ font, size: half(PT.四号), children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** Metadata of a generated document (core properties). */
export interface DocumentMeta {
  title: string;
  subject?: string;
  creator?: string;
}

/**
 * Packs body blocks into a .docx in the GB/T 9704 page layout, with a font table naming each
 * standard font and the CJK font to fall back to where it is not installed.
 */
export async function packOfficialDocument(meta: DocumentMeta, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    title: inertText(meta.title),
    subject: inertText(meta.subject ?? ''),
    creator: inertText(meta.creator ?? 'Xietong 协同'),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.body },
            size: half(PT.三号),
            // Simplified Chinese glyph forms, and zh-CN line breaking rules.
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: exactLine() },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              // Page number: its lower edge 7 mm below the text area's.
              footer: mm(35 - 7 - 5),
            },
          },
          // 22 lines per page; every paragraph also sets this pitch as exact line spacing.
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH_TWIP },
        },
        footers: { default: pageNumberFooter(true), even: pageNumberFooter(false) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }]);
}

/** The font table: each standard font, its alternative name, GB2312 charset and family, so an office suite picks a CJK face of the right kind. */
const FONT_TABLE_XML = (() => {
  // altName: the face an office suite should use when the standard one is not installed.
  const fonts: { name: string; alt: string; family: 'roman' | 'modern' | 'auto'; panose: string }[] = [
    { name: FONTS.title, alt: 'Noto Serif CJK SC', family: 'roman', panose: '02000000000000000000' },
    { name: FONTS.body, alt: 'FangSong', family: 'modern', panose: '02010609030101010101' },
    { name: FONTS.heading2, alt: 'KaiTi', family: 'modern', panose: '02010609030101010101' },
    { name: FONTS.heading1, alt: 'SimHei', family: 'modern', panose: '02010609060101010101' },
    { name: FONTS.pageNumber, alt: 'SimSun', family: 'auto', panose: '02010600030101010101' },
  ];
  const entries = fonts
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.family === 'roman' ? 'variable' : 'fixed'}"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    entries +
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
    '</w:fonts>'
  );
})();
