import { z } from 'zod';
import { roleSchema } from './roles.js';

/** Every error body the API returns. `message` is Chinese and says what to do. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * GET/POST /api/session. `actions` lists what the caller may do (e.g. "plan.import");
 * `csrfToken` must be sent back as header `x-csrf-token` on every state-changing request.
 */
export const sessionSchema = z.object({
  user: sessionUserSchema.nullable(),
  actions: z.array(z.string()),
  csrfToken: z.string().nullable(),
});
export type SessionBody = z.infer<typeof sessionSchema>;

/** Header carrying the CSRF token (double-submit: the same value is in the `xt_csrf` cookie). */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'xt_session';
export const CSRF_COOKIE = 'xt_csrf';
