/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, the
 * CSRF token on state-changing requests, and every failure turned into an ApiError whose message
 * is Chinese and tells the user what to do. Callers keep their form state; nothing here resets it.
 */
import { t } from '../i18n/zh-CN';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** The response body as sent (for 409 conflicts it usually carries the current version). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, details?: unknown, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** Per-field messages when the server reports validation issues, keyed by field path. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const d = this.details;
    const issues = Array.isArray(d)
      ? d
      : d && typeof d === 'object' && Array.isArray((d as { issues?: unknown }).issues)
        ? (d as { issues: unknown[] }).issues
        : [];
    for (const issue of issues) {
      if (issue && typeof issue === 'object') {
        const i = issue as { path?: unknown; message?: unknown };
        const path = Array.isArray(i.path) ? i.path.join('.') : typeof i.path === 'string' ? i.path : '';
        if (path && typeof i.message === 'string') out[path] = i.message;
      }
    }
    return out;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Remember the CSRF token the server handed out (session response or header). */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function getCsrfToken(): string | null {
  if (csrfToken) return csrfToken;
  if (typeof document !== 'undefined' && document.cookie) {
    for (const part of document.cookie.split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k && /csrf|xsrf/i.test(k)) return decodeURIComponent(v.join('='));
    }
  }
  return null;
}

/** Called when any request answers 401, so the shell can ask for a login without leaving the page. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** The fallback Chinese message for a status the server did not explain. */
export function messageForStatus(status: number): string {
  if (status === 401) return t.errors.unauthorized;
  if (status === 403) return t.errors.forbidden;
  if (status === 404) return t.errors.notFound;
  if (status === 409) return t.errors.conflict;
  if (status === 413) return t.errors.tooLarge;
  if (status === 400 || status === 422) return t.errors.invalid;
  if (status === 408 || status === 504) return t.errors.timeout;
  if (status >= 500) return t.errors.server;
  return t.errors.unknown;
}

const HAS_CJK = /[\u3400-\u9fff]/;

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  const text = await res.text().catch(() => '');
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const b = (body && typeof body === 'object' ? body : {}) as Partial<ApiErrorBody> & { error?: string };
  const code = typeof b.code === 'string' ? b.code : typeof b.error === 'string' ? b.error : `http.${res.status}`;
  // Only show the server's message when it is written for a person (Chinese); otherwise fall back.
  const serverMessage = typeof b.message === 'string' && HAS_CJK.test(b.message) ? b.message : null;
  const message = serverMessage ?? (/csrf/i.test(code) ? t.errors.csrf : messageForStatus(res.status));
  return new ApiError(res.status, code, message, b.details, body);
}

export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** Send one request; resolves with the parsed JSON (or null for an empty body), rejects with ApiError. */
export async function request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const upper = method.toUpperCase();
  if (STATE_CHANGING.has(upper)) {
    const token = getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: upper,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t.errors.network);
  }
  const nextToken = res.headers.get('x-csrf-token');
  if (nextToken) csrfToken = nextToken;
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401) for (const l of unauthorizedListeners) l();
    throw err;
  }
  if (res.status === 204) return null as T;
  const text = await res.text();
  if (!text) return null as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? JSON.parse(text) : text) as T;
}

export const api = {
  get: <T = unknown>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T = unknown>(path: string, json?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, json: json === undefined ? {} : json }),
  put: <T = unknown>(path: string, json?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, json }),
  patch: <T = unknown>(path: string, json?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, json }),
  del: <T = unknown>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** A human message for anything thrown: ApiError messages are already Chinese. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return t.errors.unknown;
}

/**
 * Upload with progress (fetch has no upload progress): XMLHttpRequest with the same cookie,
 * CSRF header and error shape as `request`.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (pct: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', t.errors.network));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : null) as T);
        } catch {
          reject(new ApiError(xhr.status, 'parse', t.errors.server));
        }
      } else {
        void toApiError(res).then((err) => {
          if (xhr.status === 401) for (const l of unauthorizedListeners) l();
          reject(err);
        });
      }
    };
    xhr.send(form);
  });
}
