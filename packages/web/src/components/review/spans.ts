/**
 * Highlighting a parsed plan's text: which recognised things sit where, and how overlapping
 * ranges become flat, renderable segments. Pure functions, so the review screen's behaviour can
 * be tested without a browser.
 */
import type { OutlineNode, ParsedPlan, Span } from '@xietong/parser';

export type MarkKind = 'task' | 'unit' | 'deadline' | 'indicator' | 'warning' | 'removed';

/** On equal ranges, which kind is drawn on top: a doubt must never be hidden under a plain highlight. */
const KIND_RANK: Record<MarkKind, number> = { warning: 0, removed: 1, unit: 2, deadline: 3, indicator: 4, task: 5 };

export interface Mark {
  /** Unique within one text: "task:3", "unit:3:市发改委:0", "indicator:1", "warning:2", "removed:0". */
  id: string;
  kind: MarkKind;
  start: number;
  end: number;
  /** Index of the task this mark belongs to, when it belongs to one. */
  task?: number;
  /** Index into plan.indicators / plan.warnings / plan.removed for those kinds. */
  index?: number;
  /** A short label for tooltips (unit name, deadline as printed…). */
  label?: string;
}

export interface Anchor {
  id: string;
  at: number;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Marks covering this whole segment, most specific (shortest) first. */
  marks: Mark[];
  /** Anchors (e.g. outline nodes) that begin at this segment's start. */
  anchors: string[];
}

/** Which offsets a view highlights: the normalised text the parser worked on, or the original. */
export type TextMode = 'normalised' | 'original';

/** Every occurrence of `needle` in haystack[from, to), not overlapping. */
export function findAll(haystack: string, needle: string, from = 0, to = haystack.length): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let i = haystack.indexOf(needle, from);
  while (i !== -1 && i + needle.length <= to) {
    out.push(i);
    i = haystack.indexOf(needle, i + needle.length);
  }
  return out;
}

function pick(span: { start: number; end: number; original?: Span }, mode: TextMode): Span | null {
  if (mode === 'original') return span.original ?? null;
  return { start: span.start, end: span.end };
}

/**
 * The marks to draw for a plan. In the normalised view units and deadlines are located inside
 * their task's span by their printed names; the original view only has the parser's own spans
 * (tasks, indicators, warnings) plus what normalisation removed.
 */
export function buildMarks(plan: ParsedPlan, mode: TextMode = 'normalised'): Mark[] {
  const marks: Mark[] = [];
  plan.tasks.forEach((task, ti) => {
    const s = pick(task.span, mode);
    if (!s) return;
    marks.push({ id: `task:${ti}`, kind: 'task', start: s.start, end: s.end, task: ti, label: task.path });
    if (mode !== 'normalised') return;
    const names = new Set([...task.lead, ...task.responsible, ...task.cooperating]);
    for (const name of names) {
      findAll(plan.text, name, s.start, s.end).forEach((at, k) =>
        marks.push({ id: `unit:${ti}:${name}:${k}`, kind: 'unit', start: at, end: at + name.length, task: ti, label: name }),
      );
    }
    if (task.deadline) {
      const at = findAll(plan.text, task.deadline, s.start, s.end)[0];
      if (at !== undefined)
        marks.push({ id: `deadline:${ti}`, kind: 'deadline', start: at, end: at + task.deadline.length, task: ti, label: task.deadline });
    }
  });
  plan.indicators.forEach((ind, i) => {
    const s = pick(ind.span, mode);
    if (s) marks.push({ id: `indicator:${i}`, kind: 'indicator', start: s.start, end: s.end, index: i, label: ind.name });
  });
  plan.warnings.forEach((w, i) => {
    const s = w.span ? pick(w.span, mode) : null;
    if (s) marks.push({ id: `warning:${i}`, kind: 'warning', start: s.start, end: s.end, index: i, label: w.message });
  });
  if (mode === 'original') {
    plan.removed.forEach((r, i) =>
      marks.push({ id: `removed:${i}`, kind: 'removed', start: r.span.start, end: r.span.end, index: i, label: r.reason }),
    );
  }
  return marks;
}

/** Outline node anchors, so clicking a tree node can scroll the text to where the node starts. */
export function outlineAnchors(root: OutlineNode, mode: TextMode = 'normalised'): Anchor[] {
  const out: Anchor[] = [];
  const walk = (n: OutlineNode) => {
    const s = pick(n.span, mode);
    if (s && n.kind !== 'document') out.push({ id: n.id, at: s.start });
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}

/**
 * Cut `text` at every mark and anchor boundary. Each segment lists the marks covering it, most
 * specific first, so nested and overlapping ranges render as flat, non-overlapping pieces.
 * Marks outside the text are clamped; empty ones are ignored.
 */
export function segment(text: string, marks: Mark[], anchors: Anchor[] = []): Segment[] {
  const len = text.length;
  const clean = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(len, m.start)), end: Math.max(0, Math.min(len, m.end)) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, len]);
  for (const m of clean) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const anchorsAt = new Map<number, string[]>();
  for (const a of anchors) {
    const at = Math.max(0, Math.min(len, a.at));
    cuts.add(at);
    anchorsAt.set(at, [...(anchorsAt.get(at) ?? []), a.id]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Sweep: marks sorted by start; active set maintained per segment.
  const byStart = [...clean].sort((a, b) => a.start - b.start);
  let next = 0;
  let active: Mark[] = [];
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    active = active.filter((m) => m.end > start);
    while (next < byStart.length && byStart[next]!.start <= start) {
      const m = byStart[next++]!;
      if (m.end > start) active.push(m);
    }
    const covering = active.filter((m) => m.start <= start && m.end >= end);
    covering.sort((a, b) => a.end - a.start - (b.end - b.start) || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    out.push({ start, end, text: text.slice(start, end), marks: covering, anchors: anchorsAt.get(start) ?? [] });
  }
  // Anchors at the very end of the text would be lost without a segment to carry them.
  const tail = anchorsAt.get(len);
  if (tail && len > 0 && out.length === 0) out.push({ start: len, end: len, text: '', marks: [], anchors: tail });
  return out;
}

/** The outline node a task belongs to, and each node's ancestors, for expanding the tree. */
export function ancestorsOf(root: OutlineNode, id: string): string[] {
  const path: string[] = [];
  const walk = (n: OutlineNode): boolean => {
    if (n.id === id) return true;
    for (const c of n.children) {
      if (walk(c)) {
        path.unshift(n.id);
        return true;
      }
    }
    return false;
  };
  walk(root);
  return path;
}

/** The innermost outline node whose span contains an offset (normalised text). */
export function nodeAt(root: OutlineNode, offset: number): OutlineNode | null {
  let best: OutlineNode | null = null;
  const walk = (n: OutlineNode) => {
    if (n.kind !== 'document' && n.span.start <= offset && offset < n.span.end) {
      if (!best || n.span.end - n.span.start <= best.span.end - best.span.start) best = n;
    }
    n.children.forEach(walk);
  };
  walk(root);
  return best;
}
