import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import {
  GOAL_SET,
  GOAL_SET_2,
  GOAL_SET_3,
  GOAL_SET_4,
  GOAL_SET_5,
  type GoalCase,
} from '../__tests__/goal-set.js';
import { META_SET } from '../__tests__/meta-set.js';

// Goals stated the ways Chinese plans state them, and figures that are not goals, in small documents
// written here (src/__tests__/goal-set.ts): every field LABELING.md asks for is compared.
// A name matches when one contains the other (the corpus scorer's rule: 全市地区生产总值 is
// 地区生产总值); target, unit, comparator and year must be equal.
const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const read = (c: GoalCase) =>
  parsePlan(c.doc).indicators.map((i, k) => {
    const want = c.goals[k];
    const same =
      want != null && (squash(i.name).includes(squash(want[0])) || squash(want[0]).includes(squash(i.name)));
    return [same ? want[0] : i.name, i.target, i.unit, i.comparator, i.year];
  });

describe('goal set: how plans state goals, and what is not a goal', () => {
  for (const [batch, set] of [
    [1, GOAL_SET],
    [2, GOAL_SET_2],
    [3, GOAL_SET_3],
    [4, GOAL_SET_4],
    [5, GOAL_SET_5],
  ] as const) {
    for (const [n, c] of set.entries()) {
      it(`batch ${batch} #${n}: ${c.doc.split('\n').pop()!.slice(0, 40)}`, () => {
        expect(read(c)).toEqual(c.goals);
      });
    }
  }
});

describe('metadata set: notices as they are printed', () => {
  for (const [n, c] of META_SET.entries()) {
    it(`#${n}: ${c.doc.slice(0, 30)}`, () => {
      const plan = parsePlan(c.doc);
      expect({ title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer, date: plan.date }).toEqual(
        c.meta,
      );
    });
  }
});
