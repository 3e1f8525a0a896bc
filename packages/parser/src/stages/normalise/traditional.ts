import * as OpenCCModule from 'opencc-js/t2cn';
import { MappedTextBuilder, type MappedText } from '../../text/mapped-text.js';

type Convert = (s: string) => string;
/** The part of opencc-js used here (its t2cn entry is typed through the full build's types). */
const OpenCC = OpenCCModule as unknown as {
  Converter(options: { from: string; to: string }): Convert;
  Locale: { from: Record<string, readonly unknown[]>; to: Record<string, readonly unknown[]> };
};
let converter: Convert | null = null;
/** Taiwan then Hong Kong variants → simplified (衞, 綫 are Hong Kong forms OpenCC's tw table keeps). */
const getConverter = (): Convert => {
  if (!converter) {
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    converter = (s) => hk(tw(s));
  }
  return converter;
};

/** Per-character cache: 1 = converts to something else (a traditional form), 2 = unchanged. */
const isTraditional = new Uint8Array(0x10000);
/** Single-character conversions, cached. */
const charMap = new Map<string, string>();

/**
 * Multi-character keys of OpenCC's phrase dictionaries (Taiwan variant phrases and traditional →
 * simplified phrases), by first character. A line containing one is converted with the full
 * converter; any other line character by character, which gives the same result much faster.
 */
let phraseKeys: Map<string, string[]> | null = null;
/** 1 where a code unit starts some phrase key. */
const phraseStart = new Uint8Array(0x10000);
function getPhraseKeys(): Map<string, string[]> {
  if (phraseKeys) return phraseKeys;
  phraseKeys = new Map();
  const groups = [...(OpenCC.Locale.from.tw ?? []), ...(OpenCC.Locale.from.hk ?? []), ...(OpenCC.Locale.to.cn ?? [])];
  for (const group of groups) {
    for (const dict of group as readonly unknown[]) {
      if (typeof dict !== 'string') continue;
      for (const entry of dict.split('|')) {
        const key = entry.slice(0, entry.indexOf(' '));
        if (key.length < 2) continue;
        const list = phraseKeys.get(key[0]!) ?? [];
        list.push(key);
        phraseKeys.set(key[0]!, list);
        phraseStart[key.charCodeAt(0)] = 1;
      }
    }
  }
  return phraseKeys;
}

function hasPhrase(line: string): boolean {
  const keys = getPhraseKeys();
  for (let i = 0; i < line.length; i++) {
    if (phraseStart[line.charCodeAt(i)] !== 1) continue;
    const list = keys.get(line[i]!);
    if (list && list.some((k) => line.startsWith(k, i))) return true;
  }
  return false;
}

function convertChars(line: string): string {
  let out = '';
  for (const ch of line) {
    const c = ch.charCodeAt(0);
    if (c < 0x3400 || isTraditional[c] === 2) {
      out += ch;
      continue;
    }
    let v = charMap.get(ch);
    if (v === undefined) {
      v = getConverter()(ch);
      charMap.set(ch, v);
    }
    out += v;
  }
  return out;
}

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

function convertLine(line: string): string {
  return hasPhrase(line) ? getConverter()(line) : convertChars(line);
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
      const out = convertLine(line);
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

/** Simplified form of a short string (for text outside the normalised text, e.g. removed lines). */
export function simplify(s: string): string {
  return hasTraditional(s) ? convertLine(s) : s;
}
