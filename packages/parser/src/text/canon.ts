/**
 * The canonical view of a text: same length, same offsets, but with the half-/full-width forms
 * that matter for structure unified, so recognisers need one spelling only. Brackets, colons,
 * semicolons and commas become full-width; digits and Latin letters become ASCII; ideographic
 * and no-break spaces become ASCII spaces. The printed text itself is never changed.
 */
const TABLE: Record<string, string> = {
  '(': '（',
  ')': '）',
  ':': '：',
  ';': '；',
  ',': '，',
  '［': '[',
  '］': ']',
  '\u3000': ' ',
  '\u00a0': ' ',
  '\t': ' ',
  '．': '.',
  '﹒': '.',
  '〈': '〈',
  '<': '〈',
  '>': '〉',
  '＜': '〈',
  '＞': '〉',
  '爲': '为',
};

export function canonChar(ch: string): string {
  const mapped = TABLE[ch];
  if (mapped) return mapped;
  const code = ch.charCodeAt(0);
  // Full-width digits and Latin letters → ASCII.
  if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) {
    return String.fromCharCode(code - 0xfee0);
  }
  if (code === 0xff05) return '%';
  return ch;
}

const NEEDS = /[(),:;［］\u3000\u00a0\t．﹒<>＜＞爲\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]/;
const NEEDS_G = new RegExp(NEEDS.source, 'g');

/** Canonical view of `text`; `canon(text).length === text.length` always. */
export function canon(text: string): string {
  if (!NEEDS.test(text)) return text;
  return text.replace(NEEDS_G, canonChar);
}
