import type { OutlineNode, ParseWarning, SourceSpan, Span } from '../types.js';
import { toSource } from '../text/mapped-text.js';
import type { NormalisedText } from './normalise/index.js';
import type { Draft } from './outline.js';

/** Resolves normalised offsets to a SourceSpan (normalised + original). */
export function sourceSpan(source: NormalisedText, start: number, end: number): SourceSpan {
  const s = Math.max(0, Math.min(start, source.mapped.text.length));
  const e = Math.max(s, Math.min(end, source.mapped.text.length));
  return { start: s, end: e, original: toSource(source.mapped, s, e) };
}

export function warning(source: NormalisedText, code: ParseWarning['code'], message: string, at: Span | null): ParseWarning {
  return { code, message, span: at ? sourceSpan(source, at.start, at.end) : null };
}

function deepFreeze<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return o;
  Object.freeze(o);
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) {
      const v: unknown = o[i];
      if (v !== null && typeof v === 'object') deepFreeze(v);
    }
  } else {
    for (const k in o) {
      const v: unknown = (o as Record<string, unknown>)[k];
      if (v !== null && typeof v === 'object') deepFreeze(v);
    }
  }
  return o;
}

/** Where the first sentence of a node's text ends (its 。；！？ included), within 200 characters. */
function firstSentenceEnd(s: string): number {
  const limit = Math.min(s.length, 200);
  for (let i = 0; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) return i;
    if (c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f) return i + 1;
  }
  // No stop within 200 characters: those 200, and the next one when it is a stop.
  const next = s.charCodeAt(limit);
  return limit === 200 && (next === 0x3002 || next === 0xff1b || next === 0xff01 || next === 0xff1f) ? limit + 1 : limit;
}

/** Freezes the draft tree into the published, immutable OutlineNode tree. */
export function freezeOutline(source: NormalisedText, root: Draft): OutlineNode {
  const text = source.mapped.text;
  const build = (d: Draft, level: number): OutlineNode => {
    const own = d.kind === 'document' ? '' : text.slice(d.textStart, d.end).trim();
    const firstSentence = own.slice(0, firstSentenceEnd(own));
    return {
      id: d.id,
      kind: d.kind,
      level,
      marker: d.marker,
      label: d.label,
      path: d.path,
      title: d.kind === 'document' ? '' : (firstSentence || own).replace(/[。；]$/, ''),
      text: d.kind === 'document' ? '' : own,
      span: sourceSpan(source, d.kind === 'document' ? 0 : d.start, d.kind === 'document' ? text.length : d.end),
      children: d.children.map((c) => build(c, level + 1)),
    };
  };
  return deepFreeze(build(root, 0));
}

export { deepFreeze };
