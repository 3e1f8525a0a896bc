import { cli } from './harness';

/** Accounts the journeys sign in with, made through the CLI before the server starts. */
export const COORDINATOR = { username: 'e2e-coord', password: 'e2e-coord-pass', name: '王统筹' };

export function addCoordinator(env: NodeJS.ProcessEnv): void {
  cli(env, 'user', 'add', '--username', COORDINATOR.username, '--name', COORDINATOR.name, '--role', 'coordinator', '--password', COORDINATOR.password);
}

/** The demo workspace's accounts (loaded at start-up with XIETONG_DEMO=1); see packages/server/src/modules/demo. */
export const DEMO_PASSWORD = 'Xietong#2026';
export const DEMO = {
  coordinator: { username: 'coordinator', password: DEMO_PASSWORD },
  reporter: { username: 'reporter', password: DEMO_PASSWORD },
  unitLeader: { username: 'unitleader', password: DEMO_PASSWORD },
} as const;
export const DEMO_PLAN_TITLE = '武汉城市圈同城化发展2026年重点任务清单（演示）';

/** A reporter of the unit whose demo report is overdue (武汉市经济和信息化局, lead of task 二/（二）/5). */
export const OVERDUE_UNIT_REPORTER = { username: 'e2e-jxj', password: 'e2e-jxj-pass', name: '经信局联络员', unit: '武汉市经济和信息化局' };

/** Load the demo now (so its unit directory exists), then add the overdue unit's reporter. */
export function demoWithOverdueUnitReporter(env: NodeJS.ProcessEnv): void {
  cli(env, 'demo');
  const u = OVERDUE_UNIT_REPORTER;
  cli(env, 'user', 'add', '--username', u.username, '--name', u.name, '--role', 'reporter', '--unit', u.unit, '--password', u.password);
}
