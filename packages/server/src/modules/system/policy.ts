import { definePolicy } from '../../policy.js';

/** Endpoints anyone may call. */
export const systemPolicy = definePolicy({
  'system.health': { public: true },
  'system.openapi': { public: true },
});
