import { chapter } from './chapter.js';
import { enumeration } from './enumeration.js';
import { heading } from './heading.js';
import { item } from './item.js';
import type { Marker, MarkerRecogniser } from './marker.js';
import { section } from './section.js';
import { CIRCLED } from '../text/numerals.js';

export type { Marker, MarkerRecogniser } from './marker.js';
export { isUnnumberedHeading } from './heading.js';
export { inlineEnumerations } from './enumeration.js';

/** In order of precedence: 第X章 before 第X节 before 一、 before items before 一是. */
export const RECOGNISERS: readonly MarkerRecogniser[] = [chapter, section, heading, item, enumeration];

export function recogniseMarker(canon: string, printed: string): Marker | null {
  for (const r of RECOGNISERS) {
    const m = r.recognise(canon, printed);
    if (m) return m;
  }
  return null;
}

const CN = '一二三四五六七八九';
function toChinese(n: number): string {
  if (n < 10) return CN[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN[tens - 1]!}十${ones ? CN[ones - 1]! : ''}`;
}

/**
 * "?。ǘ┩推进…": a paragraph whose first characters are garbled (GBK read as something else ate
 * the number) right after a numbered sibling is the next item of that sibling's style. Returns
 * the marker it stands for, or null when the start is not garbled or the style cannot be continued.
 */
export function garbledMarker(canon: string, printed: string, prev: { style: string | null; kind: Marker['kind']; value: number } | null): Marker | null {
  if (!prev || prev.value <= 0 || prev.value >= 99) return null;
  const m = /^[?？\ufffd][^\n]{0,5}?[\u00c0-\u02ff\u2500-\u259f\u3105-\u312f\uac00-\ud7af\ue000-\uf8ff\ufe50-\ufe6f]+/.exec(canon);
  if (!m || canon.length - m[0].length < 6) return null;
  const value = prev.value + 1;
  const label =
    prev.style === 'pcn' ? `（${toChinese(value)}）`
    : prev.style === 'pnum' ? `（${value}）`
    : prev.style === 'num' || prev.style === 'rnum' ? String(value)
    : prev.style === 'cn' || prev.style === 'rcn' ? toChinese(value)
    : prev.style === 'circ' && value <= 20 ? CIRCLED[value - 1]!
    : null;
  if (label == null) return null;
  return { kind: prev.kind, style: prev.style!, printed: printed.slice(0, m[0].length), label, value, length: m[0].length };
}
