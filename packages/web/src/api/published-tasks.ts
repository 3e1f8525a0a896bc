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

/** A task as the public read serves it (GET /api/public/plans/:id/tasks). */
export interface PublicTask {
  id: string;
  path: string;
  text: string;
  leadUnits: string[];
  responsibleUnits: string[];
  cooperatingUnits: string[];
  deadline: string | null;
  status: string;
  statusLabel: string;
  workStatus: string | null;
  workStatusLabel: string | null;
  percent: number | null;
  light: string | null;
}

interface PublicPage {
  items: PublicTask[];
  total: number;
}

/**
 * A published plan's tasks for the public page, a page at a time: `more()` appends the next page.
 * Switching plans starts again from the first page.
 */
export function usePublicTasks(planId: string | null, pageSize = 100) {
  const [state, setState] = useState<{ planId: string | null; items: PublicTask[]; total: number }>({ planId: null, items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [planId]);
  useEffect(() => {
    if (!planId) return;
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<PublicPage>(`/api/public/plans/${planId}/tasks`, { query: { limit: pageSize, offset }, signal: ctrl.signal })
      .then((page) => {
        setState((s) => ({ planId, items: offset === 0 || s.planId !== planId ? page.items : [...s.items.slice(0, offset), ...page.items], total: page.total }));
        setError(null);
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [planId, offset, pageSize, tick]);
  const items = state.planId === planId ? state.items : [];
  return {
    items,
    total: state.planId === planId ? state.total : 0,
    loading,
    error,
    more: useCallback(() => setOffset(items.length), [items.length]),
    reload: useCallback(() => setTick((n) => n + 1), []),
  };
}
