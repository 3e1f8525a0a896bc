import type { ParseWarning, RemovedSpan } from '../../types.js';
import { canon } from '../../text/canon.js';
import { MappedTextBuilder, compose, identity, type MappedText } from '../../text/mapped-text.js';
import type { Stage } from '../stage.js';
import { stripBoilerplate } from './boilerplate.js';
import { stripMarkup } from './markup.js';
import { findMojibake } from './mojibake.js';
import { stripPinyin } from './pinyin.js';
import { toSimplified } from './traditional.js';

export interface NormalisedText {
  /** The decoded text as given. */
  original: string;
  /** Normalised text with its map back into `original`. */
  mapped: MappedText;
  /** Same-length canonical view of `mapped.text` for recognisers. */
  canon: string;
  removed: RemovedSpan[];
  /** Warnings with spans in normalised offsets (resolved to SourceSpan later). */
  warnings: Array<Omit<ParseWarning, 'span'> & { at: { start: number; end: number } | null }>;
}

/** Line endings, BOM and zero-width characters: structure-neutral, not reported. */
function cleanControls(text: string): MappedText {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
  if (!/[\r\ufeff\u200b-\u200d\u2060\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return identity(text);
  const b = new MappedTextBuilder(text.length);
  let at = 0;
  // eslint-disable-next-line no-control-regex -- as above
  const re = /\r\n?|[\ufeff\u200b-\u200d\u2060\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
  for (const m of text.matchAll(re)) {
    b.copy(text.slice(at, m.index), at);
    if (m[0][0] === '\r' || m[0] === '\u000b' || m[0] === '\u000c') b.replace('\n', m.index, m.index + m[0].length);
    at = m.index + m[0].length;
  }
  b.copy(text.slice(at), at);
  return b.finish(text.length);
}

/** decode → normalise: every removal lands in `removed`, every doubt in `warnings`. */
export class NormaliseStage implements Stage<string, NormalisedText> {
  run(original: string): NormalisedText {
    const removed: RemovedSpan[] = [];
    const warnings: NormalisedText['warnings'] = [];
    let mapped = cleanControls(original);
    mapped = compose(mapped, stripMarkup(mapped, removed, original));
    mapped = compose(mapped, stripPinyin(mapped, removed));
    const simplified = toSimplified(mapped);
    mapped = compose(mapped, simplified.text);
    mapped = compose(mapped, stripBoilerplate(mapped, removed, original));
    removed.sort((a, b) => a.span.start - b.span.start);
    for (const span of findMojibake(mapped.text)) {
      warnings.push({
        code: 'mojibake',
        message: `此处文字疑似乱码（“${mapped.text.slice(span.start, span.end)}”），请对照原件核对并更正。`,
        at: span,
      });
    }
    return { original, mapped, canon: canon(mapped.text), removed, warnings };
  }
}
