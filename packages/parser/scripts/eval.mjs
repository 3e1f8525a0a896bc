#!/usr/bin/env node
// npm run eval: build the parser, parse ../shared/corpus/dev/docs into a temporary directory with
// the built package, then print the corpus scorer's table. Extra arguments go to the scorer
// (e.g. `npm run eval -- --verbose`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
const { parsePlan } = await import('../dist/index.js');
const docs = join(corpus, 'dev/docs');
const out = mkdtempSync(join(tmpdir(), 'xietong-eval-'));
for (const f of readdirSync(docs).sort()) {
  const plan = parsePlan(readFileSync(join(docs, f), 'utf8'));
  writeFileSync(join(out, f.replace(/\.[^.]+$/, '.json')), JSON.stringify(plan));
}
console.log(`predictions: ${out}`);
execFileSync(process.execPath, [join(corpus, 'score.mjs'), join(corpus, 'dev/gold'), out, ...process.argv.slice(2)], { stdio: 'inherit' });
