/**
 * Reporting periods and dates. Dates are ISO strings (YYYY-MM-DD) in China Standard Time, the
 * calendar every due date in the documents refers to.
 */
export const PERIODS = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type Period = (typeof PERIODS)[number];
export const isPeriod = (v: string): v is Period => (PERIODS as readonly string[]).includes(v);

/** Finest first: the finest cadence of a plan is the one units report on. */
export const PERIOD_RANK: Record<Period, number> = { monthly: 0, quarterly: 1, 'half-yearly': 2, yearly: 3 };

export interface PeriodInfo {
  key: string;
  label: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today's date in China (UTC+8, no daylight saving). */
export function localDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds working days (Monday to Friday; public holidays are not modelled). */
export function addWorkingDays(date: string, days: number): string {
  let d = date;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) left -= 1;
  }
  return d;
}

/** The period of this cadence that contains `date`. */
export function periodOf(period: Period, date: string): PeriodInfo {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (period) {
    case 'monthly':
      return {
        key: `${y}-${pad(m)}`,
        label: `${y}年${m}月`,
        start: iso(y, m, 1),
        end: iso(y, m, lastDay(y, m)),
      };
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      const first = (q - 1) * 3 + 1;
      return {
        key: `${y}-Q${q}`,
        label: `${y}年第${'一二三四'[q - 1]}季度`,
        start: iso(y, first, 1),
        end: iso(y, first + 2, lastDay(y, first + 2)),
      };
    }
    case 'half-yearly': {
      const h = m <= 6 ? 1 : 2;
      return {
        key: `${y}-H${h}`,
        label: `${y}年${h === 1 ? '上' : '下'}半年`,
        start: iso(y, h === 1 ? 1 : 7, 1),
        end: h === 1 ? iso(y, 6, 30) : iso(y, 12, 31),
      };
    }
    case 'yearly':
      return { key: `${y}`, label: `${y}年度`, start: iso(y, 1, 1), end: iso(y, 12, 31) };
  }
}

/** The period before the one with this start date. */
export function previousPeriod(period: Period, current: PeriodInfo): PeriodInfo {
  return periodOf(period, addDays(current.start, -1));
}

/** Due date: the N-th day after the period ends (N = 20: the 20th of the following month). */
export function dueDateOf(p: PeriodInfo, dueDaysAfter: number): string {
  return addDays(p.end, dueDaysAfter);
}
