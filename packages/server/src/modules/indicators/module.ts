import type { Ctx } from '../../http/context.js';
import type { DemoWorkspace } from '../demo/demo.js';
import { recentPeriodsOfPlan, recordIndicatorValue } from './commands.js';
import { indicatorsOfPlan, lockPlanIndicatorValues } from './repository.js';

/**
 * The demo plan's indicators get the two periods before the current one filled in by the
 * coordinator's sheet, so the 指标 chart shows a trajectory against each target from the start.
 */
async function seedDemoValues(ctx: Ctx, demo: DemoWorkspace): Promise<void> {
  await lockPlanIndicatorValues(ctx.tx, demo.planId);
  const [, last, before] = await recentPeriodsOfPlan(ctx, demo.planId);
  if (!last || !before) return;
  for (const indicator of await indicatorsOfPlan(ctx.tx, demo.planId)) {
    // Roughly a third, then a half of the way to the target: on the way, behind the straight path.
    for (const [period, share] of [
      [before, 0.35],
      [last, 0.5],
    ] as const) {
      const value = Math.round(indicator.target * share * 10) / 10;
      await recordIndicatorValue(
        ctx,
        { indicator, period, value, note: '演示数据', source: 'sheet', statedAt: ctx.now },
        undefined,
      );
    }
  }
}

export const indicatorHooks = { onDemo: seedDemoValues };
