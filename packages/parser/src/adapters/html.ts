import type { RemovedSpan } from '../types.js';
import { decodeEntities } from '../text/entities.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** Elements whose whole content is not document text. */
const DROP = /<(script|style|noscript|template|nav|header|footer|aside|iframe|svg|canvas|button|select|form)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Containers a government site uses for navigation, by class or id. */
const DROP_BY_CLASS =
  /<(div|ul|ol|section|p|span|table)\b[^>]*\b(?:class|id)\s*=\s*["'][^"']*\b(?:nav|menu|breadcrumb|crumb|footer|header|share|toolbar|sidebar|topbar|position|location|weizhi|dqwz|copyright|related|xgwz|fenxiang)\b[^"']*["'][^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK = /^(?:p|div|br|li|h[1-6]|section|article|blockquote|pre|dt|dd|ul|ol|table|tbody|thead|tfoot|center|hr|title|body|html|form|address|figure|figcaption|main)$/i;

/**
 * Old government sites lay pages out with tables. A table is layout, not data, when it holds
 * another table, when no row has two filled cells, or when a cell holds a whole article; its
 * table tags are turned into <div>s so its text keeps its paragraphs.
 */
export function unwrapLayoutTables(html: string): string {
  const tags = [...html.matchAll(/<(\/?)(table|tr|td|th)\b[^>]*>/gi)];
  if (!tags.some((t) => t[2]!.toLowerCase() === 'table')) return html;
  interface T {
    open: number;
    tagIdx: number[];
    nested: boolean;
    rows: number[];
    longCell: boolean;
    cellStart: number;
  }
  const stack: T[] = [];
  const layout = new Set<number>();
  const owner: number[] = new Array<number>(tags.length).fill(-1);
  tags.forEach((m, i) => {
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (name === 'table' && !closing) {
      if (stack.length) stack[stack.length - 1]!.nested = true;
      stack.push({ open: i, tagIdx: [i], nested: false, rows: [], longCell: false, cellStart: -1 });
      return;
    }
    const t = stack[stack.length - 1];
    if (!t) return;
    t.tagIdx.push(i);
    owner[i] = t.open;
    if (name === 'tr' && !closing) t.rows.push(0);
    else if ((name === 'td' || name === 'th') && !closing) t.cellStart = m.index + m[0].length;
    else if ((name === 'td' || name === 'th') && closing && t.cellStart >= 0) {
      const text = html.slice(t.cellStart, m.index).replace(/<[^>]+>/g, '').replace(/&nbsp;|\s+/g, '');
      if (text.length > 0 && t.rows.length) t.rows[t.rows.length - 1]!++;
      if (text.length > 600) t.longCell = true;
      t.cellStart = -1;
    } else if (name === 'table' && closing) {
      stack.pop();
      if (t.nested || t.longCell || !t.rows.some((n) => n >= 2)) for (const j of t.tagIdx) layout.add(j);
    }
  });
  if (layout.size === 0) return html;
  let out = '';
  let at = 0;
  tags.forEach((m, i) => {
    if (!layout.has(i)) return;
    out += html.slice(at, m.index) + (m[1] === '/' ? '</div>' : '<div>');
    at = m.index + m[0].length;
  });
  return out + html.slice(at);
}

/**
 * HTML (a saved government page, or mammoth's DOCX output) → text: scripts, styles and navigation
 * dropped (reported as `markup` removals with offsets into the HTML), block elements become line
 * breaks, table rows become `cell | cell |` lines that the parser reads as table rows.
 */
export function htmlToText(html: string): { text: string; removed: RemovedSpan[] } {
  const removed: RemovedSpan[] = [];
  const note = (re: RegExp, what: string) =>
    what.replace(re, (m: string, _tag: string, offset: number) => {
      removed.push({ reason: 'markup', text: m.length > 200 ? `${m.slice(0, 200)}…` : m, span: { start: offset, end: offset + m.length } });
      return ' '.repeat(0);
    });
  let s = unwrapLayoutTables(html.replace(/<!--[\s\S]*?-->/g, ''));
  s = note(DROP, s);
  s = note(DROP_BY_CLASS, s);
  // Prefer the <body> when there is one.
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(s);
  if (body) s = body[1]!;
  const out: string[] = [];
  let cellOpen = false;
  let rowCells = 0;
  // Merged cells: a cell with rowspan is repeated in the rows it spans (a 牵头单位 merged over three
  // tasks is the lead of each), a colspan leaves empty cells after it, so every row keeps its columns.
  const grids: Array<{ carry: Array<{ text: string; left: number } | undefined>; col: number; cell: { at: number; rows: number; cols: number } | null }> = [];
  const separate = () => {
    if (rowCells > 0) out.push(' | ');
    rowCells++;
  };
  const carried = (g: (typeof grids)[number], all: boolean) => {
    for (let c = g.carry[g.col]; c && c.left > 0; c = g.carry[g.col]) {
      separate();
      out.push(c.text);
      c.left--;
      g.col++;
    }
    if (all) for (let k = g.col; k < g.carry.length; k++) if ((g.carry[k]?.left ?? 0) > 0) {
      while (g.col < k) {
        separate();
        g.col++;
      }
      const c = g.carry[k]!;
      separate();
      out.push(c.text);
      c.left--;
      g.col++;
    }
  };
  const span = (tag: string, name: string) => {
    const m = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d{1,3})`, 'i').exec(tag);
    return m ? Math.max(1, Math.min(50, Number(m[1]))) : 1;
  };
  // Automatic numbering (Word lists come out of mammoth as <ol><li> without their numbers).
  const lists: Array<{ ordered: boolean; n: number }> = [];
  for (const m of s.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+)/g)) {
    if (m[2] !== undefined) {
      let t = decodeEntities(m[2]);
      t = cellOpen ? t.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '｜') : t.replace(/[ \t\r\n]+/g, (w) => (w.includes('\n') ? ' ' : w));
      out.push(t);
      continue;
    }
    const tag = m[1]!.toLowerCase();
    const closing = m[0][1] === '/';
    if (tag === 'table') {
      if (!closing) grids.push({ carry: [], col: 0, cell: null });
      else grids.pop();
    }
    const grid = grids[grids.length - 1];
    if (tag === 'tr') {
      if (!closing) {
        if (!out[out.length - 1]?.endsWith('\n')) out.push('\n');
        rowCells = 0;
        if (grid) grid.col = 0;
      } else {
        if (grid && rowCells > 0) carried(grid, true);
        out.push(rowCells > 0 ? ' |\n' : '\n');
      }
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      if (!closing) {
        if (grid) carried(grid, false);
        separate();
        cellOpen = true;
        if (grid) grid.cell = { at: out.length, rows: span(m[0], 'rowspan'), cols: span(m[0], 'colspan') };
      } else {
        cellOpen = false;
        const cell = grid?.cell;
        if (grid && cell) {
          const text = out.slice(cell.at).join('').trim();
          for (let k = 0; k < cell.cols; k++) {
            if (k > 0) separate();
            if (cell.rows > 1) grid.carry[grid.col] = { text: k === 0 ? text : '', left: cell.rows - 1 };
            grid.col++;
          }
          grid.cell = null;
        }
      }
      continue;
    }
    if (tag === 'ol' || tag === 'ul') {
      if (!closing) lists.push({ ordered: tag === 'ol', n: 0 });
      else lists.pop();
      out.push('\n');
      continue;
    }
    if (tag === 'li' && !closing && !cellOpen) {
      out.push('\n');
      const list = lists[lists.length - 1];
      if (list?.ordered) {
        list.n++;
        const depth = lists.filter((l) => l.ordered).length;
        out.push(depth <= 1 ? `${list.n}.` : depth === 2 ? `（${list.n}）` : (CIRCLED[list.n - 1] ?? `${list.n})`));
      }
      continue;
    }
    if (cellOpen && (tag === 'p' || tag === 'br' || tag === 'div' || tag === 'li')) {
      out.push(' ');
      continue;
    }
    if (BLOCK.test(tag)) out.push('\n');
  }
  const text = out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, removed };
}

/** Does this text look like an HTML document? */
export function looksLikeHtml(head: string): boolean {
  const h = head.slice(0, 2048).trimStart().toLowerCase();
  if (/^<!doctype html|^<html|^<\?xml[^>]*>\s*<html/.test(h)) return true;
  const tags = (head.slice(0, 8192).match(/<\/?(?:p|div|span|table|td|tr|br|body|head|meta|a)\b[^>]*>/gi) ?? []).length;
  return tags >= 5;
}
