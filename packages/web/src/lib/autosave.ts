/**
 * Saving a draft automatically while the user types: debounced, one save at a time, never
 * dropping the latest text, and stopping on a conflict (409) until the user decides.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type AutosaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

export interface Autosave<T = unknown> {
  state: AutosaveState;
  savedAt: Date | null;
  error: ApiError | null;
  /** Save now (e.g. before submitting); resolves when the latest value is saved. */
  flush: () => Promise<boolean>;
  /** After the user resolved a conflict: allow saving again. */
  resume: () => void;
  /** Take a value as already saved (e.g. what was just loaded), so opening a form saves nothing. */
  markSaved: (v: T) => void;
}

export function useAutosave<T>(value: T, save: (v: T) => Promise<void>, opts: { delay?: number; enabled?: boolean } = {}): Autosave<T> {
  const { delay = 1500, enabled = true } = opts;
  const [state, setState] = useState<AutosaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [resumed, setResumed] = useState(0);
  const saved = useRef(JSON.stringify(value));
  const latest = useRef(value);
  const saveRef = useRef(save);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const blocked = useRef(false);
  latest.current = value;
  saveRef.current = save;

  const run = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const v = latest.current;
    const key = JSON.stringify(v);
    if (key === saved.current) return true;
    if (blocked.current) return false;
    setState('saving');
    const p = saveRef
      .current(v)
      .then(() => {
        saved.current = key;
        setSavedAt(new Date());
        setError(null);
        setState(JSON.stringify(latest.current) === key ? 'saved' : 'dirty');
        return true;
      })
      .catch((e: unknown) => {
        const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e));
        setError(err);
        if (err.status === 409) {
          blocked.current = true;
          setState('conflict');
        } else setState('error');
        return false;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = p;
    return p;
  }, []);

  const key = JSON.stringify(value);
  useEffect(() => {
    if (!enabled || key === saved.current || blocked.current) return;
    setState((s) => (s === 'saving' ? s : 'dirty'));
    const timer = setTimeout(() => void run(), delay);
    return () => clearTimeout(timer);
  }, [key, enabled, delay, run, resumed]);

  const resume = useCallback(() => {
    blocked.current = false;
    setError(null);
    setState('dirty');
    setResumed((n) => n + 1);
  }, []);

  const markSaved = useCallback((v: T) => {
    saved.current = JSON.stringify(v);
    setState('idle');
  }, []);

  return { state, savedAt, error, flush: run, resume, markSaved };
}
