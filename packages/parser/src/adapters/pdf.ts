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
  const lefts = lines.map((l) => l.x).sort((a, b) => a - b);
  const margin = lefts[Math.floor(lefts.length * 0.2)] ?? 0;
  const rights = lines.map((l) => l.right).sort((a, b) => a - b);
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
  const pages: string[] = [];
  let chars = 0;
  for (const pageItems of items as Item[][]) {
    // Group items into lines by their baseline.
    const sorted = [...pageItems].filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: Array<{ text: string; x: number; right: number; y: number }> = [];
    for (const it of sorted) {
      const last = lines[lines.length - 1];
      const tol = Math.max(2, (it.fontSize || it.height || 10) * 0.4);
      if (last && Math.abs(last.y - it.y) <= tol) {
        const gap = it.x - last.right;
        const em = it.fontSize || it.height || 10;
        // A wide gap separates table cells; a narrow one is a word space.
        last.text += (gap > em * 1.5 ? ' | ' : gap > em * 0.8 ? ' ' : '') + it.str;
        last.right = Math.max(last.right, it.x + it.width);
      } else lines.push({ text: it.str, x: it.x, right: it.x + it.width, y: it.y });
    }
    for (const l of lines) {
      l.text = tidyPdfSpaces(l.text);
      if (l.text.includes(' | ')) l.text += ' |';
      chars += l.text.length;
    }
    // Drop bare page numbers (— 3 —, 3, -3-).
    const body = lines.filter((l) => !/^[-—–\s]*\d{1,4}[-—–\s]*$/.test(l.text));
    pages.push(rejoinLines(body));
  }
  await (doc as unknown as { destroy?: () => Promise<void> }).destroy?.();
  if (chars === 0) throw new ParseError('pdf.no-text', 'PDF 没有文字层（可能是扫描件），无法读取。请先做文字识别（OCR）或提供 DOCX/文本版本。');
  return pages.join('\n');
}
