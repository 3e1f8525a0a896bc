import { ParseError } from '../errors.js';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  hasEOL: boolean;
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const MARKER = /^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.、．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)/;
const SENTENCE_END = /[。；！？：:;]$|[）)]$/;

/** Removes the spaces PDF extraction puts between Chinese characters and digits ("2025 年"). */
export function tidyPdfSpaces(line: string): string {
  return line
    .replace(new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}\\d%（(“])`, 'g'), '')
    .replace(new RegExp(`(?<=[\\d%）)”])[ \\t]+(?=[${CJK}])`, 'g'), '')
    .trim();
}

/**
 * Rejoins hard-wrapped lines: a line continues the previous one unless the previous one ended a
 * sentence short of the right margin, the line is indented, or it starts with a numbering marker.
 */
export function rejoinLines(lines: Array<{ text: string; x: number; right: number }>): string {
  if (lines.length === 0) return '';
  const prose = lines.filter((l) => !l.text.endsWith(' |'));
  const lefts = prose.map((l) => l.x).sort((a, b) => a - b);
  const margin = lefts[Math.floor(lefts.length * 0.2)] ?? 0;
  const rights = prose.map((l) => l.right).sort((a, b) => a - b);
  const full = rights[Math.floor(rights.length * 0.8)] ?? 0;
  const out: string[] = [];
  let prev: { text: string; x: number; right: number } | null = null;
  for (const l of lines) {
    const text = l.text;
    if (!text) continue;
    const indented = l.x > margin + 8;
    const prevShort = prev ? prev.right < full - 20 : true;
    const startsNew = !prev || text.endsWith(' |') || prev.text.endsWith(' |') || indented || MARKER.test(text) || (prevShort && SENTENCE_END.test(prev.text)) || (prevShort && prev.text.length < 30);
    if (startsNew) out.push(text);
    else out[out.length - 1] += text;
    prev = l;
  }
  return out.join('\n');
}

interface Cell {
  x: number;
  right: number;
  text: string;
}
interface VisualLine {
  /** Cells split at wide gaps. */
  cells: Cell[];
  /** The text runs as extracted (a table cell's line is usually one run). */
  runs: Cell[];
  y: number;
  em: number;
}

/** Items → visual lines (by baseline) → cells (split at wide gaps). */
export function pageLines(pageItems: Item[]): VisualLine[] {
  const sorted = [...pageItems].filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: VisualLine[] = [];
  for (const it of sorted) {
    const em = it.fontSize || it.height || 10;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(2, em * 0.4)) {
      last.runs.push({ x: it.x, right: it.x + it.width, text: it.str });
      const cell = last.cells[last.cells.length - 1]!;
      const gap = it.x - cell.right;
      if (gap > em * 1.5) last.cells.push({ x: it.x, right: it.x + it.width, text: it.str });
      else {
        cell.text += (gap > em * 0.8 ? ' ' : '') + it.str;
        cell.right = Math.max(cell.right, it.x + it.width);
      }
    } else lines.push({ cells: [{ x: it.x, right: it.x + it.width, text: it.str }], runs: [{ x: it.x, right: it.x + it.width, text: it.str }], y: it.y, em });
  }
  for (const l of lines) {
    for (const c of l.cells) c.text = tidyPdfSpaces(c.text);
    for (const c of l.runs) c.text = tidyPdfSpaces(c.text);
  }
  return lines;
}

/**
 * Visual lines → logical lines. Tables (lines of several cells) are rebuilt row by row: a cell's
 * wrapped lines are appended to its column, and a new row starts where the vertical gap widens
 * (cell padding) or the first column gets a new number.
 */
export function tableAware(lines: VisualLine[]): Array<{ text: string; x: number; right: number }> {
  const out: Array<{ text: string; x: number; right: number }> = [];
  let anchors: number[] | null = null;
  let row: string[] = [];
  let prevY = 0;
  let lineGap = Infinity;
  const flush = () => {
    if (anchors && row.some(Boolean)) out.push({ text: `${row.map((c) => c.trim()).join(' | ')} |`, x: 0, right: 0 });
    row = [];
  };
  const column = (x: number, em: number) => {
    let col = 0;
    anchors!.forEach((a, i) => {
      if (a <= x + em) col = i;
    });
    return col;
  };
  for (const l of lines) {
    const first = l.cells[0]!;
    const last = l.cells[l.cells.length - 1]!;
    if (anchors) {
      const single = l.cells.length === 1;
      const spansColumns = single && anchors.length > 1 && first.x < anchors[1]! - l.em && last.right > anchors[1]! + l.em;
      if (spansColumns || (single && column(first.x, l.em) === 0 && first.x < anchors[0]! - l.em)) {
        flush();
        anchors = null;
      } else {
        const gap = prevY - l.y;
        if (gap > 0) lineGap = Math.min(lineGap, gap);
        // Inside a table, text runs go to the column they start in (a wrapped cell line and the
        // next column's text may be closer than a word gap).
        const cells = l.runs.filter((r) => r.text);
        const cols = cells.map((c) => column(c.x, l.em / 2));
        // Without the drawn grid, a row starts where the first column gets new content: a number,
        // a group heading, or text after a first-column cell that was complete.
        const head = cells[0]?.text.trim() ?? '';
        const startsRow =
          cols[0] === 0 &&
          (/^\d{1,4}(?:[.、]|$)|^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(head) || !row[0] || /[。；）：:]$|^\d{1,4}$/.test(row[0].trim()) || gap > lineGap * 1.6);
        if (startsRow) flush();
        cells.forEach((c, i) => {
          const col = cols[i]!;
          while (row.length <= col) row.push('');
          row[col] += c.text;
        });
        prevY = l.y;
        continue;
      }
    }
    if (l.cells.length >= 2) {
      anchors = l.cells.map((c) => c.x);
      row = l.cells.map((c) => c.text);
      prevY = l.y;
      lineGap = Infinity;
      continue;
    }
    out.push({ text: first.text, x: first.x, right: first.right });
  }
  flush();
  return out;
}

/** PDF with a text layer → text. Encrypted or image-only PDFs are refused with a clear reason. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { getDocumentProxy, extractTextItems } = await import('unpdf');
  let doc;
  try {
    doc = await getDocumentProxy(new Uint8Array(bytes));
  } catch (cause) {
    const name = (cause as { name?: string })?.name ?? '';
    if (/Password/i.test(name) || /password/i.test(String((cause as Error)?.message))) {
      throw new ParseError('pdf.encrypted', 'PDF 文件已加密，需要密码才能打开。请先解除密码保护（或另存为未加密的 PDF）再导入。', { cause });
    }
    throw new ParseError('format.corrupt', 'PDF 文件无法打开，可能已损坏。请重新导出 PDF 或改用 DOCX 导入。', { cause });
  }
  const { items } = await extractTextItems(doc);
  // Margins and line widths are measured over the whole document (a last page may hold two lines);
  // a sentence running over a page break is rejoined like any wrapped line.
  const all: Array<{ text: string; x: number; right: number }> = [];
  let chars = 0;
  for (const pageItems of items as Item[][]) {
    const lines = pageLines(pageItems).filter((l) => !/^[-—–\s]*\d{1,4}[-—–\s]*$/.test(l.cells.map((c) => c.text).join('')));
    for (const l of lines) chars += l.cells.reduce((n, c) => n + c.text.length, 0);
    all.push(...tableAware(lines));
  }
  await (doc as unknown as { destroy?: () => Promise<void> }).destroy?.();
  if (chars === 0) throw new ParseError('pdf.no-text', 'PDF 没有文字层（可能是扫描件），无法读取。请先做文字识别（OCR）或提供 DOCX/文本版本。');
  return rejoinLines(all);
}
