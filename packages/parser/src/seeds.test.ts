import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.js';
import type { ParsedPlan } from './types.js';
import { SEEDS } from './__tests__/score.js';

/** A reviewable projection of the full output (texts shortened, spans left out). */
function digest(plan: ParsedPlan) {
  const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((k) => [k, xs.filter((x) => x === k).length]));
  return {
    meta: { title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer, date: plan.date, recipients: plan.recipients, kind: plan.kind, year: plan.year },
    tasks: plan.tasks.map((t) => `${t.path} | ${t.text.slice(0, 16)} | L:${t.lead.join('、')} | R:${t.responsible.join('、')} | C:${t.cooperating.join('、')}${t.deadline ? ` | ${t.deadline}` : ''}`),
    indicators: plan.indicators.map((i) => `${i.name} ${i.comparator} ${i.target}${i.unit ?? ''} (${i.year ?? '-'})${i.responsible.length ? ` ← ${i.responsible.join('、')}` : ''}`),
    projects: plan.projects.map((p) => `${p.path} ${p.name} [${p.places.join('、')}]`),
    phases: plan.phases.map((p) => `${p.name} ${p.printed ?? ''} ${p.start ?? ''}..${p.end ?? ''}`),
    cadences: plan.cadences.map((c) => `${c.period} ${c.what}${c.to ? ` → ${c.to}` : ''}`),
    leadingGroup: plan.leadingGroup.map((m) => `${m.role} ${m.name} ${m.title}`),
    references: plan.references.map((r) => `《${r.title}》${r.docNumber ?? ''}`),
    warnings: count(plan.warnings.map((w) => w.code)),
    removed: count(plan.removed.map((r) => r.reason)),
  };
}

describe('seed documents: reviewed snapshots of the full output', () => {
  for (const f of readdirSync(SEEDS).sort()) {
    it(f, () => {
      expect(digest(parsePlan(readFileSync(join(SEEDS, f), 'utf8')))).toMatchSnapshot();
    });
  }
});
