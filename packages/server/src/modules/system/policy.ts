import { definePolicy } from '../../policy.js';

/** Health and API description (anyone); online backup (administrators). */
export const systemPolicy = definePolicy({
  'system.health': { public: true },
  'system.openapi': { public: true },
  'system.backup': { anyUnit: ['admin'] },
});
