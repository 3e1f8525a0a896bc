/** Chinese numerals as used in outline markers and dates. */
const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, Ｏ: 0, O: 0, o: 0, '0': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CN_NUM = '[零〇○一二两三四五六七八九十百千]';

/** Value of a Chinese numeral such as 十三, 二十一, 一百零五; NaN when not one. */
export function chineseToNumber(s: string): number {
  if (!s) return NaN;
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const d = DIGIT[ch];
    const u = UNIT[ch];
    if (d !== undefined) current = d;
    else if (u !== undefined) {
      total += (current || 1) * u;
      current = 0;
    } else return NaN;
  }
  return total + current;
}

/** Digit-by-digit reading, for years written 二○○九. */
export function chineseDigits(s: string): number {
  let out = '';
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d === undefined) return NaN;
    out += String(d);
  }
  return out ? Number(out) : NaN;
}

export const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** Value of a Chinese amount with 万/亿 (三万, 五千, 一百零五亿); NaN when not a well-formed numeral. */
export function chineseAmount(s: string): number {
  if (!s || /[一二两三四五六七八九][一二两三四五六七八九]/.test(s)) return NaN;
  let total = 0;
  let rest = s;
  for (const [mark, scale] of [['亿', 1e8], ['万', 1e4]] as const) {
    const at = rest.indexOf(mark);
    if (at < 0) continue;
    const head = at === 0 ? 1 : chineseToNumber(rest.slice(0, at));
    if (!Number.isFinite(head)) return NaN;
    total += head * scale;
    rest = rest.slice(at + 1);
  }
  const tail = rest ? chineseToNumber(rest.replace(/^[零〇]/, '')) : 0;
  return Number.isFinite(tail) ? total + tail : NaN;
}
