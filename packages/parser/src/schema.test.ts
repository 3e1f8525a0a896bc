import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.js';
import { CORPUS, SEEDS } from './__tests__/score.js';
import { validate } from './__tests__/validate.js';

const schema = JSON.parse(readFileSync(new URL('../plan.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('plan.schema.json', () => {
  const files = [
    ...readdirSync(join(CORPUS, 'docs')).map((f) => join(CORPUS, 'docs', f)),
    ...readdirSync(SEEDS).map((f) => join(SEEDS, f)),
  ];
  it.each(files)('describes the real output for %s', (file) => {
    const plan = JSON.parse(JSON.stringify(parsePlan(readFileSync(file, 'utf8')))) as unknown;
    expect(validate(schema, plan)).toEqual([]);
  });

  it('rejects output that breaks the contract', () => {
    const plan = JSON.parse(JSON.stringify(parsePlan('一、任务\n1.做好工作。（责任单位：市发改委）'))) as Record<string, unknown>;
    (plan.tasks as Array<Record<string, unknown>>)[0]!.lead = 'not a list';
    delete plan.title;
    const errors = validate(schema, plan);
    expect(errors.some((e) => e.includes('missing title'))).toBe(true);
    expect(errors.some((e) => e.includes('.lead'))).toBe(true);
  });
});
