import { CN_NUM, chineseToNumber } from '../text/numerals.js';
import type { Marker, MarkerRecogniser } from './marker.js';

const RE = new RegExp(`^第(${CN_NUM}+|\\d{1,3})(节|条)[、.，：\\s]*`);

/** 第X节 (sections) and 第X条 (articles). */
export const section: MarkerRecogniser = {
  kind: 'section',
  recognise(canon: string, printed: string): Marker | null {
    const m = RE.exec(canon);
    if (!m) return null;
    const value = chineseToNumber(m[1]!);
    if (!Number.isFinite(value)) return null;
    const style = m[2] === '节' ? 'section' : 'article';
    return {
      kind: m[2] === '节' ? 'section' : 'item',
      style,
      printed: printed.slice(0, m[0].length).trim(),
      label: `第${m[1]}${m[2]}`,
      value,
      length: m[0].length,
    };
  },
};
