#!/usr/bin/env node
// node scripts/indicator-fields.mjs [--no-build] [--responsible]
// The corpus scorer compares indicators by name and target only. This script pairs gold and
// predicted indicators exactly as score.mjs does (name contained either way + same target, first
// unused prediction in order), then compares the fields the scorer cannot see — unit, comparator,
// year, and baseline when the gold states one (`--responsible` adds the responsible units) — over
// the dev corpus and every corpus-extra round, and prints each mismatch and the counts.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = new Set(process.argv.slice(2));
const pkg = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
if (!args.has('--no-build')) {
  execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
}
const { parsePlan } = await import('../dist/index.js');

// The scorer's keys (score.mjs), so pairs are the ones it counts.
const squash = (s) => String(s ?? '').normalize('NFKC').replace(/\s+/g, '');
const textKey = (s) => squash(s).replace(/[\p{P}\p{S}]/gu, '');
const numberOf = (v) => (typeof v === 'number' ? v : Number(String(v ?? '').replace(/[^\d.\-]/g, '')));

const fields = ['unit', 'comparator', 'year', 'baseline'];
if (args.has('--responsible')) fields.push('responsible');
const same = (field, g, p) => {
  if (field === 'unit') return squash(g) === squash(p);
  if (field === 'responsible') return JSON.stringify(g ?? []) === JSON.stringify(p ?? []);
  if (field === 'year' || field === 'baseline') return (g == null ? null : numberOf(g)) === (p == null ? null : numberOf(p));
  return g === p;
};

const sets = [['dev', join(corpus, 'dev')]];
const extra = join(pkg, 'corpus-extra');
sets.push(['extra 1–5', extra]);
for (const d of readdirSync(extra).filter((d) => /^round\d+$/.test(d)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))) {
  if (existsSync(join(extra, d, 'docs')) && existsSync(join(extra, d, 'gold'))) sets.push([`round ${d.slice(5)}`, join(extra, d)]);
}

const total = { pairs: 0, checked: 0, mismatches: 0, byField: Object.fromEntries(fields.map((f) => [f, 0])) };
for (const [name, dir] of sets) {
  let pairs = 0;
  let mismatches = 0;
  for (const f of readdirSync(join(dir, 'docs')).sort()) {
    const goldPath = join(dir, 'gold', f.replace(/\.[^.]+$/, '.json'));
    if (!existsSync(goldPath)) continue;
    const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
    if (!(gold.indicators ?? []).length) continue;
    const plan = parsePlan(readFileSync(join(dir, 'docs', f), 'utf8'));
    const pi = [...plan.indicators];
    for (const g of gold.indicators) {
      const gn = textKey(g.name);
      const at = pi.findIndex((p) => {
        const pn = textKey(p.name);
        return pn && gn && (pn.includes(gn) || gn.includes(pn)) && numberOf(p.target) === numberOf(g.target);
      });
      if (at < 0) continue;
      const [p] = pi.splice(at, 1);
      pairs++;
      for (const field of fields) {
        if (!(field in g)) continue; // the gold does not state it
        total.checked++;
        if (same(field, g[field], p[field])) continue;
        mismatches++;
        total.byField[field]++;
        console.log(`${name} ${f} ${field}: ${g.name} ${g.target} — gold ${JSON.stringify(g[field])}, parser ${JSON.stringify(p[field])} (parser name ${p.name})`);
      }
    }
  }
  console.log(`== ${name}: ${pairs} matched indicators, ${mismatches} field mismatches`);
  total.pairs += pairs;
  total.mismatches += mismatches;
}
console.log(
  `\nall: ${total.pairs} matched indicators, ${total.checked} fields checked, ${total.mismatches} mismatches (${fields.map((f) => `${f} ${total.byField[f]}`).join(', ')})`,
);
