import { definePolicy } from '../../policy.js';

const COORDINATION = ['coordinator', 'admin'] as const;
const READERS = ['coordinator', 'admin', 'leader'] as const;
const UNIT = ['reporter', 'unit_leader'] as const;

/**
 * Supervision: coordinators set the light rules, escalate (提醒 → 催办 → 督办单 → 通报), close
 * notices and decide extension requests; units reply, ask for extensions and accept (签收) or
 * return (退回) their assignments. Lists are scoped to the caller's unit for unit roles.
 */
export const supervisionPolicy = definePolicy({
  'light.read': { anyUnit: [...READERS, 'evaluator'], ownUnit: UNIT },
  'light.rules': { anyUnit: COORDINATION },
  'light.recompute': { anyUnit: COORDINATION },
  'notice.read': { anyUnit: READERS, ownUnit: UNIT },
  'notice.issue': { anyUnit: COORDINATION },
  'notice.reply': { ownUnit: UNIT },
  'notice.close': { anyUnit: COORDINATION },
  'extension.read': { anyUnit: READERS, ownUnit: UNIT },
  'extension.request': { ownUnit: UNIT },
  'extension.decide': { anyUnit: COORDINATION },
  'assignment.accept': { ownUnit: UNIT },
  'assignment.return': { ownUnit: UNIT },
  'on_time.read': { anyUnit: [...READERS, 'evaluator'] },
});
export type SupervisionAction = keyof typeof supervisionPolicy.rules;
