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

/**
 * corpus-extra: real documents found outside the repository and labelled by hand
 * (corpus-extra/SOURCES.md), in five rounds: each round was labelled, then measured, then (rounds
 * 1–4) its failures were fixed with generic rules (extract/generalisation.test.ts). The thresholds
 * are the figures reached, rounded down; the misses that remain are named so a change is visible.
 */
describe('conformance: corpus-extra (real documents from outside the repository)', () => {
  const EXTRA = new URL('../corpus-extra/', import.meta.url).pathname;
  const predictions = new Map<string, Record<string, unknown>>();
  for (const f of readdirSync(join(EXTRA, 'docs'))) {
    const plan = parsePlan(readFileSync(join(EXTRA, 'docs', f), 'utf8'));
    predictions.set(f.replace(/\.txt$/, '.json'), JSON.parse(JSON.stringify(plan)) as Record<string, unknown>);
  }
  const result = score(join(EXTRA, 'gold'), predictions);

  it('finds the annotated tasks and their units by role (tasks F1 ≥ 0.94, roles F1 ≥ 0.93)', () => {
    // Known miss: 025, a web table copied one cell per line whose data rows span fewer columns
    // than its header (merged cells), so its rows are not aligned with the header.
    expect(result.misses.filter((m) => !/ indicator /.test(m) && / (task|spurious|unit|extra) /.test(m) && !m.startsWith('025.json'))).toEqual([]);
    expect(result.tasks).toBeGreaterThanOrEqual(0.94);
    expect(result.roles).toBeGreaterThanOrEqual(0.93);
  });

  it('reads title, 文号, issuer and date (≥ 0.95 of the labelled fields)', () => {
    expect(result.metadata).toBeGreaterThanOrEqual(0.95);
    // Known misses: a date inside HTML markup given to parsePlan as plain text; a progress-report title.
    expect(result.misses.filter((m) => /^\S+ (title|docNumber|issuer|date):/.test(m))).toEqual([
      '020.json date: null ≠ 2018-03-27',
      '025.json title: null ≠ 2023年区政府重点民生实事项目推进情况(1-11月)',
    ]);
  });

  it('finds the numeric goals (indicator F1 ≥ 0.93), missing only the known hard cases', () => {
    expect(result.indicators).toBeGreaterThanOrEqual(0.93);
    // Known: 008 a Chinese-numeral amount (超过五千亿规模) and a range (8—10个); 025 progress
    // figures read as goals and one goal missed, because its table is not aligned (see above).
    const misses = result.misses.filter((m) => / indicator /.test(m));
    expect(misses.filter((m) => !/^(?:008|025)\.json/.test(m))).toEqual([]);
    expect(misses.length).toBeLessThanOrEqual(6);
  });
});
