import type { RemovedSpan } from '../../types.js';
import { decodeEntities } from '../../text/entities.js';
import { MappedTextBuilder, type MappedText } from '../../text/mapped-text.js';

/** Tags of the HTML a site's editor leaves in copied text; anything else with `<` stays as printed. */
const TAG =
  /<\/?(?:p|br|div|span|strong|b|i|em|u|font|a|img|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|section|article|center|sup|sub|hr|o:p|st1:[a-z]+)\b[^<>]{0,400}>|<!--[\s\S]{0,2000}?-->|&(?:nbsp|lt|gt|amp|quot|ldquo|rdquo|lsquo|rsquo|mdash|hellip|middot|emsp|ensp|#\d{2,6});/gi;
/** Tags that end a block: they become a line break so paragraphs stay apart. */
const BLOCK_END = /^<(?:\/(?:p|div|li|h[1-6]|tr|table|section|article|center)|br|hr|(?:p|div|li|h[1-6]|tr|table|section|article|center)\b)/i;
const CELL_END = /^<\/t[dh]\s*>/i;

/**
 * HTML markup left in a text file (`<p style=…>…</p>` pasted from a site's editor): tags go, block
 * ends become line breaks, a table cell end becomes ` | ` so rows stay rows, entities become their
 * characters. Needs two different tags before it acts, so a lone `<b>` in prose is kept. Each
 * run of removed markup is reported (reason `markup`).
 */
export function stripMarkup(input: MappedText, removed: RemovedSpan[], original: string): MappedText {
  const { text } = input;
  if (!text.includes('<') || !/<\/?(?:p|br|div|span|td|tr|strong|font)\b[^<>]*>/i.test(text)) return input;
  const kinds = new Set<string>();
  for (const m of text.matchAll(/<\/?([a-z][a-z0-9]*)\b[^<>]{0,400}>/gi)) {
    kinds.add(m[1]!.toLowerCase());
    if (kinds.size >= 2) break;
  }
  if (kinds.size < 2) return input;
  const b = new MappedTextBuilder(text.length);
  let at = 0;
  let runStart = -1;
  let runEnd = -1;
  const flushRun = () => {
    if (runStart < 0) return;
    const span = { start: input.map[runStart]!, end: input.map[runEnd]! };
    removed.push({ reason: 'markup', text: original.slice(span.start, span.end), span });
    runStart = -1;
  };
  TAG.lastIndex = 0;
  for (const m of text.matchAll(TAG)) {
    const s = m.index;
    const e = s + m[0].length;
    b.copy(text.slice(at, s), at);
    if (m[0][0] === '&') {
      flushRun();
      b.replace(decodeEntities(m[0]), s, e);
    } else {
      if (runStart < 0 || runEnd !== s) {
        flushRun();
        runStart = s;
      }
      runEnd = e;
      if (CELL_END.test(m[0])) b.replace(' | ', s, e);
      else if (BLOCK_END.test(m[0])) b.replace('\n', s, e);
    }
    at = e;
  }
  flushRun();
  b.copy(text.slice(at), at);
  return b.finish(text.length);
}
