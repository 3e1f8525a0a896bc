import type { Ctx } from '../../http/context.js';
import type { DemoWorkspace } from '../demo/demo.js';
import { recomputeAllLights } from '../supervision/lights.js';
import { seedReportingDemo } from './demo.js';
import { refreshPlanProgress } from './repository.js';
import { closeRevisedWork, openPlanReporting, purgePlanReporting } from './slots.js';
import type { PlanRevision } from '../registry.js';

/** Hooks the registry calls: open reporting at publish (idempotent), seed the demo, purge a plan. */
export const reportingHooks = {
  onPlanPublished: async (ctx: Ctx, planId: string) => {
    await openPlanReporting(ctx, planId);
    // New, cancelled or re-weighted tasks change the total the plan's progress is kept from.
    await refreshPlanProgress(ctx.tx, planId);
    await recomputeAllLights(ctx, planId);
  },
  onDemo: (ctx: Ctx, demo: DemoWorkspace) => seedReportingDemo(ctx, demo),
  onPlanPurged: (ctx: Ctx, planId: string) => purgePlanReporting(ctx, planId),
  onPlanRevised: (ctx: Ctx, planId: string, change: PlanRevision) => closeRevisedWork(ctx, planId, change),
};
