/** Reading the server's plan and draft payloads into what the import screens show. */
import { t } from '../i18n/zh-CN';

type Raw = Record<string, unknown>;

export const isObj = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A list from a response that is either an array or an object holding one ({items}, {data}, …). */
export function listOf(body: unknown, ...keys: string[]): Raw[] {
  if (Array.isArray(body)) return body.filter(isObj);
  if (!isObj(body)) return [];
  for (const k of [...keys, 'items', 'data', 'rows', 'results', 'plans', 'drafts', 'tasks']) {
    const v = body[k];
    if (Array.isArray(v)) return v.filter(isObj);
  }
  return [];
}

export function draftIdOf(body: unknown): string | null {
  if (!isObj(body)) return null;
  const inner = isObj(body.draft) ? body.draft : isObj(body.plan) && !('outline' in body.plan) ? body.plan : body;
  return str(inner.id) ?? str(body.id) ?? str(body.draftId) ?? str(body.planId);
}

export interface DraftSummary {
  id: string;
  title: string;
  issuer: string | null;
  status: string | null;
  taskCount: number | null;
  warningCount: number | null;
  /** The draft revises a published plan (its differences are shown before they are applied). */
  revises: boolean;
}

export function summariseDraft(r: Raw): DraftSummary {
  const parsed = isObj(r.parsed) ? r.parsed : isObj(r.plan) ? r.plan : null;
  return {
    id: str(r.id) ?? '',
    title: str(r.title) ?? (parsed ? str(parsed.title) : null) ?? str(r.filename) ?? str(r.name) ?? t.app.untitledPlan,
    issuer: str(r.issuerText) ?? str(r.issuer) ?? (parsed ? str(parsed.issuer) : null),
    status: str(r.status),
    taskCount: num(r.taskCount) ?? (Array.isArray(r.tasks) ? r.tasks.length : parsed && Array.isArray(parsed.tasks) ? parsed.tasks.length : null),
    warningCount: num(r.warningCount) ?? (Array.isArray(r.warnings) ? r.warnings.length : parsed && Array.isArray(parsed.warnings) ? parsed.warnings.length : null),
    revises: !!str(r.revisesPlanId),
  };
}
