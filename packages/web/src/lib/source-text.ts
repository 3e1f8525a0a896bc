/**
 * Re-reading the original file of a text-format import in the browser, exactly as the server's
 * parser read it (same decoding, HTML cleaning and parse), to get the normalised text the spans
 * point into and what normalisation removed. Binary formats (docx, pdf, xlsx) are not re-read here.
 */
import { parsePlan, type ParsedPlan } from '@xietong/parser';
import { decodeText } from '../../../parser/src/adapters/encoding';
import { htmlToText } from '../../../parser/src/adapters/html';
import { csvToText } from '../../../parser/src/adapters/xlsx';

export type TextFormat = 'txt' | 'html' | 'csv';

export function textFormatOf(filename: string, mime: string): TextFormat | null {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  if (ext === 'html' || ext === 'htm' || mime.includes('html')) return 'html';
  if (ext === 'csv' || mime.includes('csv')) return 'csv';
  if (ext === 'txt' || ext === 'text' || mime.startsWith('text/plain')) return 'txt';
  return null;
}

/** The parse of a text-format source file, or null when the format is not a text format. */
export function reparseSource(bytes: Uint8Array, filename: string, mime: string): { plan: ParsedPlan; original: string } | null {
  const format = textFormatOf(filename, mime);
  if (!format) return null;
  const decoded = decodeText(bytes).text;
  if (format === 'html') {
    // Markup removed by the HTML stage points into the raw HTML, not into the text the review
    // shows; the reviewer sees what the parser itself removed (boilerplate, navigation, …).
    const { text } = htmlToText(decoded);
    return { plan: parsePlan(text, { format }), original: text };
  }
  const text = format === 'csv' ? csvToText(decoded) : decoded;
  return { plan: parsePlan(text, { format }), original: text };
}
