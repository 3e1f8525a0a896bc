/**
 * Typed domain errors. Domain code throws `new DomainError(code, message)`; the one error handler
 * (http/error-handler.ts) turns the code into an HTTP status through `statusOf`, an exhaustive
 * switch: adding a code here without mapping it fails the type check.
 * Messages are Chinese and tell the user what to do.
 */
export type ErrorCode =
  // request shape and framework
  | 'validation.failed'
  | 'request.too_large'
  | 'request.unsupported_media_type'
  | 'route.not_found'
  | 'internal'
  | 'db.unavailable'
  // access
  | 'auth.required'
  | 'auth.invalid_credentials'
  | 'auth.rate_limited'
  | 'auth.account_disabled'
  | 'csrf.invalid'
  | 'forbidden'
  | 'user.username_taken'
  | 'user.not_found'
  // generic persistence
  | 'conflict.stale'
  | 'idempotency.conflict'
  // directory
  | 'unit.not_found'
  | 'unit.name_taken'
  | 'unit.not_proposed'
  | 'unit.in_use'
  // plans
  | 'plan.not_found'
  | 'plan.not_draft'
  | 'plan.not_published'
  | 'plan.unresolved_units'
  | 'plan.unassigned_tasks'
  | 'plan.import_failed'
  | 'plan.link_cycle'
  | 'task.not_found'
  | 'task.merge_invalid'
  | 'task.split_invalid'
  // audit
  | 'audit.not_found'
  // reporting, supervision
  | 'report.not_found'
  | 'report.locked'
  | 'report.invalid_transition'
  | 'report.incomplete'
  | 'cycle.not_found'
  | 'attachment.not_found'
  | 'attachment.too_large'
  | 'finish.evidence_required'
  | 'finish.invalid_transition'
  | 'notice.not_found'
  | 'notice.invalid_transition'
  | 'extension.not_found'
  | 'extension.too_late'
  | 'extension.no_deadline'
  | 'extension.invalid_transition'
  | 'assignment.not_found'
  | 'assignment.invalid_transition'
  | 'assignment.window_closed';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** HTTP status for each error code. Exhaustive: a new code must be mapped here. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation.failed':
    case 'task.merge_invalid':
    case 'task.split_invalid':
    case 'plan.import_failed':
    case 'plan.link_cycle':
      return 400;
    case 'auth.required':
    case 'auth.invalid_credentials':
      return 401;
    case 'auth.account_disabled':
    case 'csrf.invalid':
    case 'forbidden':
      return 403;
    case 'route.not_found':
    case 'user.not_found':
    case 'unit.not_found':
    case 'plan.not_found':
    case 'task.not_found':
    case 'audit.not_found':
    case 'report.not_found':
    case 'cycle.not_found':
    case 'attachment.not_found':
    case 'notice.not_found':
    case 'extension.not_found':
    case 'assignment.not_found':
      return 404;
    case 'conflict.stale':
    case 'idempotency.conflict':
    case 'user.username_taken':
    case 'unit.name_taken':
    case 'unit.not_proposed':
    case 'unit.in_use':
    case 'plan.not_draft':
    case 'plan.not_published':
    case 'report.locked':
    case 'report.invalid_transition':
    case 'finish.invalid_transition':
    case 'notice.invalid_transition':
    case 'extension.too_late':
    case 'extension.invalid_transition':
    case 'assignment.invalid_transition':
    case 'assignment.window_closed':
      return 409;
    case 'request.too_large':
    case 'attachment.too_large':
      return 413;
    case 'request.unsupported_media_type':
      return 415;
    case 'plan.unresolved_units':
    case 'plan.unassigned_tasks':
    case 'report.incomplete':
    case 'finish.evidence_required':
    case 'extension.no_deadline':
      return 422;
    case 'auth.rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'db.unavailable':
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}

/** Convenience for the common "not found" case with a message saying what to do. */
export function notFound(code: Extract<ErrorCode, `${string}.not_found`>, what: string): DomainError {
  return new DomainError(code, `找不到该${what}，它可能已被删除或您无权查看。请返回列表刷新后重试。`);
}
