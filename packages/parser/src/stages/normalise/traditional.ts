import * as OpenCC from 'opencc-js/t2cn';
import { MappedTextBuilder, type MappedText } from '../../text/mapped-text.js';

type Convert = (s: string) => string;
let converter: Convert | null = null;
const getConverter = (): Convert => (converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));

/** Per-character cache: 1 = converts to something else (a traditional form), 2 = unchanged. */
const isTraditional = new Uint8Array(0x10000);

function hasTraditional(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x3400) continue;
    let v = isTraditional[c]!;
    if (v === 0) {
      const ch = line[i]!;
      v = getConverter()(ch) !== ch ? 1 : 2;
      isTraditional[c] = v;
    }
    if (v === 1) return true;
  }
  return false;
}

/**
 * Traditional (including Taiwan and Hong Kong variants) → simplified, line by line, only on lines
 * that contain a traditional character. OpenCC converts phrases too (乾隆 stays, 頭髮 → 头发);
 * when a line's length changes, its characters map proportionally.
 */
export function toSimplified(input: MappedText): { text: MappedText; converted: number } {
  const { text } = input;
  let converted = 0;
  let b: MappedTextBuilder | null = null;
  let copiedTo = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (hasTraditional(line)) {
      const out = getConverter()(line);
      if (out !== line) {
        b ??= new MappedTextBuilder(text.length);
        b.copy(text.slice(copiedTo, lineStart), copiedTo);
        if (out.length === line.length) b.copy(out, lineStart);
        else b.replace(out, lineStart, lineEnd);
        copiedTo = lineEnd;
        converted++;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (!b) return { text: input, converted };
  b.copy(text.slice(copiedTo), copiedTo);
  return { text: b.finish(text.length), converted };
}
