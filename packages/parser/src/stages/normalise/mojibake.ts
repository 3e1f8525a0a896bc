import type { Span } from '../../types.js';

/**
 * Spans that look garbled: replacement characters, `?` inside runs of Chinese, Bopomofo or
 * other improbable characters among common ones (typical of GBK read as UTF-8 and back), and
 * the classic 锟斤拷 / 烫烫烫 runs.
 */
const SUSPECT = /[\ufffd]+|(?<=[\u4e00-\u9fff？。，])\?+(?=[\u4e00-\u9fff（。，ㄅ-ㄩ])|[\u3105-\u312f]+|(?:锟斤拷)+|(?:烫烫)+|(?:屯屯)+|[\ue000-\uf8ff]+/g;

const CANDIDATE = /[\ufffd?\u3105-\u312f锟烫屯\ue000-\uf8ff]/;

export function findMojibake(text: string): Span[] {
  const spans: Span[] = [];
  if (!CANDIDATE.test(text)) return spans;
  for (const m of text.matchAll(SUSPECT)) {
    const start = Math.max(0, m.index - 2);
    const end = Math.min(text.length, m.index + m[0].length + 2);
    const last = spans[spans.length - 1];
    if (last && start <= last.end) last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}
