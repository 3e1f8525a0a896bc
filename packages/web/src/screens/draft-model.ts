/**
 * A draft plan from the server → the parser's ParsedPlan shape the review pane draws, plus the
 * editable task rows (units by role with how each printed name was resolved).
 */
import type { OutlineNode, ParsedPlan, ParseWarning, RemovedSpan, SourceSpan } from '@xietong/parser';
import { isObj, listOf, num, str } from './import-model';

type Raw = Record<string, unknown>;

export type Role = 'lead' | 'responsible' | 'cooperating';

export interface DraftUnit {
  unitId: string | null;
  name: string;
  printedName: string | null;
  role: Role;
  /** active (in the directory) | proposed (named by the document, not yet confirmed) */
  status: string | null;
  /** How the printed name was matched: exact, alias, context, fuzzy, unknown. */
  resolution: string | null;
}

export interface DraftTask {
  id: string;
  path: string;
  text: string;
  deadlineText: string | null;
  deadlineDate: string | null;
  units: DraftUnit[];
  index: number;
  version: number | null;
  actions: string[];
}

function spanOf(v: unknown): SourceSpan | null {
  if (!isObj(v)) return null;
  const start = num(v.start);
  const end = num(v.end);
  if (start === null || end === null) return null;
  const o = isObj(v.original) ? v.original : null;
  return { start, end, original: { start: num(o?.start) ?? start, end: num(o?.end) ?? end } };
}

const ZERO: SourceSpan = { start: 0, end: 0, original: { start: 0, end: 0 } };

function roleOf(v: unknown): Role {
  const s = (typeof v === 'string' ? v : '');
  return s === 'lead' || s === 'cooperating' ? s : 'responsible';
}

export function draftUnits(t: Raw): DraftUnit[] {
  const out: DraftUnit[] = [];
  for (const u of listOf(t.units)) {
    const unit = isObj(u.unit) ? u.unit : u;
    out.push({
      unitId: str(u.unitId) ?? str(unit.id),
      name: str(unit.name) ?? str(u.unitName) ?? str(u.name) ?? str(u.printedName) ?? '',
      printedName: str(u.printedName) ?? str(u.printed),
      role: roleOf(u.role),
      status: str(u.status) ?? str(u.unitStatus) ?? str(unit.status),
      resolution: str(u.resolution) ?? str(u.match) ?? str(u.resolvedBy),
    });
  }
  // Parser-shaped tasks (lead/responsible/cooperating name lists) when the server sends those.
  if (!out.length) {
    for (const role of ['lead', 'responsible', 'cooperating'] as Role[]) {
      const names = t[role];
      if (Array.isArray(names)) for (const n of names) if (typeof n === 'string') out.push({ unitId: null, name: n, printedName: n, role, status: null, resolution: null });
    }
  }
  return out;
}

/** The draft body may nest the plan ({plan, tasks, …}) or be flat. */
function planOf(body: unknown): Raw {
  if (!isObj(body)) return {};
  if (isObj(body.plan) && !Array.isArray(body.tasks)) return { ...body.plan, ...body, plan: undefined };
  if (isObj(body.plan)) return { ...body.plan, ...body };
  return body;
}

export function draftTasks(body: unknown): DraftTask[] {
  const p = planOf(body);
  return listOf(p.tasks).map((t, index) => ({
    id: str(t.id) ?? String(index),
    path: str(t.path) ?? '',
    text: str(t.text) ?? '',
    deadlineText: str(t.deadlineText) ?? str(t.deadline),
    deadlineDate: str(t.deadlineDate),
    units: draftUnits(t),
    index,
    version: num(t.version),
    actions: Array.isArray(t.actions) ? t.actions.map(String) : [],
  }));
}

/** Build the outline tree from flat nodes ({id, parentId, parseId, …}) or take a nested outline as is. */
function outlineOf(p: Raw, idOf: Map<string, string>): OutlineNode {
  const review = isObj(p.review) ? p.review : {};
  const nested = isObj(p.outline) && !Array.isArray(p.outline) ? p.outline : isObj(review.outline) ? review.outline : null;
  const toNode = (n: Raw, level: number): OutlineNode => ({
    id: str(n.parseId) ?? str(n.id) ?? '',
    kind: (str(n.kind) ?? 'paragraph') as OutlineNode['kind'],
    level: num(n.level) ?? level,
    marker: str(n.marker),
    label: str(n.label),
    path: str(n.path) ?? '',
    title: str(n.title) ?? '',
    text: str(n.text) ?? '',
    span: spanOf(n.span) ?? ZERO,
    children: listOf(n.children).map((c) => toNode(c, level + 1)),
  });
  if (nested) return toNode(nested, 0);
  const flat = listOf(Array.isArray(p.outline) ? p.outline : (p.nodes ?? p.outlineNodes));
  const root: OutlineNode = { id: 'root', kind: 'document', level: 0, marker: null, label: null, path: '', title: str(p.title) ?? '', text: '', span: ZERO, children: [] };
  const built = new Map<string, OutlineNode>();
  for (const n of flat) {
    const node = toNode({ ...n, children: [] }, 1);
    const serverId = str(n.id) ?? node.id;
    idOf.set(serverId, node.id);
    built.set(serverId, node);
  }
  for (const n of flat) {
    const node = built.get(str(n.id) ?? '')!;
    if (!node) continue;
    if (node.kind === 'document') {
      root.id = node.id;
      root.span = node.span;
      continue;
    }
    const parent = str(n.parentId) ? built.get(str(n.parentId)!) : undefined;
    (parent && parent.kind !== 'document' ? parent.children : root.children).push(node);
  }
  return root;
}

export function toParsedPlan(body: unknown): ParsedPlan {
  const p = planOf(body);
  const review = isObj(p.review) ? p.review : {};
  const idOf = new Map<string, string>();
  const outline = outlineOf(p, idOf);
  const tasks = listOf(p.tasks).map((t) => {
    const units = draftUnits(t);
    const names = (role: Role) => units.filter((u) => u.role === role).map((u) => u.printedName ?? u.name);
    const nodeServer = str(t.nodeId);
    return {
      path: str(t.path) ?? '',
      text: str(t.text) ?? '',
      lead: names('lead'),
      responsible: names('responsible'),
      cooperating: names('cooperating'),
      deadline: str(t.deadlineText) ?? str(t.deadline),
      deadlineDate: str(t.deadlineDate),
      nodeId: (nodeServer && idOf.get(nodeServer)) ?? str(t.parseNodeId) ?? nodeServer ?? '',
      annotation: str(t.annotation),
      span: spanOf(t.span) ?? ZERO,
    };
  });
  const warnings: ParseWarning[] = listOf(review.warnings ?? p.warnings).map((w) => ({
    code: (str(w.code) ?? 'other') as ParseWarning['code'],
    message: str(w.message) ?? '',
    span: spanOf(w.span),
  }));
  const removed: RemovedSpan[] = listOf(review.removed ?? p.removed).map((r) => ({
    reason: (str(r.reason) ?? 'other') as RemovedSpan['reason'],
    text: str(r.text) ?? '',
    span: isObj(r.span) ? { start: num(r.span.start) ?? 0, end: num(r.span.end) ?? 0 } : { start: 0, end: 0 },
  }));
  const indicators = listOf(p.indicators).map((i) => ({
    name: str(i.name) ?? '',
    target: num(i.target) ?? 0,
    unit: str(i.unit),
    comparator: (str(i.comparator) ?? '>=') as '>=',
    year: num(i.year),
    baseline: num(i.baseline),
    baselineYear: num(i.baselineYear),
    responsible: Array.isArray(i.responsible) ? i.responsible.map(String) : [],
    binding: typeof i.binding === 'boolean' ? i.binding : null,
    span: spanOf(i.span) ?? ZERO,
  }));
  return {
    title: str(p.title),
    docNumber: str(p.docNumber),
    issuer: str(p.issuer) ?? str(p.issuerText),
    date: str(p.docDate) ?? str(p.date),
    recipients: [],
    kind: (str(p.kind) ?? 'other') as ParsedPlan['kind'],
    year: num(p.year),
    outline,
    tasks,
    indicators,
    projects: [],
    phases: [],
    cadences: [],
    leadingGroup: [],
    references: [],
    warnings,
    removed,
    text: str(p.text) ?? '',
    format: 'txt',
  };
}
