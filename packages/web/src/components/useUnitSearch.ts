import { useCallback, useRef, useState } from 'react';
import { api } from '../api/client';
import { listOf, str } from '../screens/import-model';

interface UnitOption {
  value: string;
  label: string;
}

/** Directory search for the unit pickers. */
export function useUnitSearch() {
  const [options, setOptions] = useState<UnitOption[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const search = useCallback((q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void (async () => {
      setLoading(true);
      try {
        const body = await api.get<unknown>('/api/units', { query: { q, limit: 30 } });
        setOptions(listOf(body, 'units').map((u) => ({ value: str(u.id) ?? '', label: str(u.name) ?? '' })));
      } catch {
        setOptions([]);
      } finally {
        setLoading(false);
      }
    })(), 250);
  }, []);
  return { options, loading, search };
}

