import { withContext, type Ctx, type Deps } from '../../http/context.js';
import { openDuePeriods } from '../reporting/slots.js';
import { recomputeAllLights } from './lights.js';

/**
 * The time-driven step of supervision: opens reporting periods that have begun and recomputes
 * lights (a due date passing changes them without any write). Audited when it changed something.
 */
export async function runSupervisionSweep(
  ctx: Ctx,
  planId?: string,
): Promise<{ openedSlots: number; tasks: number; changed: number }> {
  const openedSlots = await openDuePeriods(ctx);
  const r = await recomputeAllLights(ctx, planId);
  if (openedSlots || r.changed) {
    await ctx.audit({
      action: 'light.recompute',
      entityType: 'supervision',
      entityId: planId ?? 'all',
      after: { openedSlots, ...r },
    });
  }
  return { openedSlots, ...r };
}

/** Runs the sweep every `everyMs` (hourly by default) while the server runs; returns a stop function. */
export function startSupervisionSchedule(deps: Deps, everyMs = 60 * 60 * 1000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    withContext(deps, { kind: 'system', name: '定时督办' }, (ctx) => runSupervisionSweep(ctx))
      .catch((e: unknown) => console.error('定时亮灯失败：', e instanceof Error ? e.message : e))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
