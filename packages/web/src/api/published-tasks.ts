import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './client';
import { listOf, str } from '../screens/import-model';

/** Every task of every published plan the caller can see, each with its plan's id and title. */
export function usePublishedTasks(): { rows: Record<string, unknown>[]; loading: boolean; error: ApiError | null; reload: () => void } {
  const [rows, setRows] = useState<Record<string, unknown>[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    (async () => {
      const plans = listOf(await api.get('/api/plans', { query: { status: 'published', limit: 200 } }));
      const details = await Promise.all(plans.map((p) => api.get<Record<string, unknown>>(`/api/plans/${str(p.id)}`)));
      return details.flatMap((d) => listOf(d.tasks).map((t) => ({ ...t, planTitle: d.title, planId: d.id })));
    })()
      .then((r) => {
        if (live) {
          setRows(r);
          setError(null);
        }
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e))))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { rows, loading, error, reload };
}
