import { definePolicy } from '../../policy.js';

/**
 * 公开: anyone, signed in or not, reads published plans and their tasks' progress, and downloads
 * them as open data. Only published plans; never drafts, report text or supervision records.
 */
export const publicPolicy = definePolicy({
  'public.read': { public: true },
});
export type PublicAction = keyof typeof publicPolicy.rules;
