#!/usr/bin/env node
// `npm run test:resilience`: the full form of the resilience tests (issue 6).
//   1. the short-form tests that also run in `npm test` (packages/server/src/resilience);
//   2. the crash test against the built server (bench/crash.mjs): kill -9 mid-surge, restart,
//      every acknowledged submit present, back within 5 s.
// Exit code 0 only when both pass.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from './lib/server.mjs';

const steps = [
  ['npx', ['vitest', 'run', '--project', 'server', 'packages/server/src/resilience']],
  ...(existsSync(`${ROOT}bench/crash.mjs`)
    ? [[process.execPath, [`${ROOT}bench/crash.mjs`, ...process.argv.slice(2)]]]
    : []),
];
let failed = 0;
for (const [cmd, args] of steps) {
  console.log(`\n=== ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: ROOT,
    // The full form of the surge: 500 reports (the short form in `npm test` uses 120).
    env: { RESILIENCE_SURGE_TASKS: '250', ...process.env },
  });
  if (r.status !== 0) failed += 1;
}
console.log(failed ? `resilience: ${failed} step(s) failed` : 'resilience: all steps passed');
process.exit(failed ? 1 : 0);
