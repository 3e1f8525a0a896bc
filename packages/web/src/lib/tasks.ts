/**
 * The web app's view of a task row, read from whatever the server sends, and the pure logic the
 * overview screens run on it: filtering, the responsibility matrix and its CSV export.
 */
import { isObj, num, str } from '../screens/import-model';
import { ApiError, messageForStatus } from '../api/client';
import { t } from '../i18n/zh-CN';

export type Role = 'lead' | 'responsible' | 'cooperating';

export interface UnitRef {
  id: string | null;
  name: string;
  role: Role;
}

export interface TaskRow {
  id: string;
  planId: string | null;
  planTitle: string | null;
  path: string;
  title: string;
  text: string;
  units: UnitRef[];
  deadline: string | null;
  light: string | null;
  lightReasons: string[];
  progress: number | null;
  status: string | null;
  domain: string | null;
  cities: string[];
  actions: string[];
}

const ROLES: Role[] = ['lead', 'responsible', 'cooperating'];

function roleOf(v: unknown): Role {
  const s = (typeof v === 'string' ? v : '');
  if (s === 'lead' || s === '牵头' || s === '牵头单位') return 'lead';
  if (s === 'cooperating' || s === '配合' || s === '配合单位' || s === 'co') return 'cooperating';
  return 'responsible';
}

function unitsOf(r: Record<string, unknown>): UnitRef[] {
  const out: UnitRef[] = [];
  if (Array.isArray(r.units)) {
    for (const u of r.units) {
      if (typeof u === 'string') out.push({ id: null, name: u, role: 'responsible' });
      else if (isObj(u)) {
        const unit = isObj(u.unit) ? u.unit : u;
        out.push({ id: str(unit.id) ?? str(u.unitId), name: str(unit.name) ?? str(u.unitName) ?? str(u.name) ?? '', role: roleOf(u.role) });
      }
    }
  }
  for (const role of ROLES) {
    const list = r[role] ?? r[`${role}Units`];
    if (Array.isArray(list)) {
      for (const u of list) {
        const name = typeof u === 'string' ? u : isObj(u) ? (str(u.name) ?? '') : '';
        if (name && !out.some((x) => x.name === name && x.role === role)) out.push({ id: isObj(u) ? str(u.id) : null, name, role });
      }
    }
  }
  return out.filter((u) => u.name);
}

function stringsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => (typeof x === 'string' ? x : isObj(x) ? (str(x.message) ?? str(x.reason) ?? str(x.text) ?? str(x.name) ?? '') : '')).filter(Boolean);
}

export function toTaskRow(r: Record<string, unknown>): TaskRow {
  const light = isObj(r.light) ? r.light : null;
  const plan = isObj(r.plan) ? r.plan : null;
  const text = str(r.text) ?? str(r.content) ?? '';
  const pct = num(r.progress) ?? num(r.percent) ?? (isObj(r.progress) ? num(r.progress.percent) : null);
  return {
    id: str(r.id) ?? '',
    planId: str(r.planId) ?? (plan ? str(plan.id) : null),
    planTitle: str(r.planTitle) ?? (plan ? str(plan.title) : null),
    path: str(r.path) ?? str(r.code) ?? '',
    title: str(r.title) ?? text.split(/[。；;]/)[0]?.slice(0, 60) ?? '',
    text,
    units: unitsOf(r),
    deadline: str(r.deadline) ?? str(r.deadlineText) ?? str(r.deadlineDate) ?? str(r.dueDate),
    light: light ? str(light.color) ?? str(light.colour) ?? str(light.level) : str(r.light) ?? str(r.lightColor),
    lightReasons: stringsOf(light ? (light.reasons ?? light.reason) : r.lightReasons ?? r.reasons),
    progress: pct,
    status: str(r.status),
    domain: str(r.domain),
    cities: Array.isArray(r.cities) ? r.cities.map(String) : Array.isArray(r.places) ? r.places.map(String) : str(r.city) ? [str(r.city)!] : [],
    actions: Array.isArray(r.actions) ? r.actions.map(String) : Array.isArray(r.allowedActions) ? r.allowedActions.map(String) : [],
  };
}

export interface TaskFilter {
  unit?: string | null;
  role?: Role | null;
  domain?: string | null;
  city?: string | null;
  light?: string | null;
  status?: string | null;
  q?: string | null;
}

/**
 * Rows matching every given filter; a unit filter with a role means "this unit in this role".
 * Tasks a revision cancelled are no longer part of the plan: they show only when asked for by status.
 */
export function filterTasks(rows: TaskRow[], f: TaskFilter): TaskRow[] {
  const q = f.q?.trim();
  return rows.filter(
    (r) =>
      (f.status === 'cancelled' || r.status !== 'cancelled') &&
      (!f.unit || r.units.some((u) => u.name === f.unit && (!f.role || u.role === f.role))) &&
      (!f.role || f.unit || r.units.some((u) => u.role === f.role)) &&
      (!f.domain || r.domain === f.domain) &&
      (!f.city || r.cities.includes(f.city)) &&
      (!f.light || (f.light === 'none' ? !r.light : r.light === f.light)) &&
      (!f.status || r.status === f.status) &&
      (!q || r.text.includes(q) || r.title.includes(q) || r.path.includes(q)),
  );
}

export interface Matrix {
  units: string[];
  tasks: TaskRow[];
  /** cell(unit, taskId) → role, or undefined. */
  cell: (unit: string, taskId: string) => Role | undefined;
}

/** Units × tasks: units ordered by how many tasks they lead, then carry, then by name. */
export function buildMatrix(rows: TaskRow[]): Matrix {
  const cells = new Map<string, Role>();
  const weight = new Map<string, number>();
  for (const r of rows) {
    for (const u of r.units) {
      const key = `${u.name}\u0000${r.id}`;
      const prev = cells.get(key);
      // A unit named twice keeps its strongest role.
      if (!prev || ROLES.indexOf(u.role) < ROLES.indexOf(prev)) cells.set(key, u.role);
      weight.set(u.name, (weight.get(u.name) ?? 0) + (u.role === 'lead' ? 1000 : u.role === 'responsible' ? 10 : 1));
    }
  }
  const units = [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a.localeCompare(b, 'zh-CN'));
  return { units, tasks: rows, cell: (unit, taskId) => cells.get(`${unit}\u0000${taskId}`) };
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Above this many tasks the matrix turns to one row per task (rows virtualise; thousands of columns do not). */
export const MATRIX_TASK_COLUMNS_MAX = 60;

/** Whether the matrix is shown and exported with one row per task (a large plan) rather than per unit. */
export const matrixByTask = (m: Matrix) => m.tasks.length > MATRIX_TASK_COLUMNS_MAX;

const taskLabel = (t: TaskRow) => `${t.path} ${t.title}`.trim();

/**
 * The matrix as CSV (UTF-8 with BOM so Excel opens Chinese correctly): one row per unit, or one
 * row per task with a column per unit when `firstColumn` is the task column of a large plan.
 */
export function matrixCsv(m: Matrix, roleLabel: Record<string, string>, unitColumn = '单位', taskColumn?: string): string {
  const mark = (u: string, t: TaskRow) => {
    const role = m.cell(u, t.id);
    return role ? (roleLabel[role] ?? role) : '';
  };
  const lines = taskColumn
    ? [[taskColumn, ...m.units], ...m.tasks.map((t) => [taskLabel(t), ...m.units.map((u) => mark(u, t))])]
    : [[unitColumn, ...m.tasks.map(taskLabel)], ...m.units.map((u) => [u, ...m.tasks.map((t) => mark(u, t))])];
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Offer a text as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Offer bytes as a file download. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name a server's content-disposition header gives (RFC 5987 `filename*` first). */
export function filenameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // a malformed header: fall through to the plain name
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Download a file the server generates (Excel, Word) with the session cookie, so a failure shows
 * as a Chinese message where the user clicked instead of a JSON file saved to disk.
 */
export async function downloadFromServer(path: string, fallbackName: string): Promise<{ filename: string; size: number }> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', t.errors.network);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
    const message = typeof body?.message === 'string' && /[\u4e00-\u9fff]/.test(body.message) ? body.message : messageForStatus(res.status);
    throw new ApiError(res.status, typeof body?.code === 'string' ? body.code : `http.${res.status}`, message, undefined, body);
  }
  const blob = await res.blob();
  const filename = filenameOf(res.headers.get('content-disposition'), fallbackName);
  downloadBlob(filename, blob);
  return { filename, size: blob.size };
}

/** Open data: one CSV row per task (path, text, lead, responsible, cooperating, deadline, progress, status). */
export function tasksCsv(rows: TaskRow[], header: readonly string[]): string {
  const names = (r: TaskRow, role: Role) => r.units.filter((u) => u.role === role).map((u) => u.name).join('、');
  const lines = [header, ...rows.map((r) => [r.path, r.text, names(r, 'lead'), names(r, 'responsible'), names(r, 'cooperating'), r.deadline ?? '', r.progress === null ? '' : String(Math.round(r.progress)), r.status ?? ''])];
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Open data as JSON: the plan's published identity and its tasks, nothing internal. */
export function openData(plan: Record<string, unknown>, rows: TaskRow[]) {
  return {
    title: plan.title ?? null,
    docNumber: plan.docNumber ?? null,
    issuer: plan.issuerText ?? plan.issuer ?? null,
    publishedAt: plan.publishedAt ?? null,
    tasks: rows.map((r) => ({
      path: r.path,
      text: r.text,
      units: r.units.map((u) => ({ name: u.name, role: u.role })),
      deadline: r.deadline,
      progress: r.progress,
      status: r.status,
    })),
  };
}
