import { asc, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { rowVersionsOf } from '../plans/queries.js';
import { planNodes, tasks } from '../plans/schema.js';
import { taskStates } from './schema.js';

/** A node's progress: the weighted mean of its tasks and of its children's tasks (weight 1 when unset). */
export function rollUpProgress(
  nodes: { id: string; parentId: string | null; path: string; title: string }[],
  taskRows: { nodeId: string | null; weight: number | null; status: string; percent: number | null }[],
) {
  const sums = new Map<string, { w: number; wp: number; n: number }>();
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  for (const t of taskRows) {
    if (t.status === 'draft' || t.status === 'cancelled' || !t.nodeId) continue;
    const w = t.weight ?? 1;
    const p = t.status === 'signed_off' ? 100 : (t.percent ?? 0);
    // Every ancestor counts the task once.
    const seen = new Set<string>();
    for (let id: string | null | undefined = t.nodeId; id && !seen.has(id); id = parent.get(id)) {
      seen.add(id);
      const s = sums.get(id) ?? { w: 0, wp: 0, n: 0 };
      s.w += w;
      s.wp += w * p;
      s.n += 1;
      sums.set(id, s);
    }
  }
  return nodes.map((n) => {
    const s = sums.get(n.id);
    return { ...n, percent: s && s.w > 0 ? Math.round((s.wp / s.w) * 10) / 10 : null, tasks: s?.n ?? 0 };
  });
}

export type NodeProgress = ReturnType<typeof rollUpProgress>[number];

/**
 * Roll-ups already computed, per plan, with the fingerprint of what they were computed from.
 * Per process: a second server process keeps its own (the fingerprint is read in the caller's
 * transaction, so a stale entry is never served — it is recomputed).
 */
const memo = new Map<string, { fingerprint: string; nodes: NodeProgress[] }>();
const MEMO_PLANS = 200;

/**
 * A plan's outline with each node's progress (`rollUpProgress`), memoised by a fingerprint of the
 * rows the roll-up reads (outline nodes, tasks, task states: `rowVersionsOf`), so a request reads
 * one aggregate row instead of every node and task (bench/FINDINGS.md #12).
 */
export async function planProgressNodes(db: Db, planId: string): Promise<NodeProgress[]> {
  const [fp] = await rows<{ f: string | null }>(
    db,
    sql`select ${rowVersionsOf(['plan_nodes', 'tasks', 'task_states'], planId)} as f`,
  );
  const fingerprint = fp?.f ?? null;
  const hit = memo.get(planId);
  if (fingerprint !== null && hit?.fingerprint === fingerprint) return hit.nodes;
  const [nodes, taskRows] = await Promise.all([
    db
      .select({
        id: planNodes.id,
        parentId: planNodes.parentId,
        path: planNodes.path,
        title: planNodes.title,
      })
      .from(planNodes)
      .where(eq(planNodes.planId, planId))
      .orderBy(asc(planNodes.ord)),
    db
      .select({
        nodeId: tasks.nodeId,
        weight: tasks.weight,
        status: tasks.status,
        percent: taskStates.percent,
      })
      .from(tasks)
      .leftJoin(taskStates, eq(taskStates.taskId, tasks.id))
      .where(eq(tasks.planId, planId)),
  ]);
  const computed = rollUpProgress(nodes, taskRows);
  if (fingerprint === null) return computed;
  memo.delete(planId);
  memo.set(planId, { fingerprint, nodes: computed });
  // Least recently computed first: keep the memo bounded.
  while (memo.size > MEMO_PLANS) memo.delete(memo.keys().next().value!);
  return computed;
}
