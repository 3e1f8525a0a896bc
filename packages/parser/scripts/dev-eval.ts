// Development helper: parse the dev corpus from sources (tsx) and score it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parsePlan } from '../src/index.js';
const dev = new URL('../../../../shared/corpus/dev/', import.meta.url).pathname;
const out = '/tmp/xt-eval-dev'; mkdirSync(out, { recursive: true });
for (const f of readdirSync(join(dev, 'docs'))) {
  const plan = parsePlan(readFileSync(join(dev, 'docs', f), 'utf8'));
  writeFileSync(join(out, f.replace(/\.txt$/, '.json')), JSON.stringify(plan, null, 1));
}
console.log(out);
console.log(execFileSync('node', [join(dev, '../score.mjs'), join(dev, 'gold'), out, ...process.argv.slice(2)], { encoding: 'utf8' }));
