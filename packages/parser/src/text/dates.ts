import { chineseDigits, chineseToNumber } from './numerals.js';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m))) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

// Years are also printed with a Latin O or a digit 0 among the numerals (二O二三年, 二0二三年).
const CN = '[零〇○ＯO0一二三四五六七八九十]';
/** A date in Chinese numerals (二〇二四年十二月三十日), as a pattern source without groups. */
export const CN_DATE_SOURCE = `${CN}{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日`;
const DATE_ARABIC = /((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?/;
const DATE_CN = new RegExp(`(${CN}{4})年(${CN}{1,3})月(${CN}{1,3})日`);

/** A full date printed as 2022年3月14日, 2022-03-14 or 二○○九年九月八日. */
export function parseFullDate(s: string): { iso: string; index: number; length: number } | null {
  const a = DATE_ARABIC.exec(s);
  const c = DATE_CN.exec(s);
  if (a && (!c || a.index <= c.index)) {
    const iso = isoDate(Number(a[1]), Number(a[2]), Number(a[3]));
    if (iso) return { iso, index: a.index, length: a[0].length };
  }
  if (c) {
    const iso = isoDate(chineseDigits(c[1]!), chineseToNumber(c[2]!), chineseToNumber(c[3]!));
    if (iso) return { iso, index: c.index, length: c[0].length };
  }
  return null;
}

/** A paragraph that is nothing but a date (a 落款 line). */
export function standaloneDate(s: string): string | null {
  const t = s.replace(/\s+/g, '');
  if (t.length > 16) return null;
  const d = parseFullDate(t);
  return d && d.length >= t.length - 1 ? d.iso : null;
}

/**
 * Resolves a printed deadline to an ISO date: 2022年3月底前 → 2022-03-31, 年底前 → the plan
 * year's 12-31, 2022年6月30日前 → 2022-06-30, 2023年上半年 → 2023-06-30. 长期坚持, 持续推进 → null.
 */
export function resolveDeadline(printed: string, year: number | null): string | null {
  const s = printed.replace(/\s+/g, '');
  if (/长期|持续|常态|每年|逐年|定期/.test(s) && !/\d{4}年/.test(s)) return null;
  const full = parseFullDate(s);
  if (full) return full.iso;
  let y = year;
  let rest = s;
  // "2023年至2025年", "2023—2025年": a period ends with its last year.
  const ym = /((?:19|20)\d{2})年?(?:[—\-–~～至到])((?:19|20)\d{2})年/.exec(s) ?? /((?:19|20)\d{2})年/.exec(s);
  if (ym && ym[2]) {
    y = Number(ym[2]);
    rest = s.slice(ym.index + ym[0].length);
  } else if (ym) {
    y = Number(ym[1]);
    rest = s.slice(ym.index + ym[0].length);
  }
  if (y == null) return null;
  const m = /^(\d{1,2})月/.exec(rest) ?? /(\d{1,2})月(?:底|末|中旬|上旬|下旬|份|前|$)/.exec(rest);
  if (m) {
    const mo = Number(m[1]);
    if (/上旬/.test(rest)) return isoDate(y, mo, 10);
    if (/中旬/.test(rest)) return isoDate(y, mo, 20);
    return isoDate(y, mo, lastDay(y, mo));
  }
  if (/上半年/.test(rest)) return isoDate(y, 6, 30);
  if (/第一季度|一季度/.test(rest)) return isoDate(y, 3, 31);
  if (/第二季度|二季度/.test(rest)) return isoDate(y, 6, 30);
  if (/第三季度|三季度/.test(rest)) return isoDate(y, 9, 30);
  if (/年底|年末|下半年|第四季度|四季度|全年|^前?$|^底前?$/.test(rest) || ym) return isoDate(y, 12, 31);
  return null;
}
