import { definePolicy } from '../../policy.js';

const COORDINATION = ['coordinator', 'admin'] as const;

/**
 * Plans and tasks. Published plans are public; drafts are visible to coordinators, administrators
 * and leaders (queries scope by `canSeeDrafts`). Only coordinators and administrators change plans.
 */
export const plansPolicy = definePolicy({
  'plan.read': { public: true },
  'plan.read_drafts': { anyUnit: ['coordinator', 'admin', 'leader'] },
  'plan.import': { anyUnit: COORDINATION },
  'plan.edit': { anyUnit: COORDINATION },
  'plan.publish': { anyUnit: COORDINATION },
  'plan.delete': { anyUnit: COORDINATION },
  'plan.file': { anyUnit: ['coordinator', 'admin', 'leader'] },
  'task.read': { public: true },
  'task.edit': { anyUnit: COORDINATION },
});
export type PlanAction = keyof typeof plansPolicy.rules;
