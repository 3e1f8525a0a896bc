import { cli } from './harness';

/** Accounts the journeys sign in with, made through the CLI before the server starts. */
export const COORDINATOR = { username: 'e2e-coord', password: 'e2e-coord-pass', name: '王统筹' };

export function addCoordinator(env: NodeJS.ProcessEnv): void {
  cli(env, 'user', 'add', '--username', COORDINATOR.username, '--name', COORDINATOR.name, '--role', 'coordinator', '--password', COORDINATOR.password);
}
