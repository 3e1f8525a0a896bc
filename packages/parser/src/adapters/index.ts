/**
 * Format adapters: bytes of a TXT (UTF-8/BOM/UTF-16/GB18030), HTML, DOCX, PDF, XLSX or CSV file
 * → text for the core parser. Async, and may use heavier libraries (mammoth, unpdf, exceljs);
 * the core (`@xietong/parser`) stays synchronous and pure.
 */
import { ParseError } from '../errors.js';
import { parsePlan } from '../index.js';
import type { ParsedPlan, RemovedSpan } from '../types.js';
import { detectFormat, type FormatOption, type InputFormat } from './detect.js';
import { decodeText } from './encoding.js';
import { htmlToText } from './html.js';
import { pdfToText } from './pdf.js';
import { csvToText, xlsxToText } from './xlsx.js';
import { guardInflatedSize, guardZip, listZip } from './zip.js';

export { ParseError } from '../errors.js';
export type { ParseErrorCode } from '../errors.js';
export { detectFormat, type FormatOption, type InputFormat } from './detect.js';
export { decodeText, detectEncoding } from './encoding.js';
export { htmlToText } from './html.js';
export { rejoinLines, tidyPdfSpaces } from './pdf.js';
export { csvToText, parseCsv, rowsToText } from './xlsx.js';
export { MAX_UNCOMPRESSED } from './zip.js';

export interface ReadOptions {
  filename?: string;
  format?: FormatOption;
  /** Year for 年底前 when the document states none. */
  defaultYear?: number;
}

export interface ReadDocument {
  text: string;
  format: InputFormat;
  /** Markup dropped by the HTML/DOCX adapters (offsets into the HTML). */
  removed: RemovedSpan[];
}

/** Largest input file accepted, in bytes. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Reads a document's bytes into text, detecting its format (or using `format`). */
export async function readDocument(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadDocument> {
  if (bytes.length > MAX_FILE_BYTES) throw new ParseError('input.too-large', '文件超过 100 MB，请拆分后再导入。');
  const detected = detectFormat(bytes, options.filename);
  const format: InputFormat = options.format && options.format !== 'auto' ? options.format : detected.format;
  switch (format) {
    case 'txt': {
      if (detected.format !== 'txt' && detected.format !== 'csv' && detected.format !== 'html') {
        throw new ParseError('format.unsupported', `文件内容是 ${detected.format.toUpperCase()}，不能按纯文本读取。请去掉 --format txt 或改为 --format ${detected.format}。`);
      }
      return { text: requireText(decodeText(bytes).text), format, removed: [] };
    }
    case 'csv':
      return { text: requireText(csvToText(decodeText(bytes).text)), format, removed: [] };
    case 'html': {
      const { text, removed } = htmlToText(decodeText(bytes).text);
      return { text: requireText(text), format, removed };
    }
    case 'docx': {
      const zip = detected.zip ?? listZipOrFail(bytes, 'DOCX');
      guardZip(zip, 'DOCX 文件');
      await guardInflatedSize(bytes, zip, 'DOCX 文件');
      if (!zip.some((e) => e.name === 'word/document.xml')) throw new ParseError('format.corrupt', '文件不是有效的 DOCX（缺少正文），请用 Word/WPS 重新另存为 .docx。');
      const mammoth = (await import('mammoth')).default;
      let html: string;
      try {
        // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; both accept these bytes.
        const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        const input = { buffer: bytes, arrayBuffer: ab } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
        html = (await mammoth.convertToHtml(input)).value;
      } catch (cause) {
        throw new ParseError('format.corrupt', 'DOCX 文件无法读取，可能已损坏。请用 Word/WPS 重新另存为 .docx 后再导入。', { cause });
      }
      const { text, removed } = htmlToText(html);
      return { text: requireText(text), format, removed };
    }
    case 'xlsx': {
      const zip = detected.zip ?? listZipOrFail(bytes, 'XLSX');
      guardZip(zip, 'XLSX 文件');
      await guardInflatedSize(bytes, zip, 'XLSX 文件');
      return { text: requireText(await xlsxToText(bytes)), format, removed: [] };
    }
    case 'pdf':
      if (detected.format !== 'pdf') throw new ParseError('format.unsupported', '文件内容不是 PDF，请去掉 --format pdf 让程序自动识别格式。');
      return { text: requireText(await pdfToText(bytes)), format, removed: [] };
    default:
      throw new ParseError('format.unsupported', `不支持的格式“${String(format)}”，可选 auto、txt、html、docx、pdf、xlsx、csv。`);
  }
}

function listZipOrFail(bytes: Uint8Array, label: string) {
  try {
    return listZip(bytes);
  } catch {
    throw new ParseError('format.unsupported', `文件内容不是 ${label}，请去掉 --format 让程序自动识别格式。`);
  }
}

function requireText(text: string): string {
  if (!text.trim()) throw new ParseError('input.empty', '文件中没有可读取的文字，请确认文件内容（扫描件需要先做文字识别）。');
  return text;
}

/** Reads and parses a document: bytes in, structured plan out. Throws only ParseError. */
export async function parseDocument(bytes: Uint8Array, options: ReadOptions = {}): Promise<ParsedPlan> {
  let doc: ReadDocument;
  try {
    doc = await readDocument(bytes, options);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError('file.unreadable', `文件无法读取：${(e as Error)?.message ?? String(e)}。请确认文件完整后重试。`, { cause: e });
  }
  const plan = parsePlan(doc.text, { format: doc.format, ...(options.defaultYear ? { defaultYear: options.defaultYear } : {}) });
  if (doc.removed.length === 0) return plan;
  return Object.freeze({ ...plan, removed: Object.freeze([...doc.removed, ...plan.removed]) as RemovedSpan[] });
}
