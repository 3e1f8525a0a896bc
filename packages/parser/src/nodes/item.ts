import { CIRCLED, chineseToNumber } from '../text/numerals.js';
import type { Marker, MarkerRecogniser } from './marker.js';

const PAREN_CN = /^（\s*([一二三四五六七八九十百]{1,4})\s*）[、.，]?\s*/;
const NUM = /^(\d{1,3})\s*(?:[.、，](?!\d)|）)\s*/;
const PAREN_NUM = /^（\s*(\d{1,3})\s*）[、.，]?\s*/;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){1,3})(?:\s+|(?=[\u4e00-\u9fa5]))/;
const CIRCLE = new RegExp(`^([${CIRCLED}])[、.，]?\\s*`);

/** （一）, 1. / 1、 / 1．/ 1）, （1）, ①: items at every lower level. Table rows are items too. */
export const item: MarkerRecogniser = {
  kind: 'item',
  recognise(canon: string, printed: string): Marker | null {
    const mk = (style: string, m: RegExpExecArray, label: string, value: number): Marker => ({
      kind: 'item',
      style,
      printed: printed.slice(0, m[0].length).trim(),
      label,
      value,
      length: m[0].length,
    });
    let m = PAREN_CN.exec(canon);
    if (m) return mk('pcn', m, `（${m[1]}）`, chineseToNumber(m[1]!));
    m = PAREN_NUM.exec(canon);
    if (m) return mk('pnum', m, `（${Number(m[1])}）`, Number(m[1]));
    m = DECIMAL.exec(canon);
    if (m && !/^\d{1,2}\.\d{1,2}\s*(?:[%万亿千百]|个|元|倍|年|米|公里)/.test(canon)) {
      const depth = m[1]!.split('.').length;
      return mk(`dec${depth}`, m, m[1]!, Number(m[1]!.split('.').pop()));
    }
    m = NUM.exec(canon);
    if (m) {
      // "1）" is a style of its own, "1." and "1、" share one.
      const style = m[0].includes('）') ? 'rnum' : 'num';
      return mk(style, m, String(Number(m[1])), Number(m[1]));
    }
    m = CIRCLE.exec(canon);
    if (m) return mk('circ', m, m[1]!, CIRCLED.indexOf(m[1]!) + 1);
    return null;
  },
};
