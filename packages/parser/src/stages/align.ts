import { looksLikeUnit } from '../extract/units.js';
import type { ColumnRole } from './outline.js';

/**
 * Table rows with fewer cells than their header (merged cells of a web table, copied one cell per
 * line): which header column each cell belongs to. Cells keep their order; the columns a row
 * skips are chosen so that the cells fit their columns best — unit lists under unit columns,
 * names of persons under 领导/责任人, dates under 时限, a bare number under 序号.
 */
export function alignCells(texts: string[], roles: ColumnRole[]): number[] {
  const n = texts.length;
  const k = roles.length;
  if (n >= k) return texts.map((_, i) => i);
  // best[i][j]: best score placing the first i cells in the first j columns.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(-Infinity));
  const took: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(k + 1).fill(false));
  best[0]![0] = 0;
  for (let j = 1; j <= k; j++) best[0]![j] = best[0]![j - 1]! - skipCost(roles, j - 1);
  for (let i = 1; i <= n; i++) {
    for (let j = i; j <= k; j++) {
      const place = best[i - 1]![j - 1]! + fit(texts[i - 1]!, roles[j - 1]!);
      const skip = best[i]![j - 1]! - skipCost(roles, j - 1);
      if (place >= skip) {
        best[i]![j] = place;
        took[i]![j] = true;
      } else best[i]![j] = skip;
    }
  }
  // Cells in order with the missing ones at the end is the plain reading; another alignment must
  // fit clearly better.
  let plain = 0;
  for (let i = 0; i < n; i++) plain += fit(texts[i]!, roles[i]!);
  for (let j = n; j < k; j++) plain -= skipCost(roles, j);
  if (best[n]![k]! <= plain + 1) return texts.map((_, i) => i);
  const cols = new Array<number>(n).fill(0);
  for (let i = n, j = k; i > 0 && j > 0; j--) {
    if (took[i]![j]) cols[--i] = j - 1;
  }
  return cols;
}

/** Merged cells span text columns more often than unit or number columns. */
function skipCost(roles: ColumnRole[], j: number): number {
  const r = roles[j];
  return r === 'task' || r === 'content' || r === 'target' || r === 'progress' || r === 'other' ? 0.1 : 0.3;
}

const PERSON_NAME = /^[\u4e00-\u9fa5]{2,4}$/;

function isPersonList(t: string): boolean {
  const parts = t.split(/[、，,\s]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => PERSON_NAME.test(p) && !looksLikeUnit(p));
}

function isUnitList(t: string): boolean {
  const parts = t.split(/[、，,；;]+/).filter(Boolean);
  return parts.length > 0 && parts.filter((p) => looksLikeUnit(p)).length * 2 > parts.length;
}

/** How well a cell's text fits a column role (positive: fits, negative: does not). */
function fit(raw: string, role: ColumnRole): number {
  const t = raw.replace(/\s+/g, '');
  if (!t) return 0;
  const long = t.length > 30 || /[。；]/.test(t);
  switch (role) {
    case 'seq':
      return /^\D{0,2}\d{1,4}(?:[.-]\d{1,3})*\D{0,2}$/.test(t) ? 3 : -3;
    case 'lead':
    case 'responsible':
    case 'cooperating':
      if (long) return -3;
      if (isPersonList(t)) return -2;
      return isUnitList(t) ? 2 : -0.5;
    case 'person':
      if (long) return -2;
      if (isPersonList(t)) return 2;
      return isUnitList(t) ? -1 : 0;
    case 'deadline':
      if (/(?:19|20)\d\d年|\d{1,2}月|底前|年底|长期|持续|常态/.test(t) && t.length <= 30) return 2;
      return long ? -2 : -1;
    case 'task':
    case 'content':
    case 'target':
      if (isPersonList(t) || isUnitList(t)) return -1;
      return t.length >= 6 ? 1 : 0;
    case 'progress':
      if (isPersonList(t)) return -1;
      return t.length >= 4 ? 0.5 : 0;
    default:
      return 0;
  }
}
