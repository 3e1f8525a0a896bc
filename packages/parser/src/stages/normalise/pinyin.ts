import type { RemovedSpan } from '../../types.js';
import { MappedTextBuilder, type MappedText } from '../../text/mapped-text.js';
import { tonelessGlosses } from '../../text/pinyin.js';

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
/** `(fā)`, `(huì )`: a bracketed Latin syllable carrying a tone mark. */
const TONED_RE = new RegExp(`[（(][a-zü\\n]{0,7}[${TONED}][a-zü\\n]{0,7} ?[)）]`, 'g');
/** `(de)` after a Chinese character: only stripped in documents that clearly carry pinyin. */
const PLAIN_RE = /(?<=[\u4e00-\u9fff])[（(](?:[bcdfghjklmnpqrstwxyz]h?[aeiouü][a-z]{0,4}|[aeo][inr]?g?) ?[)）]/g;

/** Removes inline pinyin annotations such as 發(fā), 長(cháng); each removal is reported. */
export function stripPinyin(input: MappedText, removed: RemovedSpan[]): MappedText {
  const { text } = input;
  const hits: Array<[number, number]> = [];
  for (const m of text.matchAll(TONED_RE)) hits.push([m.index, m.index + m[0].length]);
  if (hits.length >= 5) {
    for (const m of text.matchAll(PLAIN_RE)) hits.push([m.index, m.index + m[0].length]);
  } else {
    // Toneless glosses (地(di), 号(hao)) anywhere: only real Mandarin syllables (text/pinyin.ts).
    hits.push(...tonelessGlosses(text));
  }
  if (hits.length === 0) return input;
  hits.sort((a, b) => a[0] - b[0]);
  const b = new MappedTextBuilder(text.length);
  let at = 0;
  for (const [s, e] of hits) {
    if (s < at) continue;
    b.copy(text.slice(at, s), at);
    removed.push({ reason: 'pinyin', text: text.slice(s, e), span: { start: input.map[s]!, end: input.map[e]! } });
    at = e;
  }
  b.copy(text.slice(at), at);
  return b.finish(text.length);
}
