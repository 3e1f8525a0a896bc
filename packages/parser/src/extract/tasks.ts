import type { UnitRole } from '../types.js';
import type { Draft, Outlined, RowCell } from '../stages/outline.js';
import { cellUnits, findAnnotations, isCutLabelLine } from './annotations.js';
import { bodyOffset, flatten, makeBody } from './body.js';
import { dedupeRoles, emptyRoles, unitsWithRoles, type RoleUnits } from './units.js';

/** A task before spans are resolved: offsets are into the normalised text. */
export interface TaskDraft {
  path: string;
  text: string;
  units: RoleUnits;
  deadline: string | null;
  node: Draft;
  annotation: string | null;
  start: number;
  end: number;
  /** Text range of the task in the normalised text (without the annotation). */
  textStart: number;
  textEnd: number;
  unclosed: boolean;
}

const TASK_SECTION = /主要任务|重点任务|工作任务|重点工作|重点工程|重大项目|重点项目|工程项目|任务分工|重点行动/;

/** Nothing but white space from `pos` to the end of the text (stops at the first other character). */
function onlySpaceFrom(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 0x3000 && c !== 0xa0) return false;
  }
  return true;
}

const stripLead = (s: string) => s.replace(/^[\s。；，、,;.]+/, '');

/** Tasks of one outline: annotated items (one task per annotation), table rows, and leaves of task sections. */
export function extractTasks(outlined: Outlined, orphans: Array<{ start: number; end: number; cut?: boolean }> = []): TaskDraft[] {
  const { source } = outlined.segmented;
  const printed = source.mapped.text;
  const canon = source.canon;
  const tasks: TaskDraft[] = [];
  for (const d of outlined.all) {
    if (d.cells) {
      const t = rowTask(d, printed, canon);
      if (t) tasks.push(t);
      continue;
    }
    if (d.kind === 'document' || d.kind === 'paragraph' || d.style === 'enum-inline' || (d.label == null && d.kind !== 'enumeration' && d.style !== 'kv')) continue;
    const ranges = d.body.map((r, i) => (i === 0 ? { start: d.textStart, end: r.end } : r));
    const body = makeBody(printed, canon, ranges);
    const anns = findAnnotations(body.printed, body.canon);
    let prev = 0;
    for (const a of anns) {
      // "(牵头单位:市发" at the very end of the text: cut off by the page, its units are not known.
      // So is a label line that stops in mid-list at the end of the text.
      const atEnd = (a.unclosed || a.form === 'label-line') && onlySpaceFrom(canon, bodyOffset(body, a.end));
      if (atEnd && (a.unclosed || (a.deadline == null && isCutLabelLine(body.canon.slice(a.start, a.end), canon)))) {
        orphans.push({ start: bodyOffset(body, a.start), end: bodyOffset(body, a.end), cut: true });
        continue;
      }
      // "市发改委牵头做好…": units named in the task's own sentence are part of its text.
      const from = prev;
      const raw = a.inline ? body.printed.slice(from) : body.printed.slice(from, a.start);
      const text = stripLead(flatten(raw));
      prev = a.end;
      if (!text) {
        // An annotation whose item text is missing (e.g. at the start of a page fragment).
        orphans.push({ start: bodyOffset(body, a.start), end: bodyOffset(body, a.end) });
        continue;
      }
      const lead = raw.length - raw.replace(/^[\s。；，、,;.]+/, '').length;
      tasks.push({
        path: d.path,
        text,
        units: a.units,
        deadline: a.deadline,
        node: d,
        annotation: body.printed.slice(a.start, a.end),
        start: bodyOffset(body, from + lead),
        end: bodyOffset(body, a.inline ? body.printed.length : a.end),
        textStart: bodyOffset(body, from + lead),
        textEnd: bodyOffset(body, a.inline ? body.printed.length : a.start),
        unclosed: a.unclosed,
      });
    }
    if (anns.length === 0 && !d.children.some((c) => c.label != null) && TASK_SECTION.test(d.context) && d.kind !== 'enumeration') {
      const text = flatten(body.printed);
      if (text) {
        tasks.push({
          path: d.path,
          text,
          units: emptyRoles(),
          deadline: null,
          node: d,
          annotation: null,
          start: d.textStart,
          end: d.end,
          textStart: d.textStart,
          textEnd: d.end,
          unclosed: false,
        });
      }
    }
  }
  return tasks;
}

/**
 * A text cell whose lines were joined with a space by an adapter (a line break inside a DOCX, XLSX or
 * HTML cell): Chinese runs on without one, so a space between two Chinese characters goes.
 */
function joinCellLines(s: string): string {
  return s.includes(' ') || s.includes('\u3000') ? s.replace(/(?<=[\u4e00-\u9fff，、；：。）”])[ \u3000]+(?=[\u4e00-\u9fff（“])/g, '') : s;
}

const ROLE_OF: Partial<Record<RowCell['role'], UnitRole>> = { lead: 'lead', responsible: 'responsible', cooperating: 'cooperating' };

function rowTask(d: Draft, printed: string, canon: string): TaskDraft | null {
  const cells = d.cells ?? [];
  // Rows of an indicator table are indicators, not tasks.
  if (!cells.some((c) => ROLE_OF[c.role]) && cells.some((c) => /指标/.test(c.header))) return null;
  let units = emptyRoles();
  let deadline: string | null = null;
  const textCells: RowCell[] = [];
  for (const c of cells) {
    if (c.end <= c.start) continue;
    const role = ROLE_OF[c.role];
    if (role) cellUnits(printed.slice(c.start, c.end), canon.slice(c.start, c.end), role, units);
    else if (c.role === 'deadline') deadline ??= printed.slice(c.start, c.end).trim();
    else if (c.role === 'task' || c.role === 'content' || c.role === 'other' || c.role === 'target') textCells.push(c);
  }
  units = dedupeRoles(units);
  // Cells of one column continued on the next row (a row broken over lines) run on without a space;
  // cells of different columns are separated by one.
  let text = textCells.map((c, i) => (i > 0 && textCells[i - 1]!.header !== c.header ? ' ' : '') + joinCellLines(flatten(printed.slice(c.start, c.end)))).join('');
  let annotation: string | null = null;
  if (units.lead.length + units.responsible.length + units.cooperating.length === 0 && textCells.length) {
    // No unit columns: the annotation may sit in the text cells.
    const body = makeBody(printed, canon, textCells);
    const anns = findAnnotations(body.printed, body.canon);
    if (anns.length) {
      units = anns[0]!.units;
      deadline ??= anns[0]!.deadline;
      annotation = body.printed.slice(anns[0]!.start, anns[0]!.end);
      text = flatten(body.printed.slice(0, anns[0]!.start));
    }
  }
  if (!text) return null;
  return {
    path: d.path,
    text,
    units,
    deadline,
    node: d,
    annotation,
    start: d.start,
    end: d.end,
    textStart: d.textStart,
    textEnd: d.end,
    unclosed: false,
  };
}
