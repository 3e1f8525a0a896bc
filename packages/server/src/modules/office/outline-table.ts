import type { TaskProgress, TaskTableHeading, TaskTableInput, TaskTableNode, TaskTableTask } from './types.js';

/** An outline node as the plans module stores it (or as the parser returns it, flattened). */
export interface OutlineRow {
  id: string;
  parentId: string | null;
  /** chapter | section | heading | item | enumeration | paragraph | document */
  kind: string;
  marker: string | null;
  title: string;
  ord: number;
}

/** A task with its units by role, as stored. */
export interface TaskRow {
  id: string;
  nodeId: string | null;
  ord: number;
  text: string;
  deadline: string | null;
  lead: readonly string[];
  responsible: readonly string[];
  cooperating: readonly string[];
  progress?: TaskProgress;
}

/** Outline kinds printed as group rows whenever they hold tasks; items name their own tasks instead. */
const STRUCTURAL = new Set(['chapter', 'section', 'heading']);

/** First clause of a task text, as a short 重点任务 name when the outline gives none. */
export function shortTitle(text: string, max = 24): string {
  const first = text.split(/[。；;：:，,]/)[0]?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max)}…` : first;
}

const bare = (s: string) => s.replace(/[\s。；;，,：:]+/g, '');

/**
 * 重点任务 and 具体内容 of a task. An item with its own name (not the start of the task's text)
 * gives 重点任务 and the text goes in 具体内容; otherwise the text itself is the 重点任务 and
 * 具体内容 stays empty — never the same words twice, so a re-import (which joins the two cells)
 * gives back the task's text.
 */
function namedTask(text: string, name: string | null): { title: string; content: string } {
  if (name && !bare(text).startsWith(bare(name))) return { title: name, content: text };
  return { title: text, content: '' };
}

/**
 * Arranges a plan's outline and tasks as the 任务分工表's tree. A chapter/section/heading holding
 * tasks, and any node with tasks below it on other nodes, becomes a merged group row; an item
 * carrying tasks itself names them (its title goes in 重点任务, the task text in 具体内容) unless the
 * title is just the text's beginning; other tasks are their own 重点任务; tasks with no node go at the top level.
 * Empty branches are left out, so a filtered task list gives a table of just its headings.
 */
export function taskTableFromOutline(
  base: Omit<TaskTableInput, 'nodes'>,
  outline: readonly OutlineRow[],
  tasks: readonly TaskRow[],
): TaskTableInput {
  const byId = new Map(outline.map((n) => [n.id, n]));
  const children = new Map<string | null, OutlineRow[]>();
  for (const n of outline) {
    const parent = n.parentId !== null && byId.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  for (const list of children.values()) list.sort((a, b) => a.ord - b.ord);
  const tasksAt = new Map<string | null, TaskRow[]>();
  for (const t of [...tasks].sort((a, b) => a.ord - b.ord)) {
    const at = t.nodeId !== null && byId.has(t.nodeId) ? t.nodeId : null;
    tasksAt.set(at, [...(tasksAt.get(at) ?? []), t]);
  }
  const hasDescendantTasks = (id: string): boolean =>
    (children.get(id) ?? []).some((c) => (tasksAt.get(c.id)?.length ?? 0) > 0 || hasDescendantTasks(c.id));

  const toTask = (t: TaskRow, node: OutlineRow | null): TaskTableTask => ({
    kind: 'task',
    ...namedTask(t.text, node?.title ?? null),
    lead: t.lead,
    responsible: t.responsible,
    cooperating: t.cooperating,
    deadline: t.deadline,
    ...(t.progress ? { progress: t.progress } : {}),
  });

  const walk = (parent: string | null): TaskTableNode[] => {
    const out: TaskTableNode[] = [];
    for (const n of children.get(parent) ?? []) {
      const own = tasksAt.get(n.id) ?? [];
      if (n.kind === 'document') {
        out.push(...own.map((t) => toTask(t, null)), ...walk(n.id));
      } else if (hasDescendantTasks(n.id) || (STRUCTURAL.has(n.kind) && own.length > 0)) {
        const heading: TaskTableHeading = {
          kind: 'heading',
          marker: n.marker,
          title: n.title,
          children: [...own.map((t) => toTask(t, null)), ...walk(n.id)],
        };
        out.push(heading);
      } else {
        out.push(...own.map((t) => toTask(t, n)));
      }
    }
    return out;
  };
  return { ...base, nodes: [...(tasksAt.get(null) ?? []).map((t) => toTask(t, null)), ...walk(null)] };
}
