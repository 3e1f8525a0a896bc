import { chineseToNumber } from '../text/numerals.js';
import type { Marker, MarkerRecogniser } from './marker.js';

const SHI = /^([一二三四五六七八九十]{1,3})是[，：、]?/;
const DI = /^第([一二三四五六七八九十]{1,3})[，、：]/;
const SEQ = /^(首先|其次|再次|然后|最后)[，：、]/;
const SEQ_VALUE: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 然后: 4, 最后: 9 };

/** Inline enumerations that open a paragraph: 一是…, 第一，…, 首先/其次/最后. Not path segments. */
export const enumeration: MarkerRecogniser = {
  kind: 'enumeration',
  recognise(canon: string, printed: string): Marker | null {
    const mk = (style: string, m: RegExpExecArray, value: number): Marker => ({
      kind: 'enumeration',
      style,
      printed: printed.slice(0, m[0].length).trim(),
      label: null,
      value,
      length: m[0].length,
    });
    let m = SHI.exec(canon);
    if (m) return mk('enum-shi', m, chineseToNumber(m[1]!));
    m = DI.exec(canon);
    if (m) return mk('enum-di', m, chineseToNumber(m[1]!));
    m = SEQ.exec(canon);
    if (m) return mk('enum-seq', m, SEQ_VALUE[m[1]!] ?? 0);
    return null;
  },
};

/** 一是…二是… inside a paragraph: offsets of each enumerated clause (after the first). */
export function inlineEnumerations(canon: string): Array<{ index: number; value: number }> {
  const out: Array<{ index: number; value: number }> = [];
  for (const m of canon.matchAll(/(?<=^|[。；，])([一二三四五六七八九十]{1,2})是(?=[\u4e00-\u9fff“])/g)) {
    out.push({ index: m.index, value: chineseToNumber(m[1]!) });
  }
  return out.length >= 2 && out[0]!.value === 1 ? out : [];
}
