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
 * `(di)` right after a Chinese character: a toneless pinyin gloss, two letters or more (a bare
 * `(a)` may be a list marker).
 */
export const TONELESS_GLOSS = /(?<=[\u4e00-\u9fff])[（(]([a-zü]{2,6})[)）]/g;
