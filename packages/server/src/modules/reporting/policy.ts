import { definePolicy } from '../../policy.js';

const COORDINATION = ['coordinator', 'admin'] as const;
const READERS = ['coordinator', 'admin', 'leader'] as const;
const UNIT = ['reporter', 'unit_leader'] as const;

/**
 * Reporting: units fill and submit their own report slots (the unit leader may sign them off);
 * coordinators review, grant late-entry exceptions, edit cycles and sign finished tasks off.
 * Leaders read everything. On lists, unit roles see only their own unit's rows.
 */
export const reportingPolicy = definePolicy({
  'report.read': { anyUnit: READERS, ownUnit: UNIT },
  'report.edit': { ownUnit: UNIT },
  'report.submit': { ownUnit: UNIT },
  'report.sign': { ownUnit: ['unit_leader'] },
  'report.accept': { anyUnit: COORDINATION },
  'report.return': { anyUnit: COORDINATION },
  'report.grant_exception': { anyUnit: COORDINATION },
  'report.attach': { ownUnit: UNIT },
  'attachment.read': { anyUnit: READERS, ownUnit: UNIT },
  'cycle.read': { anyUnit: READERS },
  'cycle.edit': { anyUnit: COORDINATION },
  'progress.read': { authenticated: true },
  'finish.request': { ownUnit: UNIT },
  'finish.sign_off': { anyUnit: COORDINATION },
});
export type ReportingAction = keyof typeof reportingPolicy.rules;
