import { ParseError } from '../errors.js';
import type { ParsedPlan } from '../types.js';
import { detectEncoding } from './encoding.js';
import { looksLikeHtml } from './html.js';
import { listZip, type ZipEntry } from './zip.js';

export type InputFormat = ParsedPlan['format'];
export type FormatOption = InputFormat | 'auto';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** Signatures of files that are certainly not plans we can read. */
const REFUSED: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
  [[0x42, 0x4d], 'BMP 图片'],
  [[0x52, 0x49, 0x46, 0x46], 'RIFF 媒体文件'],
  [[0x49, 0x49, 0x2a, 0x00], 'TIFF 图片'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF 图片'],
  [[0x1f, 0x8b], 'gzip 压缩包'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包'],
  [[0x7f, 0x45, 0x4c, 0x46], '可执行程序'],
  [[0x4d, 0x5a], '可执行程序'],
];

/**
 * Detects the format from the bytes (the file name only breaks ties between text and CSV).
 * Throws ParseError for empty, binary or unsupported files.
 */
export function detectFormat(bytes: Uint8Array, filename?: string): { format: InputFormat; zip: ZipEntry[] | null } {
  if (bytes.length === 0) throw new ParseError('input.empty', '文件是空的（0 字节），请确认选择了正确的文件。');
  for (const [sig, what] of REFUSED) {
    if (startsWith(bytes, sig) && !(what === 'BMP 图片' && bytes.length > 2 && bytes[2]! >= 0x20 && bytes[2]! < 0x7f && !startsWith(bytes, [0x42, 0x4d, 0x36]))) {
      throw new ParseError('format.unsupported', `这是${what}，不是规划文本，无法解析。请提供 TXT、HTML、DOCX、PDF、XLSX 或 CSV 文件。`);
    }
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ParseError('format.unsupported', '这是旧版 Office 文件（.doc/.xls）或已加密的 Office 文件，无法直接解析。请用 Word/WPS 另存为 .docx（或 .xlsx），并取消密码后再导入。');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { format: 'pdf', zip: null };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const zip = listZip(bytes);
    if (zip.some((e) => e.name === 'word/document.xml')) return { format: 'docx', zip };
    if (zip.some((e) => e.name === 'xl/workbook.xml')) return { format: 'xlsx', zip };
    throw new ParseError('format.unsupported', '这是一个压缩包（不是 DOCX 或 XLSX），请解压后选择其中的规划文件。');
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 8192));
  if (looksLikeHtml(head)) return { format: 'html', zip: null };
  if (filename && /\.csv$/i.test(filename)) return { format: 'csv', zip: null };
  // A file named .txt is read as a table only when every sampled line has exactly the header's
  // separators: prose copied from a web page often has ASCII commas, and reading it as CSV loses it.
  const strict = !!filename && /\.txt$/i.test(filename);
  if (looksLikeCsv(new TextDecoder(detectEncoding(bytes)).decode(bytes.subarray(0, 8192)), strict)) return { format: 'csv', zip: null };
  if (filename && /\.html?$/i.test(filename)) return { format: 'html', zip: null };
  return { format: 'txt', zip: null };
}

/** A task table saved as CSV: a header row with table vocabulary and rows with as many separators. */
function looksLikeCsv(head: string, strict = false): boolean {
  const lines = head.split(/\r?\n/).filter((l) => l.trim()).slice(0, 6);
  if (lines.length < 2) return false;
  const first = lines[0]!;
  const sep = (first.match(/\t/g) ?? []).length > (first.match(/,/g) ?? []).length ? '\t' : ',';
  const count = (l: string) => l.split(sep).length - 1;
  if (count(first) < 2 || !/序号|任务|单位|时限|指标/.test(first) || /[。；]/.test(first)) return false;
  if (strict) return lines.length >= 3 && lines.every((l) => count(l) === count(first));
  return lines.slice(1).filter((l) => count(l) >= count(first)).length >= Math.ceil((lines.length - 1) / 2);
}
