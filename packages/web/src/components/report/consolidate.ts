/**
 * The lead unit's consolidation (汇总): the co-units' submitted inputs are appended to the lead's
 * own report, each marked with its unit, without repeating what is already there.
 */
import type { ReportValues } from './ReportForm';

export interface CoUnitInput {
  unitName: string;
  done: string;
  problems: string;
  nextSteps: string;
}

const FIELDS = ['done', 'problems', 'nextSteps'] as const;

/** Appends each input's text to the lead's fields; `added` counts the inputs that brought something new. */
export function consolidate(
  own: ReportValues,
  inputs: readonly CoUnitInput[],
): { values: ReportValues; added: number } {
  const values = { ...own };
  let added = 0;
  for (const input of inputs) {
    let brought = false;
    for (const f of FIELDS) {
      const text = input[f].trim();
      if (!text || values[f].includes(text)) continue;
      const block = `【${input.unitName}】${text}`;
      values[f] = values[f].trim() ? `${values[f].trimEnd()}\n${block}` : block;
      brought = true;
    }
    if (brought) added += 1;
  }
  return { values, added };
}
