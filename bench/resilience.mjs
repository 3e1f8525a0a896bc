#!/usr/bin/env node
// `npm run test:resilience`: the full form of the resilience tests (issue 6).
//   1. the short-form tests that also run in `npm test` (packages/server/src/resilience), with the
//      larger surge (500 reports) and 100 generated requests per route for the validator fuzz;
//   2. the deadline surge at full size against the built server (bench/surge.mjs): 500 clients
//      submit 20,000 reports of region data (bench/.data/region-pglite, generated when missing)
//      with retries on timeouts; each exactly once, counts = recount, lights = recomputation, p99;
//   3. the crash test against the built server (bench/crash.mjs): kill -9 mid-surge, restart,
//      every acknowledged submit present, back within 5 s;
//   4. hostile uploads against the built server, with its own memory (bench/fuzz-uploads.mjs);
//   5. backup → restore → identical tables → audit verify → tampering detected (bench/backup-region.mjs);
//   6. the parser over 100,000 mutated documents (bench/fuzz-parser.mjs).
// Arguments are passed to the crash test. Exit code 0 only when every step passes.
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/server.mjs';

const node = (script, ...args) => [process.execPath, [`${ROOT}bench/${script}`, ...args]];
const steps = [
  ['npx', ['vitest', 'run', '--project', 'server', 'packages/server/src/resilience']],
  node('surge.mjs', '--clients', '500', '--reports', '20000'),
  node('crash.mjs', ...process.argv.slice(2)),
  node('fuzz-uploads.mjs'),
  node('backup-region.mjs', '--size', 'small'),
  node('fuzz-parser.mjs', '--n', '100000'),
];
let failed = 0;
for (const [cmd, args] of steps) {
  console.log(`\n=== ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: ROOT,
    // Full forms: 500 surge reports (the short form in `npm test` uses 120), 100 fuzz requests per route.
    env: { RESILIENCE_SURGE_TASKS: '250', RESILIENCE_FUZZ_RUNS: '100', ...process.env },
  });
  if (r.status !== 0) failed += 1;
}
console.log(failed ? `resilience: ${failed} step(s) failed` : 'resilience: all steps passed');
process.exit(failed ? 1 : 0);
