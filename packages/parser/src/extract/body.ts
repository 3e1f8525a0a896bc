import type { Range } from '../stages/segment.js';

/** An item's body: several ranges of the normalised text read as one string. */
export interface Body {
  printed: string;
  canon: string;
  /** Start of each piece in the body string and in the normalised text. */
  pieces: Array<{ at: number; start: number; end: number }>;
}

export function makeBody(printed: string, canon: string, ranges: Range[]): Body {
  const pieces: Body['pieces'] = [];
  const p: string[] = [];
  const c: string[] = [];
  let at = 0;
  const sorted = ranges.length > 1 ? [...ranges].sort((a, b) => a.start - b.start) : ranges;
  // Consecutive lines (the usual body: an item and the paragraphs under it) are one slice of the
  // text: no copy, which keeps long documents from paying for their text once more per node.
  const gapIsLineBreak = (from: number, to: number) => {
    if (to <= from || to - from > 40) return false;
    let breaks = 0;
    for (let i = from; i < to; i++) {
      const ch = canon.charCodeAt(i);
      if (ch === 10) breaks++;
      else if (ch !== 32 && ch !== 9 && ch !== 0x3000 && ch !== 0xa0) return false;
    }
    return breaks > 0;
  };
  if (sorted.length > 0 && sorted.every((r, i) => r.end > r.start && (i === 0 || gapIsLineBreak(sorted[i - 1]!.end, r.start)))) {
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    for (const r of sorted) pieces.push({ at: r.start - first.start, start: r.start, end: r.end });
    return { printed: printed.slice(first.start, last.end), canon: canon.slice(first.start, last.end), pieces };
  }
  for (const r of sorted) {
    if (r.end <= r.start) continue;
    if (pieces.length) {
      p.push('\n');
      c.push('\n');
      at++;
    }
    pieces.push({ at, start: r.start, end: r.end });
    p.push(printed.slice(r.start, r.end));
    c.push(canon.slice(r.start, r.end));
    at += r.end - r.start;
  }
  return { printed: p.join(''), canon: c.join(''), pieces };
}

/** Maps an offset in the body string back to the normalised text. */
export function bodyOffset(body: Body, pos: number): number {
  let piece = body.pieces[0];
  if (!piece) return 0;
  for (const p of body.pieces) {
    if (p.at <= pos) piece = p;
    else break;
  }
  return Math.min(piece.end, piece.start + Math.max(0, pos - piece.at));
}

/** Collapses line breaks inside one logical text (Chinese joins without spaces). */
export function flatten(s: string): string {
  return s.replace(/\s*\n\s*/g, '').trim();
}
