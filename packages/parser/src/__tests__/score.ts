// The corpus scorer's logic (shared/corpus/score.mjs), as a function for the conformance suite.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Rec = Record<string, unknown>;
/** Text of a scalar field as the scorer sees it (objects are not expected; they are shown as JSON). */
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v == null ? '' : JSON.stringify(v);
const squash = (s: unknown) => str(s).normalize('NFKC').replace(/\s+/g, '');
const unitKey = (s: unknown) => squash(s).replace(/[【[]/g, '(').replace(/[】\]]/g, ')');
const textKey = (s: unknown) => squash(s).replace(/[\p{P}\p{S}]/gu, '');
const pathKey = (p: unknown) =>
  (Array.isArray(p) ? p : str(p).split('/'))
    .map((seg) => squash(seg).replace(/[()（）〈〉<>.、,，．:：\s第章节条]/g, ''))
    .filter(Boolean)
    .join('/');
const numberOf = (v: unknown) => (typeof v === 'number' ? v : Number(str(v).replace(/[^\d.-]/g, '')));
const roles = ['lead', 'responsible', 'cooperating'] as const;
const unitsOf = (t: Rec | null) => roles.flatMap((r) => ((t?.[r] as string[] | undefined) ?? []).map((u) => [r, unitKey(u)] as const));

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });
export const f1 = ({ tp, fp, fn }: Tally) => {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

export interface Score {
  tasks: number;
  roles: number;
  units: number;
  indicators: number;
  deadlines: number;
  metadata: number;
  misses: string[];
}

/** Scores predictions (by gold file name) against the gold directory. */
export function score(goldDir: string, predictions: Map<string, Rec>, only?: (file: string) => boolean): Score {
  const totals = { tasks: tally(), units: tally(), roles: tally(), indicators: tally() };
  const deadlines = { hit: 0, all: 0 };
  const metadata = { hit: 0, all: 0 };
  const misses: string[] = [];
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith('.json') && (!only || only(f))).sort()) {
    const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as Rec;
    const pred = predictions.get(file) ?? { tasks: [], indicators: [] };
    const predTasks = ((pred.tasks as Rec[]) ?? []).filter((t) => unitsOf(t).length > 0);
    const used = new Set<number>();
    const cands = predTasks.map((t, i) => ({ i, path: pathKey(t.path), text: textKey(t.text ?? t.text_start).slice(0, 60) }));
    for (const g of (gold.tasks as Rec[]) ?? []) {
      const gp = pathKey(g.path);
      const gt = textKey(g.text_start).slice(0, 8);
      const hit = (c: (typeof cands)[number]) => gt.length > 0 && c.text.includes(gt);
      const pick =
        cands.find((c) => !used.has(c.i) && c.path === gp && hit(c)) ?? cands.find((c) => !used.has(c.i) && hit(c)) ?? cands.find((c) => !used.has(c.i) && c.path === gp);
      if (pick) used.add(pick.i);
      const p = pick ? predTasks[pick.i]! : null;
      if (p) totals.tasks.tp++;
      else {
        totals.tasks.fn++;
        misses.push(`${file} task ${String(g.path)} ${String(g.text_start)}`);
      }
      const gu = unitsOf(g);
      const pu = unitsOf(p);
      const gAny = new Set(gu.map(([, u]) => u));
      const pAny = new Set(pu.map(([, u]) => u));
      for (const u of gAny) if (pAny.has(u)) totals.units.tp++; else totals.units.fn++;
      for (const u of pAny) if (!gAny.has(u)) totals.units.fp++;
      const gRole = new Set(gu.map((x) => x.join(':')));
      const pRole = new Set(pu.map((x) => x.join(':')));
      for (const k of gRole) if (pRole.has(k)) totals.roles.tp++; else { totals.roles.fn++; misses.push(`${file} unit ${String(g.path)} ${k}`); }
      for (const k of pRole) if (!gRole.has(k)) { totals.roles.fp++; misses.push(`${file} extra ${String(g.path)} ${k}`); }
      if (g.deadline) {
        deadlines.all++;
        if (p && squash(p.deadline) === squash(g.deadline)) deadlines.hit++;
      }
    }
    predTasks.forEach((p, i) => {
      if (used.has(i)) return;
      totals.tasks.fp++;
      const pu = unitsOf(p);
      totals.units.fp += new Set(pu.map(([, u]) => u)).size;
      totals.roles.fp += pu.length;
      misses.push(`${file} spurious ${pathKey(p.path)} ${str(p.text).slice(0, 15)}`);
    });
    const pi = [...((pred.indicators as Rec[]) ?? [])];
    for (const g of (gold.indicators as Rec[]) ?? []) {
      const gn = textKey(g.name);
      const at = pi.findIndex((p) => {
        const pn = textKey(p.name);
        return pn && gn && (pn.includes(gn) || gn.includes(pn)) && numberOf(p.target) === numberOf(g.target);
      });
      if (at >= 0) {
        totals.indicators.tp++;
        pi.splice(at, 1);
      } else {
        totals.indicators.fn++;
        misses.push(`${file} indicator missed ${String(g.name)} ${String(g.target)}`);
      }
    }
    totals.indicators.fp += pi.length;
    for (const p of pi) misses.push(`${file} indicator extra ${String(p.name)} ${String(p.target)}`);
    for (const key of ['title', 'docNumber', 'issuer', 'date']) {
      if (gold[key] == null) continue;
      metadata.all++;
      if (squash(pred[key]) === squash(gold[key])) metadata.hit++;
      else misses.push(`${file} ${key}: ${str(pred[key]) || 'null'} ≠ ${str(gold[key]) || 'null'}`);
    }
  }
  return {
    tasks: f1(totals.tasks),
    roles: f1(totals.roles),
    units: f1(totals.units),
    indicators: f1(totals.indicators),
    deadlines: deadlines.all ? deadlines.hit / deadlines.all : 1,
    metadata: metadata.all ? metadata.hit / metadata.all : 1,
    misses,
  };
}

export const CORPUS = new URL('../../../../../shared/corpus/dev/', import.meta.url).pathname;
export const SEEDS = new URL('../../../../../shared/seeds/', import.meta.url).pathname;
export const exists = existsSync;
