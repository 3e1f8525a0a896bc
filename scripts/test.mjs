#!/usr/bin/env node
// README's test command. Runs every test:
//   1. parser, shared, server and web tests, with the server on the embedded database (PGlite);
//   2. the database-facing server tests again on PostgreSQL when DATABASE_URL is set
//      (CI always sets it; under CI a missing DATABASE_URL is an error, never a skip);
//   3. the browser journeys (e2e/) against the built app in Debian's Chromium.
// Ends with one plain line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'xietong-test-'));
const totals = { passed: 0, failed: 0 };
let exitCode = 0;

function vitest(label, projects, env = {}) {
  const report = join(out, `${label}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--passWithNoTests',
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  console.log(`\n=== ${label}: npx ${args.join(' ')}`);
  const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += json.numFailedTests ?? 0;
    // A suite that fails to load has no failed test of its own: count it once.
    if (r.status !== 0 && !json.numFailedTests) totals.failed += Math.max(1, json.numFailedTestSuites ?? 0);
  } else if (r.status !== 0) {
    totals.failed += 1;
  }
  if (r.status !== 0) {
    console.error(`=== ${label} failed (exit ${r.status})`);
    exitCode = 1;
  }
}

vitest('unit-and-embedded', ['parser', 'shared', 'server', 'web'], { XIETONG_TEST_DB: 'pglite' });

if (process.env.DATABASE_URL) {
  vitest('postgres', ['server'], { XIETONG_TEST_DB: 'postgres' });
} else if (process.env.CI) {
  console.error('=== CI is set but DATABASE_URL is not: the PostgreSQL run cannot be skipped. Start a cluster (see .ci/run).');
  exitCode = 1;
  totals.failed += 1;
} else {
  console.log('\n=== DATABASE_URL is not set: the PostgreSQL run is left to CI (.ci/run starts a cluster).');
}

vitest('browser-journeys', ['e2e']);

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode);
