import type { Block } from '../stages/segment.js';
import { isoDate } from '../text/dates.js';

export interface PhaseDraft {
  name: string;
  start: string | null;
  end: string | null;
  printed: string | null;
  activities: string;
  from: number;
  to: number;
}

const PHASE = /^(?:[（]?[一二三四五六七八九十\d]{1,2}[）、.]?\s*|第[一二三四五六七八九十]阶段[：，]?\s*)?([^（，。：]{2,16}?阶段)\s*(?:[（]([^）]{2,40})[）]|[：，]\s*((?:20\d\d年)?[^，。；]{0,20}?(?:月|日|年底|年)(?:底|中旬|上旬|下旬)?(?:前|之前|以前)?))?[。：，]?/;

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Resolves a printed period such as 2022年4-10月, 2022年3月底之前, 2022年11月. */
export function resolvePeriod(printed: string, fallbackYear: number | null): { start: string | null; end: string | null } {
  const s = printed.replace(/\s+/g, '');
  const y0 = /(20\d\d)年/.exec(s);
  const year = y0 ? Number(y0[1]) : fallbackYear;
  if (year == null) return { start: null, end: null };
  const before = /之前|以前|前$|底前/.test(s);
  const range = /(\d{1,2})月?(?:\d{1,2}日)?\s*[-—~至到]\s*(?:(20\d\d)年)?(\d{1,2})月(?:(\d{1,2})日)?/.exec(s);
  if (range) {
    const y2 = range[2] ? Number(range[2]) : year;
    const m1 = Number(range[1]);
    const m2 = Number(range[3]);
    return { start: isoDate(year, m1, 1), end: isoDate(y2, m2, range[4] ? Number(range[4]) : lastDay(y2, m2)) };
  }
  const full = /(\d{1,2})月(\d{1,2})日/.exec(s);
  if (full) {
    const d = isoDate(year, Number(full[1]), Number(full[2]));
    return before ? { start: null, end: d } : { start: d, end: d };
  }
  const month = /(\d{1,2})月/.exec(s);
  if (month) {
    const m = Number(month[1]);
    const end = isoDate(year, m, lastDay(year, m));
    return before ? { start: null, end } : { start: isoDate(year, m, 1), end };
  }
  if (/年底|年末/.test(s)) return { start: null, end: isoDate(year, 12, 31) };
  if (y0 && /^\d{4}年$/.test(s)) return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
  return { start: null, end: null };
}

/** Phases: 工作部署阶段（2022年3月底之前）… → name, dates, activities. */
export function extractPhases(printed: string, canon: string, blocks: Block[], year: number | null): PhaseDraft[] {
  const out: PhaseDraft[] = [];
  for (const b of blocks) {
    if (b.type !== 'para') continue;
    const c = canon.slice(b.start, b.end);
    if (!c.includes('阶段')) continue;
    const m = PHASE.exec(c);
    if (!m) continue;
    const nameAt = c.indexOf(m[1]!);
    const name = printed.slice(b.start + nameAt, b.start + nameAt + m[1]!.length).trim();
    const period = m[2] ?? m[3] ?? null;
    if (!period && m[0].length === c.length) continue;
    const periodAt = period ? c.indexOf(period, nameAt) : -1;
    const printedPeriod = period && periodAt >= 0 ? printed.slice(b.start + periodAt, b.start + periodAt + period.length) : null;
    const r = printedPeriod && /\d|年|月/.test(printedPeriod) ? resolvePeriod(printedPeriod, year) : { start: null, end: null };
    out.push({ name, start: r.start, end: r.end, printed: printedPeriod, activities: printed.slice(b.start + m[0].length, b.end).trim(), from: b.start, to: b.end });
  }
  return out;
}
