import { definePolicy } from '../../policy.js';

/**
 * Indicator values. Everyone signed in reads the indicators of published plans against their
 * targets (the same figures are disclosed); the coordinator keeps the values through the bulk
 * sheet (units report theirs in the report form).
 */
export const indicatorPolicy = definePolicy({
  'indicator.read': { authenticated: true },
  'indicator.sheet': { anyUnit: ['coordinator', 'admin'] },
});

export type IndicatorAction = 'indicator.read' | 'indicator.sheet';
