import { z } from 'zod';
import type { Actor } from '../../policy.js';
import type { PeriodInfo } from '../reporting/periods.js';
import { indicatorPolicy } from './policy.js';
import type { IndicatorRow, IndicatorValueRow } from './repository.js';

export const indicatorValueSchema = z.object({
  periodKey: z.string(),
  periodLabel: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  note: z.string(),
  source: z.enum(['report', 'sheet']),
  version: z.number(),
  statedAt: z.string(),
});

export const indicatorSchema = z.object({
  id: z.string(),
  planId: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  target: z.number(),
  comparator: z.string(),
  year: z.number().nullable(),
  baseline: z.number().nullable(),
  baselineYear: z.number().nullable(),
  binding: z.boolean().nullable(),
  responsible: z.array(z.string()),
  /** The latest value per period, oldest period first. */
  values: z.array(indicatorValueSchema),
});

export const indicatorPlanSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The plan's reporting period now and the three before it, newest first (for the sheet). */
  periods: z.array(z.object({ key: z.string(), label: z.string() })),
  actions: z.array(z.enum(['indicator.sheet'])),
});

export const indicatorListSchema = z.object({
  plans: z.array(indicatorPlanSchema),
  items: z.array(indicatorSchema),
});

export function presentIndicatorValue(v: IndicatorValueRow): z.infer<typeof indicatorValueSchema> {
  return {
    periodKey: v.periodKey,
    periodLabel: v.periodLabel,
    periodEnd: v.periodEnd,
    value: v.value,
    note: v.note,
    source: v.source === 'report' ? 'report' : 'sheet',
    version: v.version,
    statedAt: v.statedAt.toISOString(),
  };
}

export function presentIndicator(
  i: IndicatorRow,
  values: readonly IndicatorValueRow[],
): z.infer<typeof indicatorSchema> {
  return {
    id: i.id,
    planId: i.planId,
    name: i.name,
    unit: i.unit,
    target: i.target,
    comparator: i.comparator,
    year: i.year,
    baseline: i.baseline,
    baselineYear: i.baselineYear,
    binding: i.binding,
    responsible: i.responsible,
    values: values.map(presentIndicatorValue),
  };
}

export function presentIndicatorPlan(
  actor: Actor,
  plan: { id: string; title: string },
  periods: readonly PeriodInfo[],
): z.infer<typeof indicatorPlanSchema> {
  return {
    id: plan.id,
    title: plan.title,
    periods: periods.map((p) => ({ key: p.key, label: p.label })),
    actions: indicatorPolicy.allowed(actor, ['indicator.sheet'], []).filter((a) => a === 'indicator.sheet'),
  };
}
