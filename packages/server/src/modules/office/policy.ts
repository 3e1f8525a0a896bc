import { definePolicy } from '../../policy.js';

/**
 * Office exports. Coordinators, leaders and evaluators export any plan's 任务分工表; reporters and
 * unit leaders export a published plan their unit has tasks in (a draft belongs to no unit yet).
 */
export const officePolicy = definePolicy({
  'office.task_table.export': {
    anyUnit: ['coordinator', 'admin', 'leader', 'evaluator'],
    ownUnit: ['reporter', 'unit_leader'],
  },
  /** A unit's bulk progress sheet: download and upload its own slots (the query scopes to the caller's unit). */
  'office.progress_sheet.download': { ownUnit: ['reporter', 'unit_leader'] },
  'office.progress_sheet.upload': { ownUnit: ['reporter', 'unit_leader'] },
  /** 季通报 / 工作简报 of a plan for a period: coordinators draft them, leaders read them. */
  'office.bulletin.generate': { anyUnit: ['coordinator', 'admin', 'leader'] },
  /** 半年/年度总结 of a plan for a period, assembled from the units' reports. */
  'office.summary.generate': { anyUnit: ['coordinator', 'admin', 'leader'] },
  /** The 督办单 of a notice: as reading notices — coordinators and leaders, and the addressed unit. */
  'office.notice.download': { anyUnit: ['coordinator', 'admin', 'leader'], ownUnit: ['reporter', 'unit_leader'] },
});
