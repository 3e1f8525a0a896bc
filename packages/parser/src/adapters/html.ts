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
    if (tag === 'tr') {
      if (!closing) {
        if (!out[out.length - 1]?.endsWith('\n')) out.push('\n');
        rowCells = 0;
      } else out.push(rowCells > 0 ? ' |\n' : '\n');
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      if (!closing) {
        if (rowCells > 0) out.push(' | ');
        rowCells++;
        cellOpen = true;
      } else cellOpen = false;
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
