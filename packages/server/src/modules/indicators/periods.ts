import { periodOf, type PeriodInfo } from '../reporting/periods.js';

/**
 * A reporting period from its key ("2026", "2026-H2", "2026-Q3", "2026-09") — the keys the
 * reporting cycles give their slots — or null for anything else.
 */
export function periodFromKey(key: string): PeriodInfo | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return periodOf('yearly', `${m[1]}-01-01`);
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return periodOf('half-yearly', `${m[1]}-${m[2] === '1' ? '01' : '07'}-01`);
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return periodOf('quarterly', `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return periodOf('monthly', `${m[1]}-${m[2]}-01`);
  return null;
}
