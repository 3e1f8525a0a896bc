const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, up to 99 (then Arabic digits). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** Outline markers in the order GB/T 9704 prescribes: 一、 （一） 1. （1）. */
export const marker = {
  level1: (n: number) => `${chineseNumber(n)}、`,
  level2: (n: number) => `（${chineseNumber(n)}）`,
  level3: (n: number) => `${n}.`,
  level4: (n: number) => `（${n}）`,
};

/** 一是 / 二是 … for enumerations inside a paragraph. */
export const enumerationLead = (n: number) => `${chineseNumber(n)}是`;

/** A rate as a percentage with one decimal ("95.5%"), or "—" when nothing was due. */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const v = Math.round((part / whole) * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}
