/**
 * Pinyin syllables without tone marks: `(di)`, `(hao)` glossing the character before them. A
 * bracketed lower-case word is a syllable only when it is an initial + final of Mandarin, so
 * English glosses (data, city, app) and acronyms (GDP, PPP, 5G) are never taken for pinyin.
 */
const INITIALS = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w', ''];
const FINALS = new Set([
  'a', 'o', 'e', 'i', 'u', 'v', 'ü', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'ong', 'er',
  'ia', 'ie', 'iao', 'iu', 'ian', 'in', 'iang', 'ing', 'iong', 'ua', 'uo', 'uai', 'ui', 'uan', 'un', 'uang', 'ueng',
  'ue', 'üe', 've', 'üan', 'ün',
]);

/** Whether `s` (lower case, no tone marks) is one Mandarin syllable such as di, hao, zhuang, er. */
export function isPinyinSyllable(s: string): boolean {
  if (s.length < 1 || s.length > 6 || !/^[a-zü]+$/.test(s)) return false;
  for (const i of INITIALS) {
    if (!s.startsWith(i)) continue;
    const f = s.slice(i.length);
    if (!FINALS.has(f)) continue;
    // Finals that only stand alone or after particular initials.
    if (i === '' && !/^(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|er)$/.test(f)) continue;
    if ((i === 'y' || i === 'w') && /^(?:i[a-z]|u[a-z]|v|ü)/.test(f) && !/^(?:in|ing|u|ue|uan|un)$/.test(f)) continue;
    return true;
  }
  return false;
}

/**
 * `(di)`: a bracketed lower-case word of two to six letters (a bare `(a)` may be a list marker); a
 * gloss only right after a Chinese character and when it is one syllable (`toneless`).
 */
const BRACKETED_WORD = /[（(]([a-zü]{2,6}) ?[)）]/g;

/** Spans of toneless pinyin glosses (`地(di)`, `號(hao)`) in `text`. */
export function tonelessGlosses(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(BRACKETED_WORD)) {
    const ch = text.charCodeAt(m.index - 1);
    if (ch >= 0x4e00 && ch <= 0x9fff && isPinyinSyllable(m[1]!)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
