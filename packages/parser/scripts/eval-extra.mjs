#!/usr/bin/env node
// npm run eval:extra -w @xietong/parser: the same as `npm run eval`, on corpus-extra (real
// documents found outside the repository, labelled by hand — see corpus-extra/SOURCES.md), scored
// with the shared corpus scorer: rounds 1–5 (corpus-extra/docs), then each later round kept in its
// own folder (corpus-extra/round6, round7, …) and all of them together. Extra arguments go to the scorer (e.g. `-- --verbose`).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const scorer = fileURLToPath(new URL('../../../../shared/corpus/score.mjs', import.meta.url));
const extra = join(pkg, 'corpus-extra');
execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
const { parsePlan } = await import('../dist/index.js');
const out = mkdtempSync(join(tmpdir(), 'xietong-eval-extra-'));
const sets = [['rounds 1–5', extra]];
for (const d of readdirSync(extra).filter((d) => /^round\d+$/.test(d)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))) {
  if (existsSync(join(extra, d, 'docs')) && existsSync(join(extra, d, 'gold')) && readdirSync(join(extra, d, 'docs')).length > 0) sets.push([`round ${d.slice(5)}`, join(extra, d)]);
}
const all = join(out, 'all-gold');
mkdirSync(all);
for (const [name, dir] of sets) {
  const pred = join(out, name.replace(/\W+/g, '-'));
  mkdirSync(pred);
  for (const f of readdirSync(join(dir, 'docs')).sort()) {
    const plan = parsePlan(readFileSync(join(dir, 'docs', f), 'utf8'));
    const json = f.replace(/\.[^.]+$/, '.json');
    writeFileSync(join(pred, json), JSON.stringify(plan));
    writeFileSync(join(out, json), JSON.stringify(plan));
    copyFileSync(join(dir, 'gold', json), join(all, json));
  }
  console.log(`\n${name} (predictions: ${pred})`);
  execFileSync(process.execPath, [scorer, join(dir, 'gold'), pred, ...process.argv.slice(2)], { stdio: 'inherit' });
}
if (sets.length > 1) {
  console.log('\nall rounds');
  execFileSync(process.execPath, [scorer, all, out, ...process.argv.slice(2)], { stdio: 'inherit' });
}
