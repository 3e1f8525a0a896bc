import { ParseError } from '../errors.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Detects the encoding of a text file: BOMs first, then strict UTF-8, then GB18030 (GBK). */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16 without BOM: many NULs in alternate positions.
  const n = Math.min(bytes.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) evenNul++;
    else oddNul++;
  }
  if (n >= 8 && oddNul > n / 8 && evenNul < n / 64) return 'utf-16le';
  if (n >= 8 && evenNul > n / 8 && oddNul < n / 64) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Decodes bytes as text (BOM removed); throws ParseError for binary content. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName = detectEncoding(bytes)): { text: string; encoding: TextEncodingName } {
  if (encoding === 'utf-8' || encoding === 'gb18030') {
    const n = Math.min(bytes.length, 8192);
    let nul = 0;
    for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
    if (nul > 0) throw new ParseError('input.binary', '文件内容不是文本（含有二进制数据），请确认文件格式，或用 --format 指定正确的格式。');
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    throw new ParseError('file.unreadable', `无法按 ${encoding} 编码读取文件，请另存为 UTF-8 文本后重试。`, { cause });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
