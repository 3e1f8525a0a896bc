import type { Ctx } from '../../http/context.js';
import { DomainError, notFound } from '../../errors.js';
import { localDate, periodOf, previousPeriod, isPeriod, type PeriodInfo } from '../reporting/periods.js';
import {
  buildIndicatorSheet,
  readIndicatorSheet,
  type IndicatorSheetSlot,
} from '../office/indicator-sheet.js';
import { findPlanHead, type PlanHead } from '../office/repository.js';
import { readUploadedSheet } from '../office/sheet-upload.js';
import type { GeneratedFile } from '../office/commands.js';
import { periodFromKey } from './periods.js';
import {
  currentPeriodKeyOfPlan,
  indicatorsOfPlan,
  lockPlanIndicatorValues,
  publishedPlansWithIndicators,
  valuesOfPlans,
  type IndicatorRow,
  type IndicatorValueRow,
} from './repository.js';
import { indicatorValues } from './schema.js';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import { isUuid } from '../../http/route.js';
import type { ReportRow } from '../reporting/repository.js';
import { indicators } from '../plans/schema.js';

type Period = Pick<PeriodInfo, 'key' | 'label' | 'end'>;

const snapshot = (v: IndicatorValueRow | undefined) =>
  v ? { value: v.value, note: v.note, source: v.source, reportId: v.reportId, version: v.version } : null;

/**
 * Records the value of an indicator for a period as its latest statement: inserts it, or replaces
 * the stored one with version + 1. Audited with the value before and after. The caller holds the
 * plan's indicator lock (`lockPlanIndicatorValues`) and has read `before` under it.
 */
export async function recordIndicatorValue(
  ctx: Ctx,
  input: {
    indicator: IndicatorRow;
    period: Period;
    value: number;
    note: string;
    source: 'report' | 'sheet';
    reportId?: string;
    statedAt: Date;
  },
  before: IndicatorValueRow | undefined,
): Promise<IndicatorValueRow> {
  const fields = {
    periodLabel: input.period.label,
    periodEnd: input.period.end,
    value: input.value,
    note: input.note,
    source: input.source,
    reportId: input.reportId ?? null,
    statedAt: input.statedAt,
    updatedAt: ctx.now,
    updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  };
  const [after] = before
    ? await ctx.tx
        .update(indicatorValues)
        .set({ ...fields, version: before.version + 1 })
        .where(eq(indicatorValues.id, before.id))
        .returning()
    : await ctx.tx
        .insert(indicatorValues)
        .values({
          ...fields,
          indicatorId: input.indicator.id,
          planId: input.indicator.planId,
          periodKey: input.period.key,
        })
        .returning();
  await ctx.audit({
    action: input.source === 'report' ? 'indicator_value.report' : 'indicator_value.sheet',
    entityType: 'indicator_value',
    entityId: after!.id,
    before: snapshot(before),
    after: { ...snapshot(after), indicatorId: input.indicator.id, periodKey: input.period.key },
  });
  return after!;
}

interface TakenValue {
  id: string;
  indicator_id: string;
  value: number;
  note: string;
  source: string;
  report_id: string | null;
  version: number;
  old_value: number | null;
  old_note: string | null;
  old_source: string | null;
  old_report_id: string | null;
  old_version: number | null;
}

/**
 * Takes the indicator values a unit states in a report into `indicator_values`, in the submit's
 * transaction (one statement for all of them): for each indicator and the report's period the
 * latest statement wins — a report submitted after a sheet upload replaces the uploaded value, an
 * older statement replaces nothing. Each change is audited with the value before and after.
 * Submits share the plan's indicator lock (a sheet upload holds it alone: its version check must
 * not race a report). Values of indicators outside the report's plan are ignored (the save refused them).
 * @returns how many values changed
 */
export async function takeInReportedIndicatorValues(
  ctx: Ctx,
  r: Pick<ReportRow, 'id' | 'planId' | 'periodKey' | 'periodLabel' | 'periodEnd' | 'indicatorValues'>,
  statedAt: Date,
): Promise<number> {
  const stated = Array.isArray(r.indicatorValues)
    ? (r.indicatorValues as { indicatorId?: unknown; value?: unknown }[])
    : [];
  const latest = new Map<string, number>();
  for (const v of stated)
    if (
      typeof v.indicatorId === 'string' &&
      isUuid(v.indicatorId) &&
      typeof v.value === 'number' &&
      Number.isFinite(v.value)
    )
      latest.set(v.indicatorId, v.value);
  if (!latest.size) return 0;
  await lockPlanIndicatorValues(ctx.tx, r.planId, 'shared');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const list = sql.join(
    [...latest].map(([id, value]) => sql`(${id}::uuid, ${value}::float8)`),
    sql`, `,
  );
  const changed = await rows<TakenValue>(
    ctx.tx,
    // `old` reads the rows as the statement found them (not `for update`: the upsert's own
    // change would hide them), so each audit event gets the value it replaced.
    sql`with v(indicator_id, value) as (values ${list}),
      old as (
        select iv.indicator_id, iv.value, iv.note, iv.source, iv.report_id, iv.version from indicator_values iv
        where iv.period_key = ${r.periodKey} and iv.indicator_id in (select indicator_id from v)),
      up as (
        insert into indicator_values as iv (indicator_id, plan_id, period_key, period_label, period_end, value, note,
          source, report_id, stated_at, updated_at, updated_by)
        select v.indicator_id, i.plan_id, ${r.periodKey}, ${r.periodLabel}, ${r.periodEnd}, v.value, '', 'report',
          ${r.id}::uuid, ${statedAt}, ${ctx.now}, ${userId}::uuid
        from v join indicators i on i.id = v.indicator_id and i.plan_id = ${r.planId}
        on conflict (indicator_id, period_key) do update set value = excluded.value, note = excluded.note,
          source = excluded.source, report_id = excluded.report_id, stated_at = excluded.stated_at,
          period_label = excluded.period_label, period_end = excluded.period_end, updated_at = excluded.updated_at,
          updated_by = excluded.updated_by, version = iv.version + 1
        where iv.stated_at < excluded.stated_at
        returning iv.id, iv.indicator_id, iv.value, iv.note, iv.source, iv.report_id, iv.version)
      select up.*, old.value as old_value, old.note as old_note, old.source as old_source,
        old.report_id as old_report_id, old.version as old_version
      from up left join old on old.indicator_id = up.indicator_id
      order by up.indicator_id`,
  );
  for (const c of changed) {
    await ctx.audit({
      action: 'indicator_value.report',
      entityType: 'indicator_value',
      entityId: c.id,
      before:
        c.old_version === null
          ? null
          : {
              value: c.old_value,
              note: c.old_note,
              source: c.old_source,
              reportId: c.old_report_id,
              version: c.old_version,
            },
      after: {
        value: c.value,
        note: c.note,
        source: c.source,
        reportId: c.report_id,
        version: c.version,
        indicatorId: c.indicator_id,
        periodKey: r.periodKey,
      },
    });
  }
  return changed.length;
}

/** The plan's reporting period now and the three before it (what the coordinator usually fills). */
export async function recentPeriodsOfPlan(ctx: Ctx, planId: string): Promise<PeriodInfo[]> {
  const cycle = await currentPeriodKeyOfPlan(ctx.tx, planId);
  const cadence = cycle && isPeriod(cycle.period) ? cycle.period : 'quarterly';
  let p = (cycle && periodFromKey(cycle.key)) ?? periodOf(cadence, localDate(ctx.now));
  const out = [p];
  for (let i = 0; i < 3; i++) out.push((p = previousPeriod(cadence, p)));
  return out;
}

async function publishedPlan(ctx: Ctx, planId: string): Promise<PlanHead> {
  const plan = await findPlanHead(ctx.tx, planId);
  if (!plan) throw notFound('plan.not_found', '规划');
  if (plan.status !== 'published') {
    throw new DomainError('plan.not_published', '规划尚未发布，还没有指标数据可以填报。请先发布规划。');
  }
  return plan;
}

const COMPARATOR_TEXT: Record<string, string> = { '>=': '≥', '<=': '≤', '~': '约', '=': '' };

/** "≥68%（2026年）" */
function targetText(i: IndicatorRow): string {
  return `${COMPARATOR_TEXT[i.comparator] ?? ''}${i.target}${i.unit ?? ''}${i.year ? `（${i.year}年）` : ''}`;
}

const slotIdOf = (indicatorId: string, periodKey: string) => `${indicatorId}@${periodKey}`;

function parseSlotId(id: string): { indicatorId: string; period: PeriodInfo } | null {
  const at = id.lastIndexOf('@');
  const period = at > 0 ? periodFromKey(id.slice(at + 1)) : null;
  return period ? { indicatorId: id.slice(0, at), period } : null;
}

/**
 * The coordinator's indicator sheet of a published plan: one row per indicator for the chosen
 * period, or (without one) per indicator × every period that holds a value plus the current
 * period; hidden slot ids (indicator@period) and versions (0: no value yet), the stored value
 * prefilled. Read-only.
 */
export async function downloadIndicatorSheet(
  ctx: Ctx,
  input: { planId: string; periodKey?: string },
): Promise<GeneratedFile> {
  const plan = await publishedPlan(ctx, input.planId);
  let chosen: PeriodInfo | undefined;
  if (input.periodKey) {
    chosen = periodFromKey(input.periodKey) ?? undefined;
    if (!chosen) {
      throw new DomainError(
        'validation.failed',
        `报送周期“${input.periodKey}”无法识别。请使用如 2026、2026-H1、2026-Q3、2026-09 的写法。`,
      );
    }
  }
  const inds = await indicatorsOfPlan(ctx.tx, plan.id);
  if (!inds.length)
    throw new DomainError(
      'validation.failed',
      '该规划没有识别出指标，无法生成指标数据填报表。请先在规划审核中补充指标。',
    );
  const values = await valuesOfPlans(ctx.tx, [plan.id]);
  const periods = new Map<string, Period>();
  if (chosen) periods.set(chosen.key, chosen);
  else {
    const [current] = await recentPeriodsOfPlan(ctx, plan.id);
    for (const v of values)
      periods.set(v.periodKey, { key: v.periodKey, label: v.periodLabel, end: v.periodEnd });
    periods.set(current!.key, current!);
  }
  const ordered = [...periods.values()].sort((a, b) => a.end.localeCompare(b.end));
  const slots: IndicatorSheetSlot[] = inds.flatMap((ind) => {
    const mine = values.filter((v) => v.indicatorId === ind.id);
    return ordered.map((p) => {
      const stored = mine.find((v) => v.periodKey === p.key);
      const previous = mine.filter((v) => v.periodEnd < p.end).at(-1);
      return {
        slotId: slotIdOf(ind.id, p.key),
        version: stored?.version ?? 0,
        indicatorName: ind.name,
        measure: ind.unit,
        target: targetText(ind),
        unit: ind.responsible.join('、') || '—',
        period: p.label,
        previousValue: previous?.value ?? null,
        ...(stored ? { draft: { value: stored.value, note: stored.note } } : {}),
      };
    });
  });
  const labels = ordered.map((p) => p.label).join('、');
  const bytes = await buildIndicatorSheet(slots, `《${plan.title}》指标数据填报表（${labels}）`);
  return { fileName: `${plan.title}-指标数据填报表${chosen ? `-${chosen.label}` : ''}.xlsx`, bytes };
}

/** The versions a sheet's slot ids must still have: any indicator of the plan × any period (0 = no value yet). */
class SlotVersions extends Map<string, number> {
  constructor(
    private readonly indicatorIds: ReadonlySet<string>,
    stored: readonly IndicatorValueRow[],
  ) {
    super(stored.map((v) => [slotIdOf(v.indicatorId, v.periodKey), v.version]));
  }
  override get(id: string): number | undefined {
    const known = super.get(id);
    if (known !== undefined) return known;
    const slot = parseSlotId(id);
    return slot && this.indicatorIds.has(slot.indicatorId) ? 0 : undefined;
  }
}

export interface IndicatorUploadResult {
  /** Values written (new or changed). */
  saved: number;
  /** Filled rows equal to the stored value: nothing written. */
  unchanged: number;
  /** Empty rows. */
  untouched: number;
}

/**
 * Applies the coordinator's filled indicator sheet: every changed row recorded (version + 1,
 * audited) in the request's transaction, or none — row errors by row and column, and rows whose
 * value changed since the download (a unit reported, a colleague uploaded) as conflicts.
 */
export async function uploadIndicatorSheet(
  ctx: Ctx,
  input: { planId: string; bytes: Uint8Array },
): Promise<IndicatorUploadResult> {
  const plan = await publishedPlan(ctx, input.planId);
  // Alone on the plan's values until commit: no report takes a value in between read and write.
  await lockPlanIndicatorValues(ctx.tx, plan.id);
  const inds = new Map((await indicatorsOfPlan(ctx.tx, plan.id)).map((i) => [i.id, i]));
  const stored = await valuesOfPlans(ctx.tx, [plan.id]);
  const versions = new SlotVersions(new Set(inds.keys()), stored);
  const result = await readUploadedSheet('指标数据填报表', () => readIndicatorSheet(input.bytes, versions));
  let saved = 0;
  let unchanged = 0;
  for (const row of result.rows) {
    const slot = parseSlotId(row.slotId)!;
    const before = stored.find((v) => v.indicatorId === slot.indicatorId && v.periodKey === slot.period.key);
    if (before && before.value === row.value && before.note === row.note) {
      unchanged++;
      continue;
    }
    const indicator = inds.get(slot.indicatorId)!;
    await recordIndicatorValue(
      ctx,
      {
        indicator,
        period: slot.period,
        value: row.value,
        note: row.note,
        source: 'sheet',
        statedAt: ctx.now,
      },
      before,
    );
    saved++;
  }
  return { saved, unchanged, untouched: result.untouchedSlotIds.length };
}

/**
 * The indicators of published plans (or one plan) with their values per period, for the 指标
 * chart (values units report are taken in when they submit).
 */
export async function listIndicators(ctx: Ctx, input: { planId?: string }) {
  const planRows = await publishedPlansWithIndicators(ctx.tx, input.planId);
  const ids = planRows.map((p) => p.id);
  const inds = ids.length
    ? await ctx.tx
        .select()
        .from(indicators)
        .where(inArray(indicators.planId, ids))
        .orderBy(asc(indicators.ord))
    : [];
  const values = await valuesOfPlans(ctx.tx, ids);
  const byIndicator = new Map<string, IndicatorValueRow[]>();
  for (const v of values) byIndicator.set(v.indicatorId, [...(byIndicator.get(v.indicatorId) ?? []), v]);
  const plans = [];
  for (const p of planRows) plans.push({ plan: p, periods: await recentPeriodsOfPlan(ctx, p.id) });
  return { plans, items: inds.map((i) => ({ indicator: i, values: byIndicator.get(i.id) ?? [] })) };
}
