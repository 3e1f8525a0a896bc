import { definePolicy } from '../../policy.js';

/** The inbox: every signed-in account reads its own unit's open work (and, for coordinators, the review queue). */
export const inboxPolicy = definePolicy({
  'inbox.read': { authenticated: true },
});
