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
  '［': '（',
  '］': '）',
  '[': '（',
  ']': '）',
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
  '【': '（',
  '】': '）',
  '〖': '（',
  '〗': '）',
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

const NEEDS = /[(),:;［］[\]【】〖〗\u3000\u00a0\t．﹒<>＜＞爲\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]/;

/** Code unit → canonical code unit (0 = unchanged). */
const TABLE_CODES = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c);
  if (NEEDS.test(ch)) TABLE_CODES[c] = canonChar(ch).charCodeAt(0);
}
const utf16 = new TextDecoder('utf-16le');

/** Canonical view of `text`; `canon(text).length === text.length` always. */
export function canon(text: string): string {
  if (!NEEDS.test(text)) return text;
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = TABLE_CODES[c] || c;
  }
  return utf16.decode(out);
}
