import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.js';
import { CORPUS, score } from './__tests__/score.js';

/** The whole dev corpus against its gold labels, with the scorer's own rules. */
describe('conformance: dev corpus', () => {
  const predictions = new Map<string, Record<string, unknown>>();
  for (const f of readdirSync(join(CORPUS, 'docs'))) {
    const plan = parsePlan(readFileSync(join(CORPUS, 'docs', f), 'utf8'));
    predictions.set(f.replace(/\.txt$/, '.json'), JSON.parse(JSON.stringify(plan)) as Record<string, unknown>);
  }
  const result = score(join(CORPUS, 'gold'), predictions);

  it('finds the annotated tasks (F1 ≥ 0.98)', () => {
    expect(result.misses.filter((m) => / (task|spurious) /.test(m))).toEqual([]);
    expect(result.tasks).toBeGreaterThanOrEqual(0.98);
  });

  it('assigns units to the right roles (F1 ≥ 0.97)', () => {
    expect(result.misses.filter((m) => / (unit|extra) /.test(m))).toEqual([]);
    expect(result.roles).toBeGreaterThanOrEqual(0.97);
  });

  it('reads title, 文号, issuer and date (≥ 0.95 of the labelled fields)', () => {
    expect(result.misses.filter((m) => /^\S+ (title|docNumber|issuer|date):/.test(m))).toEqual([]);
    expect(result.metadata).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the numeric goals (indicator F1 ≥ 0.95)', () => {
    expect(result.misses.filter((m) => / indicator /.test(m))).toEqual([]);
    expect(result.indicators).toBeGreaterThanOrEqual(0.95);
  });
});
