#!/usr/bin/env node
// npm run eval:extra -w @xietong/parser: the same as `npm run eval`, on corpus-extra (real
// documents found outside the repository, labelled by hand — see corpus-extra/SOURCES.md), scored
// with the shared corpus scorer. Extra arguments go to the scorer (e.g. `-- --verbose`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const scorer = fileURLToPath(new URL('../../../../shared/corpus/score.mjs', import.meta.url));
const extra = join(pkg, 'corpus-extra');
execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
const { parsePlan } = await import('../dist/index.js');
const out = mkdtempSync(join(tmpdir(), 'xietong-eval-extra-'));
for (const f of readdirSync(join(extra, 'docs')).sort()) {
  const plan = parsePlan(readFileSync(join(extra, 'docs', f), 'utf8'));
  writeFileSync(join(out, f.replace(/\.[^.]+$/, '.json')), JSON.stringify(plan));
}
console.log(`predictions: ${out}`);
execFileSync(process.execPath, [scorer, join(extra, 'gold'), out, ...process.argv.slice(2)], { stdio: 'inherit' });
