import { CIRCLED, chineseToNumber } from '../text/numerals.js';
import type { Marker, MarkerRecogniser } from './marker.js';

const PAREN_CN = /^（\s*([一二三四五六七八九十百]{1,4})\s*）[、.，]?\s*/;
const NUM = /^(\d{1,3})\s*(?:[.、，](?!\d)|）)\s*/;
const PAREN_NUM = /^（\s*(\d{1,3})\s*）[、.，]?\s*/;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){1,3})(?:\s+|(?=[\u4e00-\u9fa5]))/;
const CIRCLE = new RegExp(`^([${CIRCLED}])[、.，]?\\s*`);
/**
 * One-character forms of the same styles: ㈠…㈩ are （一）…（十）, ⑴…⒇ are （1）…（20）,
 * ⒈…⒛ are 1.…20. (as typed with an input method's symbol table).
 */
const GLYPH = /^([\u3220-\u3229\u2474-\u2487\u2488-\u249b])[、.，]?\s*/;
const CN_DIGITS = '一二三四五六七八九十';

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
    let m = GLYPH.exec(canon);
    if (m) {
      const code = m[1]!.charCodeAt(0);
      if (code >= 0x3220) return mk('pcn', m, `（${CN_DIGITS[code - 0x3220]}）`, code - 0x3220 + 1);
      if (code <= 0x2487) return mk('pnum', m, `（${code - 0x2474 + 1}）`, code - 0x2474 + 1);
      return mk('num', m, String(code - 0x2488 + 1), code - 0x2488 + 1);
    }
    m = PAREN_CN.exec(canon);
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
