import { parsePlan } from '../index.js';

/** The annotated tasks of a small document: path and units by role (what the gold labels). */
export const annotated = (text: string) =>
  parsePlan(text)
    .tasks.filter((t) => t.lead.length + t.responsible.length + t.cooperating.length > 0)
    .map((t) => ({ path: t.path, lead: t.lead, responsible: t.responsible, cooperating: t.cooperating }));

/** The goals of a small document: name, target, unit, comparator. */
export const goals = (text: string) => parsePlan(text).indicators.map((i) => [i.name, i.target, i.unit, i.comparator]);
