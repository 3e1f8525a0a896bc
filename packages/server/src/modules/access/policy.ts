import { definePolicy } from '../../policy.js';

/** Who may sign in, read their session, and manage accounts. */
export const accessPolicy = definePolicy({
  'session.read': { public: true },
  'session.create': { public: true },
  'session.delete': { authenticated: true },
  'user.list': { anyUnit: ['admin'] },
  'user.create': { anyUnit: ['admin'] },
  'user.update': { anyUnit: ['admin'] },
});
export type AccessAction = keyof typeof accessPolicy.rules;
