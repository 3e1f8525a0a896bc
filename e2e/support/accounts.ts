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
