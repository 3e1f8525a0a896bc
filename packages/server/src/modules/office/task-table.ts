import ExcelJS from 'exceljs';
import { rowHeightFor } from './row-height.js';
import { inertText, joinUnits } from './text.js';
import { LIGHT_LABELS, TASK_STATUS_LABELS, type Light, type TaskTableInput, type TaskTableNode } from './types.js';

/** Column headers of the 任务分工表, in order; the parser's XLSX adapter reads the same words. */
export const TASK_TABLE_HEADERS = ['序号', '重点任务', '具体内容/工作措施', '牵头单位', '责任单位', '配合单位', '完成时限'] as const;

/** Widths (Excel character units) chosen so the seven columns fill an A4 landscape page. */
const BASE_WIDTHS = [6, 18, 52, 16, 20, 16, 14];
const PROGRESS_WIDTHS = [36, 9, 10];

const LIGHT_FILL: Record<Light, string> = { red: 'FFFF7875', yellow: 'FFFFE58F', green: 'FF95DE64' };
const HEADING_FILL = ['FFD9D9D9', 'FFEDEDED', 'FFF5F5F5'];

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const allBorders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Builds the 任务分工表 of a plan (or of a filtered view) as an .xlsx workbook: a merged title,
 * the header row (frozen, repeated on every printed page), outline headings as merged group rows,
 * and one row per task numbered 1…n; optional progress columns for a period with the light as a
 * coloured cell. Page setup: A4 landscape, fit to one page wide, page numbers in the footer.
 * @returns the .xlsx bytes
 */
export async function buildTaskTable(input: TaskTableInput): Promise<Buffer> {
  const withProgress = input.progressPeriod != null;
  const headers: string[] = [...TASK_TABLE_HEADERS];
  if (withProgress) headers.push(`进展情况（${inertText(input.progressPeriod)}）`, '完成比例', '状态（亮灯）');
  const widths = withProgress ? [...BASE_WIDTHS, ...PROGRESS_WIDTHS] : BASE_WIDTHS;
  const lastCol = headers.length;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xietong 协同';
  wb.title = inertText(input.planTitle);
  const ws = wb.addWorksheet('任务分工表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = widths.map((width) => ({ width }));

  let row = 1;
  const title = ws.getCell(row, 1);
  title.value = inertText(input.planTitle);
  title.font = { name: '方正小标宋简体', size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(row, 1, row, lastCol);
  ws.getRow(row).height = rowHeightFor([{ text: String(title.value), width: widths.reduce((a, b) => a + b, 0) }], 18, 36);
  if (input.subtitle) {
    row++;
    const sub = ws.getCell(row, 1);
    sub.value = inertText(input.subtitle);
    sub.font = { name: '楷体_GB2312', size: 12 };
    sub.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(row, 1, row, lastCol);
  }

  row++;
  const headerRow = row;
  headers.forEach((h, i) => {
    const c = ws.getCell(headerRow, i + 1);
    c.value = h;
    c.font = { name: '黑体', size: 12 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = allBorders;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } };
  });
  ws.getRow(headerRow).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;

  let seq = 0;
  const bodyFont: Partial<ExcelJS.Font> = { name: '仿宋_GB2312', size: 11 };
  const write = (nodes: readonly TaskTableNode[], depth: number): void => {
    for (const node of nodes) {
      row++;
      if (node.kind === 'heading') {
        const c = ws.getCell(row, 1);
        c.value = `${inertText(node.marker ?? '')}${inertText(node.title)}`;
        c.font = { name: depth === 0 ? '黑体' : '楷体_GB2312', size: 12, bold: depth > 0 };
        c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADING_FILL[Math.min(depth, 2)]! } };
        c.border = allBorders;
        ws.mergeCells(row, 1, row, lastCol);
        ws.getRow(row).height = rowHeightFor([{ text: String(c.value), width: widths.reduce((a, b) => a + b, 0) }], 12, 22);
        write(node.children, depth + 1);
        continue;
      }
      seq++;
      const values: (string | number | null)[] = [
        seq,
        inertText(node.title),
        inertText(node.content),
        joinUnits(node.lead),
        joinUnits(node.responsible),
        joinUnits(node.cooperating),
        inertText(node.deadline),
      ];
      if (withProgress) {
        const p = node.progress;
        values.push(
          inertText(p?.text),
          p?.percent ?? null,
          p ? [p.status ? TASK_STATUS_LABELS[p.status] : '', p.light ? LIGHT_LABELS[p.light] : ''].filter(Boolean).join('／') : '',
        );
      }
      const r = ws.getRow(row);
      values.forEach((v, i) => {
        const c = r.getCell(i + 1);
        c.value = v;
        c.font = bodyFont;
        c.border = allBorders;
        const centred = i === 0 || i === 6 || i >= 8;
        c.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'middle', wrapText: true };
      });
      r.height = rowHeightFor(values.map((v, i) => ({ text: v == null ? '' : String(v), width: widths[i]! })));
      if (withProgress) {
        r.getCell(9).numFmt = '0"%"';
        const light = node.progress?.light;
        if (light) r.getCell(10).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[light] } };
      }
    }
  };
  write(input.nodes, 0);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
