import { z } from 'zod';

const role = z.enum(['lead', 'responsible', 'cooperating']);

export const taskSchema = z.object({
  id: z.string(),
  planId: z.string(),
  nodeId: z.string().nullable(),
  path: z.string(),
  ord: z.number(),
  text: z.string(),
  annotation: z.string().nullable(),
  deadlineText: z.string().nullable(),
  deadlineDate: z.string().nullable(),
  weight: z.number().nullable(),
  upstreamTaskId: z.string().nullable(),
  status: z.string(),
  version: z.number(),
  span: z.unknown(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      role,
      printedName: z.string().nullable(),
      unitStatus: z.enum(['active', 'proposed']),
      isGroup: z.boolean(),
      assignment: z.string(),
    }),
  ),
  actions: z.array(z.string()),
});

export const planSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  docNumber: z.string().nullable(),
  issuerText: z.string().nullable(),
  issuerUnitId: z.string().nullable(),
  docDate: z.string().nullable(),
  year: z.number().nullable(),
  upstreamPlanId: z.string().nullable(),
  revisesPlanId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  taskCount: z.number(),
  finishedTaskCount: z.number(),
  actions: z.array(z.string()),
});

const unitLine = z.object({ unitId: z.string(), unitName: z.string(), role: z.string() });
export const revisionSchema = z
  .object({
    against: z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable() }),
    added: z.array(
      z.object({ draftTaskId: z.string(), path: z.string(), text: z.string(), units: z.array(unitLine) }),
    ),
    removed: z.array(
      z.object({ taskId: z.string(), path: z.string(), text: z.string(), units: z.array(unitLine) }),
    ),
    changed: z.array(
      z.object({
        taskId: z.string(),
        draftTaskId: z.string(),
        path: z.string(),
        text: z.object({ before: z.string(), after: z.string() }).optional(),
        deadline: z.object({ before: z.string().nullable(), after: z.string().nullable() }).optional(),
        units: z.object({ before: z.array(unitLine), after: z.array(unitLine) }).optional(),
      }),
    ),
    unchanged: z.number(),
  })
  .nullable();

export const planDetailSchema = planSummarySchema.extend({
  issuerUnitName: z.string().nullable(),
  file: z.object({ id: z.string(), filename: z.string(), size: z.number(), mime: z.string() }).nullable(),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), span: z.unknown() })),
  leadingGroup: z.array(z.unknown()),
  recipients: z.array(z.string()),
  references: z.array(z.unknown()),
  outline: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      kind: z.string(),
      level: z.number(),
      marker: z.string().nullable(),
      path: z.string(),
      title: z.string(),
      span: z.unknown(),
    }),
  ),
  tasks: z.array(taskSchema),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      target: z.number(),
      unit: z.string().nullable(),
      comparator: z.string(),
      year: z.number().nullable(),
      baseline: z.number().nullable(),
      baselineYear: z.number().nullable(),
      binding: z.boolean().nullable(),
      responsible: z.array(z.string()),
      responsibleUnitIds: z.array(z.string()),
    }),
  ),
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      text: z.string(),
      places: z.array(z.string()),
      path: z.string(),
    }),
  ),
  phases: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      printed: z.string().nullable(),
      activities: z.string(),
    }),
  ),
  cadences: z.array(
    z.object({
      id: z.string(),
      period: z.string(),
      what: z.string(),
      to: z.string().nullable(),
      toUnitId: z.string().nullable(),
    }),
  ),
  proposedUnits: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const publishProblemSchema = z.object({
  taskId: z.string(),
  path: z.string(),
  text: z.string(),
  problem: z.enum(['no_units', 'proposed_unit', 'empty_group']),
  unitName: z.string().optional(),
});

export const taskUnitInput = z.object({ unitId: z.uuid(), role });

const overviewCounts = {
  tasks: z.number(),
  percent: z.number().nullable(),
  red: z.number(),
  yellow: z.number(),
  finished: z.number(),
};

export const planOverviewSchema = planSummarySchema.extend({
  issuerUnitName: z.string().nullable(),
  totals: z.object(overviewCounts),
  // The detail's outline node without its source span, with its subtree's counts.
  outline: z.array(planDetailSchema.shape.outline.element.omit({ span: true }).extend(overviewCounts)),
  projects: planDetailSchema.shape.projects,
  phases: planDetailSchema.shape.phases,
  cadences: planDetailSchema.shape.cadences,
});

export const planTasksPageSchema = z.object({
  items: z.array(
    taskSchema.extend({
      light: z.string().nullable(),
      lightReasons: z.array(z.string()),
      percent: z.number().nullable(),
      finish: z.string().nullable(),
    }),
  ),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});
