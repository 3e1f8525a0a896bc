/**
 * Who is signed in, what they may do, and the CSRF token, from GET /api/session.
 * The allowed actions come from the server; the app only shows or hides by them.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken } from '../api/client';

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  roles: string[];
  unitId: string | null;
  unitName: string | null;
}

export interface Session {
  user: SessionUser | null;
  /** Actions the server allows this caller, e.g. "plan.import", "report.submit". */
  actions: string[];
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);

/** Accepts the server's session body in the shapes it may take and returns one shape. */
export function normaliseSession(raw: unknown): Session & { csrfToken: string | null } {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Raw;
  const csrfToken = str(r.csrfToken) ?? str(r.csrf) ?? null;
  const u = (r.user && typeof r.user === 'object' ? r.user : null) as Raw | null;
  const actionsRaw = r.actions ?? r.allowedActions ?? (u ? (u.actions ?? u.allowedActions) : undefined) ?? r.can;
  const actions = Array.isArray(actionsRaw)
    ? actionsRaw.filter((a): a is string => typeof a === 'string')
    : actionsRaw && typeof actionsRaw === 'object'
      ? Object.entries(actionsRaw as Raw)
          .filter(([, v]) => v === true)
          .map(([k]) => k)
      : [];
  if (!u) return { user: null, actions, csrfToken };
  const unit = (u.unit && typeof u.unit === 'object' ? u.unit : null) as Raw | null;
  const rolesRaw = u.roles ?? (u.role ? [u.role] : []);
  const roles = Array.isArray(rolesRaw)
    ? rolesRaw.map((x) => (typeof x === 'string' ? x : str((x as Raw)?.role) ?? str((x as Raw)?.name) ?? '')).filter(Boolean)
    : [];
  return {
    user: {
      id: str(u.id) ?? '',
      username: str(u.username) ?? str(u.login) ?? '',
      name: str(u.name) ?? str(u.displayName) ?? str(u.username) ?? '',
      roles,
      unitId: str(u.unitId) ?? (unit ? str(unit.id) : null),
      unitName: str(u.unitName) ?? (unit ? str(unit.name) : null),
    },
    actions,
    csrfToken,
  };
}

interface SessionState {
  session: Session;
  loading: boolean;
  /** True after a 401 during work: the shell shows a login dialog over the current page. */
  expired: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (action: string) => boolean;
  hasRole: (...roles: string[]) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ user: null, actions: [] });
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  const apply = useCallback((raw: unknown) => {
    const s = normaliseSession(raw);
    if (s.csrfToken) setCsrfToken(s.csrfToken);
    setSession({ user: s.user, actions: s.actions });
    return s;
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await api.get('/api/session'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setSession({ user: null, actions: [] });
      else throw e;
    } finally {
      setLoading(false);
    }
  }, [apply]);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
  }, [refresh]);

  useEffect(
    () =>
      onUnauthorized(() => {
        setSession((s) => {
          if (s.user) setExpired(true);
          return s;
        });
      }),
    [],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const raw = await api.post('/api/session', { username, password });
      const s = apply(raw);
      if (!s.user || !s.csrfToken) await refresh();
      setExpired(false);
    },
    [apply, refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.del('/api/session');
    } finally {
      setCsrfToken(null);
      setSession({ user: null, actions: [] });
    }
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      session,
      loading,
      expired,
      login,
      logout,
      refresh,
      can: (action) => session.actions.includes(action) || session.actions.includes('*'),
      hasRole: (...roles) => !!session.user && session.user.roles.some((r) => roles.includes(r)),
    }),
    [session, loading, expired, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
