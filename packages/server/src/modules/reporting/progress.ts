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
