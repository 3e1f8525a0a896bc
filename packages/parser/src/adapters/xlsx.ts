import { ParseError } from '../errors.js';

const cellText = (v: unknown): string => {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { richText?: Array<{ text: string }>; text?: string; result?: unknown; formula?: string; hyperlink?: string };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if (o.text !== undefined) return String(o.text);
  if (o.result !== undefined) return cellText(o.result);
  return '';
};

/** Rows of cells → the parser's table lines; a row whose cells are all one merged value is a heading line. */
export function rowsToText(rows: string[][]): string {
  const out: string[] = [];
  let inTable = false;
  for (const raw of rows) {
    const cells = raw.map((c) => c.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '｜').trim());
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    const filled = cells.filter(Boolean);
    if (filled.length === 0) continue;
    if (new Set(filled).size === 1 && (filled.length === 1 ? cells.findIndex(Boolean) === 0 : true)) {
      // A merged group cell: a heading line (inside a table it stays a one-cell row).
      out.push(inTable ? `${filled[0]!} |` : filled[0]!);
      continue;
    }
    inTable = true;
    out.push(`${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

/** A task table longer than this is not a plan: refuse it rather than spend minutes reading it. */
export const MAX_XLSX_ROWS = 20_000;

/** XLSX task table (任务分工表) → text lines; merged group cells become heading lines. */
export async function xlsxToText(bytes: Uint8Array): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (cause) {
    throw new ParseError('format.corrupt', 'Excel 文件无法读取，可能已损坏或已加密。请另存为 .xlsx 后再导入。', { cause });
  }
  const parts: string[] = [];
  wb.eachSheet((ws) => {
    if (ws.actualRowCount > MAX_XLSX_ROWS) {
      throw new ParseError(
        'xlsx.too-many-rows',
        `工作表“${ws.name}”有 ${ws.actualRowCount} 行，超过任务分工表的上限 ${MAX_XLSX_ROWS} 行。请删除无关的行或拆分为多个文件后再导入。`,
      );
    }
    // exceljs computes columnCount by walking every row: read it once per sheet, not per row.
    const columns = ws.columnCount;
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    });
    if (rows.length) parts.push(rowsToText(rows));
  });
  const text = parts.join('\n\n');
  if (!text.trim()) throw new ParseError('xlsx.no-table', 'Excel 文件中没有内容，请确认任务分工表在第一个工作表中。');
  return text;
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines in quoted cells). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const sep = (text.split('\n', 1)[0]!.match(/\t/g) ?? []).length > (text.split('\n', 1)[0]!.match(/,/g) ?? []).length ? '\t' : ',';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function csvToText(text: string): string {
  return rowsToText(parseCsv(text));
}
