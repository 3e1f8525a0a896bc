/** The plan overview tree: tasks grouped by their outline path, with progress and light rolled up. */
import type { TaskRow } from './tasks';

export interface TreeNode {
  key: string;
  path: string;
  label: string;
  task?: TaskRow;
  children: TreeNode[];
  /** Mean progress of the tasks below (null when none reported). */
  progress: number | null;
  /** Worst light below: red > yellow > green > none. */
  light: string | null;
  taskCount: number;
}

const LIGHT_RANK: Record<string, number> = { red: 3, yellow: 2, green: 1 };

export function worstLight(lights: (string | null)[]): string | null {
  let best: string | null = null;
  for (const l of lights) if (l && (LIGHT_RANK[l] ?? 0) > (best ? (LIGHT_RANK[best] ?? 0) : 0)) best = l;
  return best;
}

/**
 * Group tasks by path segments ("二/（一）/1"): one node per prefix, the tasks as leaves.
 * `titles` names the headings (path → title) when the outline is known; `nodeProgress` is the
 * server's progress per heading path.
 */
export function buildTaskTree(rows: TaskRow[], titles: Map<string, string> = new Map(), nodeProgress: Map<string, number> = new Map()): TreeNode[] {
  const root: TreeNode = { key: '', path: '', label: '', children: [], progress: null, light: null, taskCount: 0 };
  const index = new Map<string, TreeNode>([['', root]]);
  for (const row of rows) {
    const segs = row.path ? row.path.split('/').filter(Boolean) : [];
    let parent = root;
    let path = '';
    // The last segment is the task's own number: the task sits under its parent headings.
    for (const seg of segs.slice(0, -1)) {
      path = path ? `${path}/${seg}` : seg;
      let node = index.get(path);
      if (!node) {
        const title = titles.get(path);
        node = { key: `p:${path}`, path, label: title ? `${seg} ${title}` : seg, children: [], progress: null, light: null, taskCount: 0 };
        index.set(path, node);
        parent.children.push(node);
      }
      parent = node;
    }
    const own = segs[segs.length - 1];
    parent.children.push({
      key: `t:${row.id}`,
      path: row.path,
      label: `${own ? (/^\d+$/.test(own) ? `${own}. ` : `${own} `) : ''}${row.title}`,
      task: row,
      children: [],
      progress: row.progress,
      light: row.light,
      taskCount: 1,
    });
  }
  const roll = (n: TreeNode): TreeNode[] => {
    if (n.task) return [n];
    const leaves = n.children.flatMap(roll);
    const reported = leaves.map((l) => l.progress).filter((p): p is number => p !== null);
    // The server's roll-up (weighted where tasks have weights) wins over the plain mean.
    n.progress = nodeProgress.get(n.path) ?? (reported.length ? reported.reduce((a, b) => a + b, 0) / reported.length : null);
    n.light = worstLight(leaves.map((l) => l.light));
    n.taskCount = leaves.length;
    return leaves;
  };
  roll(root);
  return root.children;
}
