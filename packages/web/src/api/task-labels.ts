import { useEffect, useState } from 'react';
import { api } from './client';
import { listOf, str } from '../screens/import-model';

export interface TaskLabel {
  path: string;
  text: string;
  planTitle: string;
}

/** Task paths and texts for lists that carry only task ids: one plan detail per distinct plan. */
export function useTaskLabels(planIds: string[]): Map<string, TaskLabel> {
  const [labels, setLabels] = useState<Map<string, TaskLabel>>(new Map());
  const key = [...new Set(planIds)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(key.split(',').map((id) => api.get<Record<string, unknown>>(`/api/plans/${id}`).catch(() => null))).then((plans) => {
      if (!live) return;
      const m = new Map<string, TaskLabel>();
      for (const p of plans) {
        if (!p) continue;
        for (const t of listOf(p.tasks)) m.set(str(t.id) ?? '', { path: str(t.path) ?? '', text: str(t.text) ?? '', planTitle: str(p.title) ?? '' });
      }
      setLabels(m);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return labels;
}
