import type { AnyRoute } from '../http/route.js';
import type { Ctx } from '../http/context.js';
import { accessRoutes } from './access/routes.js';
import { auditRoutes } from './audit/routes.js';
import { systemRoutes } from './system/routes.js';
import { directoryRoutes } from './directory/routes.js';
import { planRoutes } from './plans/routes.js';
import { taskRoutes } from './plans/task-routes.js';
import { importRoutes } from './plans/import-routes.js';
import { reportingRoutes } from './reporting/routes.js';
import { reportingHooks } from './reporting/module.js';
import { supervisionRoutes } from './supervision/routes.js';
import { inboxRoutes } from './inbox/routes.js';
import { officeRoutes } from './office/routes.js';
import { indicatorRoutes } from './indicators/routes.js';
import { indicatorHooks } from './indicators/module.js';
import { publicRoutes } from './public/routes.js';
import type { LoginLimiter } from './access/login-limiter.js';
import type { DemoWorkspace } from './demo/demo.js';

/**
 * What a module contributes to the app. Add your module here (one line); see docs/server-modules.md.
 */
export interface ModuleDef {
  name: string;
  routes: (deps: ModuleDeps) => readonly AnyRoute[];
  /**
   * Called inside the publish transaction after every task is assigned (交办), and again after a
   * revision is applied (new tasks may have appeared): must be idempotent.
   */
  onPlanPublished?: (ctx: Ctx, planId: string) => Promise<void>;
  /** Called when the demo workspace is loaded (after the demo plan is published and accounts exist). */
  onDemo?: (ctx: Ctx, demo: DemoWorkspace) => Promise<void>;
  /**
   * Called when a revision is applied to a published plan, before `onPlanPublished`: tasks that left
   * the document are cancelled and some units lost a task — close what you keep open for them.
   */
  onPlanRevised?: (ctx: Ctx, planId: string, change: PlanRevision) => Promise<void>;
  /** Called before a plan's rows are deleted (demo --remove): delete what you keep about it. */
  onPlanPurged?: (ctx: Ctx, planId: string) => Promise<void>;
}

/** What a revision took away from a published plan. */
export interface PlanRevision {
  cancelledTaskIds: string[];
  /** Units no longer responsible for a task that stays. */
  removedAssignments: { taskId: string; unitId: string }[];
}

export interface ModuleDeps {
  loginLimiter: LoginLimiter;
}

export const modules: ModuleDef[] = [
  { name: 'system', routes: () => systemRoutes },
  { name: 'access', routes: (d) => accessRoutes(d.loginLimiter) },
  { name: 'audit', routes: () => auditRoutes },
  { name: 'directory', routes: () => directoryRoutes },
  { name: 'plans', routes: () => [...importRoutes, ...planRoutes, ...taskRoutes] },
  { name: 'reporting', routes: () => reportingRoutes, ...reportingHooks },
  { name: 'supervision', routes: () => supervisionRoutes },
  { name: 'inbox', routes: () => inboxRoutes },
  { name: 'office', routes: () => officeRoutes },
  { name: 'indicators', routes: () => indicatorRoutes, ...indicatorHooks },
  { name: 'public', routes: () => publicRoutes },
];
