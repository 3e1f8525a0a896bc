import type { Stage } from './stage.js';
import type { NormalisedText } from './normalise/index.js';

export interface Range {
  start: number;
  end: number;
}

export interface ParagraphBlock extends Range {
  type: 'para';
}

export interface RowBlock extends Range {
  type: 'row';
  /** Cells, trimmed; empty cells keep a zero-length range. */
  cells: Range[];
  /** Index of the table (consecutive rows) this row belongs to. */
  table: number;
  /** Regrouped from a table copied one cell per line, where merged cells leave no trace. */
  regrouped?: boolean;
}

export type Block = ParagraphBlock | RowBlock;

export interface Segmented {
  source: NormalisedText;
  blocks: Block[];
}

const isSpace = (c: number) => c === 32 || c === 0x3000 || c === 0xa0 || c === 9;

function trimRange(text: string, start: number, end: number): Range {
  while (start < end && (isSpace(text.charCodeAt(start)) || text.charCodeAt(start) === 10)) start++;
  while (end > start && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 10)) end--;
  return { start, end };
}

/**
 * normalise → segment: lines become paragraphs (long lines are split where a run of three or
 * more spaces separates paragraphs, as in pages flattened to one line) and lines with cell
 * separators `|` become table rows.
 */
export class SegmentStage implements Stage<NormalisedText, Segmented> {
  run(source: NormalisedText): Segmented {
    const text = source.canon;
    const blocks: Block[] = [];
    let table = -1;
    let inTable = false;
    let pos = 0;
    while (pos <= text.length) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = text.length;
      const line = trimRange(text, pos, eol);
      if (line.end > line.start) {
        const raw = text.slice(line.start, line.end);
        const printedLine = source.mapped.text.slice(line.start, line.end);
        if (raw.includes('|') && /\s\|\s|\|\s*$|^\s*\|/.test(raw)) {
          if (!inTable) table++;
          inTable = true;
          blocks.push({ type: 'row', start: line.start, end: line.end, cells: splitCells(text, line.start, line.end), table });
        } else if (printedLine.includes('\t') && /\S\t+\S/.test(printedLine)) {
          // Tab-separated cells, as pasted from a spreadsheet or a web table.
          if (!inTable) table++;
          inTable = true;
          blocks.push({ type: 'row', start: line.start, end: line.end, cells: splitTabs(source.mapped.text, line.start, line.end), table });
        } else {
          inTable = false;
          splitParagraphs(text, line.start, line.end, blocks);
        }
      }
      pos = eol + 1;
    }
    return { source, blocks: unwrapHardWraps(text, mergeCellLines(text, blocks)) };
  }
}

const STARTS_ITEM = /^(?:第[一二三四五六七八九十百零〇\d]+[章节条部]|[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十\d]+）|\d{1,3}[.、）](?!\d)|[①-⑳]|[一二三四五六七八九十]是|(?:牵头|责任|配合|协办|主办)(?:单位|部门)|完成时限)/;

/**
 * Text copied out of a PDF is hard-wrapped: most lines have the same length and break mid-
 * sentence. When a document shows that signature, a full-width line that does not end a sentence
 * is joined with the next line (unless that starts a numbered item).
 */
function unwrapHardWraps(text: string, blocks: Block[]): Block[] {
  const paras = blocks.filter((b) => b.type === 'para' && b.end - b.start >= 10);
  if (paras.length < 10) return blocks;
  const counts = new Map<number, number>();
  for (const b of paras) counts.set(b.end - b.start, (counts.get(b.end - b.start) ?? 0) + 1);
  let width = 0;
  let best = 0;
  for (const [len, n] of counts) {
    const around = n + (counts.get(len - 1) ?? 0) + (counts.get(len + 1) ?? 0);
    if (around > best || (around === best && len > width)) {
      best = around;
      width = len;
    }
  }
  if (width < 15 || best < paras.length * 0.4) return blocks;
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.type === 'para' &&
      b.type === 'para' &&
      lastLineLength(text, prev) >= width - 1 &&
      !/[。；！？：]$/.test(text.slice(prev.start, prev.end)) &&
      !STARTS_ITEM.test(text.slice(b.start, b.start + 12)) &&
      /^\s*$/.test(text.slice(prev.end, b.start).replace(/\n/, ''))
    ) {
      prev.end = b.end;
      continue;
    }
    out.push(b.type === 'para' ? { ...b } : b);
  }
  return out;
}

const CELL_HEADER = /^(?:序号|编号)$|任务|单位|部门|时限|完成时间|领导|内容|措施|目标|备注|进展|情况|说明|是否|名称|事项|牵头|配合|主体/;
const BARE_NUMBER = /^\d{1,5}[.、]?$/;

/**
 * Web tables copied one cell per line (`序号 |`, `目标与任务 |`, `牵头责任单位 |`, then `80 |`,
 * `…任务… |`, …): a run of one-cell rows that opens with a header of three or more cells, the first
 * being 序号, is regrouped into rows. A row starts at a bare number; it ends where the next
 * sequence number begins, or after as many cells as the header has. Rows may hold fewer cells
 * than the header (merged cells of the web table); the outline aligns them by content. Lines of
 * bare separators (`|`, `||`) are empty cells.
 */
function mergeCellLines(text: string, blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i]!;
    const table = b.type === 'row' ? b.table : -1;
    const single = (x: Block | undefined): x is RowBlock => x?.type === 'row' && x.cells.length <= 1 && x.table === table;
    const cellText = (x: RowBlock) => (x.cells[0] ? text.slice(x.cells[0].start, x.cells[0].end).replace(/\s+/g, '') : '');
    if (!single(b) || !/^(?:序号|编号)$/.test(cellText(b))) {
      out.push(b);
      i++;
      continue;
    }
    let j = i;
    while (single(blocks[j])) j++;
    const run = blocks.slice(i, j) as RowBlock[];
    // The header: the short cells before the first bare number, most of them column words.
    let k = 0;
    let words = 0;
    while (k < run.length && k < 16 && !BARE_NUMBER.test(cellText(run[k]!))) {
      const t = cellText(run[k]!);
      if (t.length > 16 || /[。；]/.test(t)) break;
      if (CELL_HEADER.test(t)) words++;
      k++;
    }
    if (k < 3 || words < Math.max(3, Math.ceil(k * 0.6)) || !run[k] || !BARE_NUMBER.test(cellText(run[k]!))) {
      out.push(b);
      i++;
      continue;
    }
    const group = (cells: RowBlock[]): RowBlock => ({
      type: 'row',
      start: cells[0]!.start,
      end: cells[cells.length - 1]!.end,
      cells: cells.map((c) => c.cells[0] ?? { start: c.start, end: c.start }),
      table,
      regrouped: true,
    });
    out.push(group(run.slice(0, k)));
    let r = k;
    while (r < run.length) {
      const seq = parseInt(cellText(run[r]!), 10);
      const nextSeq = Number.isFinite(seq) ? String(seq + 1) : '';
      let e = r + 1;
      while (e < run.length && e - r < k) {
        const t = cellText(run[e]!).replace(/[.、]$/, '');
        if (e - r >= k - 1 && BARE_NUMBER.test(t)) break;
        if (t === nextSeq && e - r >= Math.ceil(k / 2)) break;
        e++;
      }
      out.push(group(run.slice(r, e)));
      r = e;
    }
    i = j;
  }
  return out;
}

function lastLineLength(text: string, b: Range): number {
  const nl = text.lastIndexOf('\n', b.end - 1);
  return b.end - Math.max(b.start, nl + 1);
}

function splitCells(text: string, start: number, end: number): Range[] {
  const cells: Range[] = [];
  let s = start;
  if (text[s] === '|') s++;
  for (let i = s; i <= end; i++) {
    if (i === end || text[i] === '|') {
      cells.push(trimRange(text, s, i));
      s = i + 1;
    }
  }
  while (cells.length > 0 && cells[cells.length - 1]!.end === cells[cells.length - 1]!.start) cells.pop();
  return cells;
}

function splitTabs(printed: string, start: number, end: number): Range[] {
  const cells: Range[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || printed[i] === '\t') {
      if (i > s || i === end) cells.push(trimRange(printed, s, i));
      while (i + 1 < end && printed[i + 1] === '\t') i++;
      s = i + 1;
    }
  }
  return cells;
}

const GAP = /[ \u3000\u00a0\t]{3,}/g;

function splitParagraphs(text: string, start: number, end: number, out: Block[]): void {
  const line = text.slice(start, end);
  if (!GAP.test(line)) {
    out.push({ type: 'para', start, end });
    return;
  }
  GAP.lastIndex = 0;
  let s = 0;
  for (const m of line.matchAll(GAP)) {
    const r = trimRange(text, start + s, start + m.index);
    if (r.end > r.start) out.push({ type: 'para', ...r });
    s = m.index + m[0].length;
  }
  const r = trimRange(text, start + s, end);
  if (r.end > r.start) out.push({ type: 'para', ...r });
}
