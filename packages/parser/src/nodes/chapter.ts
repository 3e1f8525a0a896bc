import { CN_NUM, chineseToNumber } from '../text/numerals.js';
import type { Marker, MarkerRecogniser } from './marker.js';

const RE = new RegExp(`^第(${CN_NUM}+|\\d{1,3})([章编篇部分]{1,2})[、.，：\\s]*`);

/** 第X章 (and 第X编/篇/部分): the top level of long plans. */
export const chapter: MarkerRecogniser = {
  kind: 'chapter',
  recognise(canon: string, printed: string): Marker | null {
    const m = RE.exec(canon);
    if (!m || m[2] === '部' ) return null;
    const value = chineseToNumber(m[1]!);
    if (!Number.isFinite(value)) return null;
    return { kind: 'chapter', style: 'chapter', printed: printed.slice(0, m[0].length).trim(), label: `第${m[1]}${m[2]}`, value, length: m[0].length };
  },
};
