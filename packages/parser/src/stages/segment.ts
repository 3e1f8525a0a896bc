import type { Stage } from './stage.js';
import type { NormalisedText } from './normalise/index.js';
import { looksLikeUnit } from '../extract/units.js';

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
    /** A table flattened into lines of space-separated cells, while its rows go on. */
    let spaced: SpacedHeader | null = null;
    const seqWords: number[] = [];
    for (let i = text.indexOf('号'); i > 0; i = text.indexOf('号', i + 1)) if (text[i - 1] === '序' || text[i - 1] === '编') seqWords.push(i - 1);
    let seqAt = 0;
    let pos = 0;
    while (pos <= text.length) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = text.length;
      const line = trimRange(text, pos, eol);
      // "- 3 -", "— 12 —", "第3页 共10页": page numbers left in a text copied from a printed page
      // are no block of the document (they stay in its text); an item or a bracket goes on across them.
      if (line.end > line.start && line.end - line.start <= 16 && PAGE_NUMBER.test(text.slice(line.start, line.end))) {
        pos = eol + 1;
        continue;
      }
      if (line.end > line.start) {
        const raw = text.slice(line.start, line.end);
        const printedLine = source.mapped.text.slice(line.start, line.end);
        if (raw.includes('|') && /\s\|\s|\|\s*$|^\s*\|/.test(raw)) {
          spaced = null;
          const prev = blocks[blocks.length - 1];
          const closedRows = raw.startsWith('|') || (inTable && prev?.type === 'row' && text.charCodeAt(prev.end - 1) === 124);
          if (!inTable) table++;
          inTable = true;
          // "| 1 | 培育龙头企业，壮大" + "产业集群 | 市工信局 |": in a table whose rows end with `|`,
          // a row whose cells hold line breaks runs on to the line that closes it.
          const close = closedRows && !raw.endsWith('|') ? closingLine(text, eol) : -1;
          if (close > eol) {
            const end = trimRange(text, line.start, close).end;
            blocks.push({ type: 'row', start: line.start, end, cells: splitCells(text, line.start, end), table });
            pos = close + 1;
            continue;
          }
          blocks.push({ type: 'row', start: line.start, end: line.end, cells: splitCells(text, line.start, line.end), table });
        } else if (printedLine.includes('\t') && /\S\t+\S/.test(printedLine)) {
          spaced = null;
          // Tab-separated cells, as pasted from a spreadsheet or a web table.
          if (!inTable) table++;
          inTable = true;
          blocks.push({ type: 'row', start: line.start, end: line.end, cells: splitTabs(source.mapped.text, line.start, line.end), table });
        } else {
          inTable = false;
          const cells = spaced ? spacedRow(text, line.start, line.end, spaced.kinds) : null;
          const last = blocks[blocks.length - 1];
          // A row whose text ran on to the next line (`1 地区生产总值增长7%以上,服务业` + `增加值占比47%. 发改委`):
          // the line that brings the units closes the row that had none.
          const more = spaced && !cells && spaced.open && last === spaced.open && !HEADING_START.test(raw) ? spacedCells(text, line.start, line.end, spaced.kinds) : null;
          if (spaced && cells) {
            const row: RowBlock = { type: 'row', start: line.start, end: line.end, cells: cells.cells, table: spaced.table };
            blocks.push(row);
            spaced.open = cells.unit ? null : row;
          } else if (spaced && more?.unit && last?.type === 'row') {
            const textCol = spaced.kinds.indexOf('text');
            last.end = line.end;
            if (more.text) last.cells[textCol] = { start: last.cells[textCol]!.start, end: more.cells[textCol]!.end };
            more.cells.forEach((c, i) => {
              if (i !== textCol && c.end > c.start) last.cells[i] = c;
            });
            spaced.open = null;
          } else {
            if (spaced && !groupLine(raw)) spaced = null;
            // Only lines that name 序号/编号 (their places found once for the whole text).
            while (seqWords[seqAt] !== undefined && seqWords[seqAt]! < line.start) seqAt++;
            const named = seqWords[seqAt] !== undefined && seqWords[seqAt]! < line.end;
            const header: ReturnType<typeof spacedHeader> = spaced || !named ? null : spacedHeader(text, line.start, line.end, eol);
            if (header) {
              spaced = { kinds: header.kinds, table: ++table, open: null };
              if (header.at > line.start) splitParagraphs(text, line.start, trimRange(text, line.start, header.at).end, blocks);
              blocks.push({ type: 'row', start: header.at, end: line.end, cells: header.cells, table: spaced.table });
            } else splitParagraphs(text, line.start, line.end, blocks);
          }
        }
      }
      pos = eol + 1;
    }
    return { source, blocks: unwrapHardWraps(text, mergeCellLines(text, cellLines(text, blocks, table + 1))) };
  }
}

const PAGE_NUMBER = /^(?:[-—–－]+ *\d{1,3} *[-—–－]+|第 *\d{1,3} *页(?: *[，,/]? *共 *\d{1,3} *页)?)$/;

type SpacedKind = 'seq' | 'text' | 'unit' | 'deadline' | 'person';
interface SpacedHeader {
  kinds: SpacedKind[];
  table: number;
  /** The last row, while it has no units yet (its text may run on to the next line). */
  open: RowBlock | null;
}

function words(text: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  let s = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32;
    if (isSpace(c)) {
      if (s >= 0) out.push({ start: s, end: i });
      s = -1;
    } else if (s < 0) s = i;
  }
  return out;
}

function headerKind(t: string): SpacedKind | null {
  if (/^(?:序号|编号)$/.test(t)) return 'seq';
  if (t.length > 10 || !(CELL_HEADER.test(t) || /科室|处室/.test(t))) return null;
  if (/领导|责任人|联系人/.test(t)) return 'person';
  if (/牵头|责任|配合|协办|主办|承办|单位|部门|科室|处室|主体/.test(t)) return 'unit';
  if (/时限|时间|期限|节点/.test(t)) return 'deadline';
  return 'text';
}

/** Does a short cell fit a column of this kind (a unit list, a time limit, names of persons)? */
function fits(t: string, kind: SpacedKind): boolean {
  if (kind === 'unit') {
    const parts = t.split(/[、，；]/);
    return parts.every((p) => looksLikeUnit(p));
  }
  if (kind === 'deadline') return t.length <= 20 && /(?:19|20)\d\d年|\d{1,2}月|底前|年底|年内|长期|持续|常态|季度|全年/.test(t);
  if (kind === 'person') return /^[\u4e00-\u9fa5]{2,4}(?:[、，][\u4e00-\u9fa5]{2,4})*$/.test(t) && !fits(t, 'unit');
  return false;
}

/**
 * A table flattened into lines, its cells separated by spaces (`序号 名称 工作任务 牵头责任单位`,
 * then `1 地区生产总值增长7%以上. 发改委`): the header is a line — or the tail of one, when the
 * page ran the notice into the table — whose space-separated words are column names, the first
 * 序号/编号, one of them a unit column. It counts only when a row follows: a line that starts with
 * a number and ends in cells that fit the header's short columns (unit lists, time limits).
 */
function spacedHeader(text: string, start: number, end: number, eol: number): { at: number; kinds: SpacedKind[]; cells: Range[] } | null {
  const toks = words(text, start, end);
  let i = toks.length - 1;
  while (i >= 0 && !/^(?:序号|编号)$/.test(text.slice(toks[i]!.start, toks[i]!.end))) i--;
  if (i < 0 || toks.length - i < 3 || toks.length - i > 10) return null;
  const cells = toks.slice(i);
  const kinds = cells.map((c) => headerKind(text.slice(c.start, c.end)));
  if (kinds.some((k) => k == null) || kinds.filter((k) => k === 'seq').length > 1 || !kinds.includes('unit') || !kinds.includes('text')) return null;
  const header = kinds as SpacedKind[];
  // The first line after the header that is not a group heading must be a row with a unit, or a
  // row without one whose next line brings it.
  const found = { at: cells[0]!.start, kinds: header, cells };
  let pending = false;
  let pos = eol + 1;
  for (let seen = 0; pos < text.length && seen < 5; ) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    const l = trimRange(text, pos, next);
    pos = next + 1;
    if (l.end === l.start) continue;
    seen++;
    const row = spacedRow(text, l.start, l.end, header);
    if (row?.unit) return found;
    if (pending) return spacedCells(text, l.start, l.end, header)?.unit ? found : null;
    if (row) pending = true;
    else if (!groupLine(text.slice(l.start, l.end))) return null;
  }
  return null;
}

const HEADING_START = /^(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十]+）|第[一二三四五六七八九十\d]+[章节部分])/;

/** A group heading between the rows of a flattened table (`一、经济社会发展主要预期目标`). */
function groupLine(t: string): boolean {
  return HEADING_START.test(t) || (t.length <= 30 && !/[。；]/.test(t));
}

/** Cells of a row of a flattened table, one per header column (empty where the row has none). */
function spacedRow(text: string, start: number, end: number, kinds: SpacedKind[]): { cells: Range[]; unit: boolean } | null {
  const m = /^(\d{1,3})(?: +|[.、](?!\d) *)(?=\S)/.exec(text.slice(start, Math.min(end, start + 12)));
  const seqCol = kinds.indexOf('seq');
  if (!m || seqCol < 0) return null;
  const row = spacedCells(text, start + m[0].length, end, kinds);
  if (row) row.cells[seqCol] = { start, end: start + m[1]!.length };
  return row;
}

/**
 * The cells after the row number: trailing words that fit the short columns (unit lists, time
 * limits, names) fill them in order; a unit column takes the unit-shaped words before it too
 * (`发改委 经信委`: one cell whose units were on separate lines); the rest is the text column.
 */
function spacedCells(text: string, from: number, end: number, kinds: SpacedKind[]): { cells: Range[]; unit: boolean; text: boolean } | null {
  const toks = words(text, from, end);
  const textCol = kinds.indexOf('text');
  if (toks.length === 0 || textCol < 0) return null;
  const slots = kinds.map((k, i) => (i > textCol && k !== 'text' && k !== 'seq' ? i : -1)).filter((i) => i >= 0);
  const cell = (r: Range) => text.slice(r.start, r.end);
  let j = toks.length;
  while (j > 1 && toks.length - j < slots.length && slots.some((s) => fits(cell(toks[j - 1]!), kinds[s]!))) j--;
  // The trailing cells fill the short columns in order, skipping the ones a cell does not fit.
  const cells: Range[] = kinds.map(() => ({ start: end, end }));
  let unit = false;
  let s = 0;
  let firstSlot = -1;
  for (let t = j; t < toks.length; t++) {
    const left = toks.length - t;
    while (s < slots.length && !(fits(cell(toks[t]!), kinds[slots[s]!]!) && slots.length - s >= left)) s++;
    if (s >= slots.length) return null;
    cells[slots[s]!] = { ...toks[t]! };
    if (firstSlot < 0) firstSlot = slots[s]!;
    if (kinds[slots[s]!] === 'unit') unit = true;
    s++;
  }
  if (firstSlot >= 0 && kinds[firstSlot] === 'unit') {
    while (j > 1 && cell(toks[j - 1]!).length <= 12 && fits(cell(toks[j - 1]!), 'unit')) cells[firstSlot]!.start = toks[--j]!.start;
  }
  if (j > 0) cells[textCol] = { start: toks[0]!.start, end: toks[j - 1]!.end };
  return { cells, unit, text: j > 0 };
}

const STARTS_ITEM = /^(?:第[一二三四五六七八九十百零〇\d]+[章节条部]|[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十\d]+）|\d{1,3}[.、）](?!\d)|[①-⑳]|[一二三四五六七八九十]是|(?:牵头|责任|配合|协办|主办)(?:单位|部门|处室|科室)|完成时限)/;

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
/** A group heading cell in a table copied one cell per line: 一、产业发展, （二）民生保障. */
const GROUP_CELL = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)\S/;

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
    while (k < run.length && k < 16 && !BARE_NUMBER.test(cellText(run[k]!)) && !GROUP_CELL.test(cellText(run[k]!))) {
      const t = cellText(run[k]!);
      if (t.length > 16 || /[。；]/.test(t)) break;
      if (CELL_HEADER.test(t)) words++;
      k++;
    }
    let first = k;
    while (run[first] && GROUP_CELL.test(cellText(run[first]!))) first++;
    if (k < 3 || words < Math.max(3, Math.ceil(k * 0.6)) || !run[first] || !BARE_NUMBER.test(cellText(run[first]!))) {
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
      // "一、产业发展" between the rows: a group row of its own (a heading of the rows after it).
      if (GROUP_CELL.test(cellText(run[r]!))) {
        out.push(group([run[r]!]));
        r++;
        continue;
      }
      const seq = parseInt(cellText(run[r]!), 10);
      const nextSeq = Number.isFinite(seq) ? String(seq + 1) : '';
      let e = r + 1;
      while (e < run.length && e - r < k) {
        const t = cellText(run[e]!).replace(/[.、]$/, '');
        if (e - r >= k - 1 && BARE_NUMBER.test(t)) break;
        if (t === nextSeq && e - r >= Math.ceil(k / 2)) break;
        if (GROUP_CELL.test(cellText(run[e]!))) break;
        e++;
      }
      out.push(group(run.slice(r, e)));
      r = e;
    }
    i = j;
  }
  return out;
}

/**
 * The end of the line that closes a table row opened by `|` but not closed on its own line: the
 * next line (of at most 8) that ends with `|` without starting a row of its own; -1 if none does.
 */
function closingLine(text: string, eol: number): number {
  let pos = eol + 1;
  for (let n = 0; n < 8 && pos < text.length; n++) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    const l = text.slice(pos, next).trim();
    if (l.startsWith('|') || /^\d{1,4}\s*\|/.test(l)) return -1;
    if (l.endsWith('|')) return next;
    pos = next + 1;
  }
  return -1;
}

/**
 * A table copied one cell per line without cell borders (`序号`, `重点任务`, `牵头单位`, then
 * `1`, …): a line `序号`/`编号` followed by column words and a bare number opens a run of lines that
 * are read as one-cell rows (then regrouped as above). The run ends at a blank line or a line that
 * starts a heading or an attachment.
 */
function cellLines(text: string, blocks: Block[], firstTable: number): Block[] {
  if (!blocks.some((b) => b.type === 'para' && b.end - b.start <= 3)) return blocks;
  const out: Block[] = [];
  let changed = false;
  let table = firstTable;
  const lineOf = (b: Block | undefined) => (b ? text.slice(b.start, b.end).replace(/\s+/g, '') : '');
  const para = (b: Block | undefined) => b?.type === 'para';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (!para(b) || b.end - b.start > 8 || !/^(?:序号|编号)$/.test(lineOf(b))) {
      out.push(b);
      continue;
    }
    let k = i + 1;
    let words = 0;
    while (k < blocks.length && k - i < 16 && para(blocks[k]) && !BARE_NUMBER.test(lineOf(blocks[k]))) {
      const t = lineOf(blocks[k]);
      if (t.length > 16 || /[。；]/.test(t) || GROUP_CELL.test(t)) break;
      if (CELL_HEADER.test(t)) words++;
      k++;
    }
    let first = k;
    while (para(blocks[first]) && GROUP_CELL.test(lineOf(blocks[first]))) first++;
    if (k - i < 3 || words < 2 || !para(blocks[first]) || !BARE_NUMBER.test(lineOf(blocks[first]))) {
      out.push(b);
      continue;
    }
    let e = k;
    for (; e < blocks.length && para(blocks[e]); e++) {
      if (/\n[ \t\u3000]*\n/.test(text.slice(blocks[e - 1]!.end, blocks[e]!.start))) break;
      const t = lineOf(blocks[e]);
      // A heading ends the table, unless it is a group row with a row number after it.
      if (/^(?:附件|第[一二三四五六七八九十\d]+[章节部]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(t) && !(GROUP_CELL.test(t) && BARE_NUMBER.test(lineOf(blocks[e + 1])))) break;
    }
    for (let j = i; j < e; j++) out.push({ type: 'row', start: blocks[j]!.start, end: blocks[j]!.end, cells: [{ start: blocks[j]!.start, end: blocks[j]!.end }], table });
    changed = true;
    table += 2;
    i = e - 1;
  }
  return changed ? out : blocks;
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
