/**
 * A text together with a map from each of its offsets back to an offset in the text it was
 * derived from. Normalisation passes produce a MappedText each; composing their maps keeps an
 * exact way back to the original decoded text.
 */
export interface MappedText {
  readonly text: string;
  /** map[i] is the source offset of text[i]; map[text.length] is the source end. */
  readonly map: Int32Array;
}

/** Identity mapping over a text. */
let IDENTITY = new Int32Array(0);

/** Identity mapping over a text (a view of one shared, read-only buffer: no allocation per call). */
export function identity(text: string): MappedText {
  if (text.length + 1 > 2_000_000) {
    // Very large texts get their own map rather than growing the shared one for good.
    const map = new Int32Array(text.length + 1);
    for (let i = 0; i < map.length; i++) map[i] = i;
    return { text, map };
  }
  if (IDENTITY.length < text.length + 1) {
    const next = new Int32Array(Math.max(text.length + 1, IDENTITY.length * 2, 1024));
    for (let i = 0; i < next.length; i++) next[i] = i;
    IDENTITY = next;
  }
  return { text, map: IDENTITY.subarray(0, text.length + 1) };
}

/** Builds a derived text piece by piece, recording where each piece came from. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private map: Int32Array;
  private length = 0;

  constructor(capacityHint: number) {
    this.map = new Int32Array(Math.max(16, capacityHint + 1));
  }

  private ensure(extra: number): void {
    if (this.length + extra + 1 <= this.map.length) return;
    const next = new Int32Array(Math.max(this.map.length * 2, this.length + extra + 1));
    next.set(this.map.subarray(0, this.length));
    this.map = next;
  }

  /** Appends source[srcStart, srcStart + piece.length) unchanged. */
  copy(piece: string, srcStart: number): void {
    if (!piece) return;
    this.ensure(piece.length);
    for (let i = 0; i < piece.length; i++) this.map[this.length + i] = srcStart + i;
    this.parts.push(piece);
    this.length += piece.length;
  }

  /** Appends a replacement for source[srcStart, srcEnd); its characters map proportionally. */
  replace(piece: string, srcStart: number, srcEnd: number): void {
    if (!piece) return;
    this.ensure(piece.length);
    const span = Math.max(0, srcEnd - srcStart);
    for (let i = 0; i < piece.length; i++) {
      this.map[this.length + i] = srcStart + Math.min(span, Math.floor((i * span) / piece.length));
    }
    this.parts.push(piece);
    this.length += piece.length;
  }

  finish(srcLength: number): MappedText {
    this.ensure(0);
    this.map[this.length] = srcLength;
    // A view, not a copy: the builder is done with its buffer.
    return { text: this.parts.join(''), map: this.map.subarray(0, this.length + 1) };
  }
}

/** Composes two passes: `outer` was derived from `inner.text`; the result maps to inner's source. */
export function compose(inner: MappedText, outer: MappedText): MappedText {
  if (outer === inner) return inner;
  // A pass's own map (built for this composition and used nowhere else) is rewritten in place;
  // the shared identity buffer never is.
  if (outer.map.buffer !== IDENTITY.buffer) {
    const map = outer.map;
    for (let i = 0; i < map.length; i++) map[i] = inner.map[map[i]!]!;
    return outer;
  }
  const map = new Int32Array(outer.map.length);
  for (let i = 0; i < map.length; i++) map[i] = inner.map[outer.map[i]!]!;
  return { text: outer.text, map };
}

/** Maps a half-open range of the derived text back to the source. */
export function toSource(m: MappedText, start: number, end: number): { start: number; end: number } {
  const s = m.map[Math.max(0, Math.min(start, m.text.length))]!;
  if (end <= start) return { start: s, end: s };
  const last = m.map[Math.max(0, Math.min(end - 1, m.text.length))]!;
  return { start: s, end: Math.max(s, last + 1) };
}
