import { chineseToNumber } from '../text/numerals.js';
import type { Marker, MarkerRecogniser } from './marker.js';

const RE = /^([一二三四五六七八九十百]{1,4})\s*[、.]\s*/;
/** 一）: a closing bracket without an opening one is a style of its own. */
const CLOSED = /^([一二三四五六七八九十]{1,3})）\s*/;

/** 一、 headings. Unnumbered headings are also of kind `heading` (see isUnnumberedHeading). */
export const heading: MarkerRecogniser = {
  kind: 'heading',
  recognise(canon: string, printed: string): Marker | null {
    const m = RE.exec(canon) ?? CLOSED.exec(canon);
    if (!m) return null;
    const value = chineseToNumber(m[1]!);
    if (!Number.isFinite(value) || value === 0) return null;
    return { kind: 'heading', style: m[0].includes('）') ? 'rcn' : 'cn', printed: printed.slice(0, m[0].length).trim(), label: m[1]!, value, length: m[0].length };
  },
};

/**
 * A short line without sentence punctuation (沿江发展轴, 扎实推进…建设) or a very short
 * lead-in ending in 。 is kept as an unnumbered heading node.
 */
export function isUnnumberedHeading(canon: string): boolean {
  const t = canon.trim();
  if (t.length === 0 || t.length > 40) return false;
  if (/[。；！？]$/.test(t)) return t.length <= 12 && !/[，、]/.test(t);
  return !/[。；，：！？]/.test(t);
}
