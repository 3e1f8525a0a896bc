import { definePolicy } from '../../policy.js';

/** Reading the audit trail: coordinators, leaders and administrators everything; units their own. */
export const auditPolicy = definePolicy({
  'audit.read': { anyUnit: ['admin', 'coordinator', 'leader'], ownUnit: ['reporter', 'unit_leader'] },
  'audit.verify': { anyUnit: ['admin'] },
});
