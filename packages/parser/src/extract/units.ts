import type { UnitRole } from '../types.js';

/**
 * Unit lists, split by the rules in LABELING.md: separators 、，；, 及, and 和/等和 only before a
 * collective beginning with 各; never inside brackets; shared suffixes are not distributed;
 * `等有关部门` qualifiers stay; a bare final 等 and trailing verbs go; 〈…〉 spells out members.
 * All functions take the printed text and its canonical view (same length).
 */

const OPEN = '（([【〔《〈“';
const CLOSE = '）)]】〕》〉”';

export interface Piece {
  printed: string;
  canon: string;
}

/** Splits at top-level separators; returns printed/canon pairs, untrimmed. */
export function splitTopLevel(printed: string, canon: string, separators: RegExp): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let s = 0;
  for (let i = 0; i < canon.length; i++) {
    const c = canon[i]!;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const sep = sepLength(canon, i, separators);
      if (sep > 0) {
        out.push({ printed: printed.slice(s, i), canon: canon.slice(s, i) });
        s = i + sep;
        i += sep - 1;
      }
    }
  }
  out.push({ printed: printed.slice(s), canon: canon.slice(s) });
  return out;
}

function sepLength(canon: string, i: number, separators: RegExp): number {
  const c = canon[i]!;
  if (separators.test(c)) return 1;
  if (c === '及' && canon[i - 1] !== '以' && i > 0) return 1;
  // "市自然资源和规划局以及市乡村振兴局": 以及 joins two units as 及 does.
  if (c === '以' && canon[i + 1] === '及' && i > 0) return 2;
  if (c === '和' && canon[i + 1] === '各' && i > 0) return 1;
  // "省发展改革委会同省财政厅负责": 会同 joins two units.
  if (c === '会' && canon[i + 1] === '同' && i > 1 && /[局厅委办部署会府室心司处]/.test(canon[i - 1]!)) return 2;
  return 0;
}

const UNIT_SEPARATORS = /[、，；]/;
const CLAUSE_SEPARATORS = /[，；]/;

/** Trailing role verbs, longest first, with the role they give. */
const VERBS: Array<[RegExp, UnitRole]> = [
  [/(?:分别|共同|负责)?(?:牵头|领头)(?:负责|落实|卖力|抓总)?$/, 'lead'],
  // "按照职责分工分别负责": the qualifiers may stack.
  [/(?:按照?职责分工|按职责|按分工|分工|分别|共同|具体|组织|督促){0,2}(?:负责|卖力|负总责)(?:落实|实施)?$/, 'responsible'],
  [/(?:按照?职责分工|按职责|分别|具体|负责){0,2}(?:落实|实施|承办|主办)$/, 'responsible'],
  [/(?:积极|共同|分别)?(?:配合|协助|协办|参加|参与|协同)$/, 'cooperating'],
];

export function trailingVerb(canon: string): { role: UnitRole; length: number } | null {
  for (const [re, role] of VERBS) {
    const m = re.exec(canon);
    if (m && m[0].length > 0) return { role, length: m[0].length };
  }
  return null;
}

const PERSON = /^(?:分管|协管|主管)|(?:省长|市长|县长|区长|州长|秘书长|书记|主任|领导|同志|厅长|局长|部长|主席|镇长|乡长|负责人|负责同志)$/;
const NOTE = /下同|为牵头|排在|列第|列首位|首位|不再|不逐一|以下简称|其他有关部门配合|其他部门和单位/;

/** Cleans one unit token; returns null when it is not a unit (a person, a note, empty). */
export function cleanUnit(printed: string, canon: string): Piece | null {
  let p = printed.trim();
  let c = canon.trim();
  const lead = /^(?:由|请|并由|并|以及|和)/.exec(c) ?? /^[^、，；（]{1,12}?(?:工作|任务|事项|项目)由(?=\S{2})/.exec(c);
  if (lead) {
    p = p.slice(lead[0].length);
    c = c.slice(lead[0].length);
  }
  for (;;) {
    const v = trailingVerb(c);
    if (!v || v.length >= c.length) break;
    p = p.slice(0, p.length - v.length).trimEnd();
    c = c.slice(0, c.length - v.length).trimEnd();
  }
  if (/等$/.test(c) && c.length > 2) {
    p = p.slice(0, -1);
    c = c.slice(0, -1);
  }
  // A bracket of `【牵头单位】X【配合单位】Y` left at a unit's end (the canonical view reads it as a space).
  p = p.replace(/^[\s“"|】]+|[\s。”"：:|【]+$/g, '');
  c = c.replace(/^[\s“"|]+|[\s。”"：:|]+$/g, '');
  if (!c || c.length > 40) return null;
  if (PERSON.test(c) || NOTE.test(c)) return null;
  if (/^(?:等|有关|相关)$/.test(c)) return null;
  return { printed: p, canon: c };
}

/** Expands `5个专题组牵头单位〈A、B、C〉` into its members. */
function expandCollective(piece: Piece): Piece[] {
  const open = piece.canon.indexOf('〈');
  const close = piece.canon.lastIndexOf('〉');
  if (open < 0 || close < open) return [piece];
  const innerP = piece.printed.slice(open + 1, close);
  const innerC = piece.canon.slice(open + 1, close);
  return splitTopLevel(innerP, innerC, UNIT_SEPARATORS);
}

/**
 * "市发改委 市财政局": a table cell whose lines were joined with a space (line breaks inside a
 * DOCX/XLSX/HTML cell) lists one unit per line. Split only when every part is unit-shaped, so a
 * name broken by a stray space (市发展 改革委) stays whole.
 */
function splitSpaced(piece: Piece): Piece[] {
  const c = piece.canon.trim();
  if (!/\S\s+\S/.test(c)) return [piece];
  const out: Piece[] = [];
  for (const m of piece.canon.matchAll(/\S+/g)) out.push({ printed: piece.printed.slice(m.index, m.index + m[0].length), canon: m[0] });
  return out.length >= 2 && out.every((p) => looksLikeUnit(p.canon)) ? out : [piece];
}

/** A plain list of units: `A、B，C等有关部门`. */
export function splitUnits(printed: string, canon: string): string[] {
  const out: string[] = [];
  for (const raw of splitTopLevel(printed, canon, UNIT_SEPARATORS)) {
    for (const piece of expandCollective(raw).flatMap(splitSpaced)) {
      const u = cleanUnit(piece.printed, piece.canon);
      if (u) out.push(u.printed);
    }
  }
  return out;
}

export interface RoleUnits {
  lead: string[];
  responsible: string[];
  cooperating: string[];
}

export const emptyRoles = (): RoleUnits => ({ lead: [], responsible: [], cooperating: [] });

/**
 * Units with roles from a clause list such as `A牵头，B、C参加，D落实` or
 * `分管副省长负责，A牵头`: clauses ending with a role verb give their role to the units pending
 * since the last such clause; what is left gets `defaultRole`.
 */
/** A clause that states a time limit (2021年12月底前完成, 持续推进), not a unit. */
export const TIME_CLAUSE = /^(?:于|在)?(?:(?:19|20)\d{2}年|年底|年内|今年|明年|\d{1,2}月|上半年|下半年|长期|持续|常态化|定期|逐步|立即|限期)[^，；、]*$/;

export function unitsWithRoles(printed: string, canon: string, defaultRole: UnitRole, into: RoleUnits): void {
  // "…、市卫生健康委（除标注外，列第一位为牵头单位，下同）": a bracketed note inside a unit list
  // is a document-level convention, not part of a unit's name; it is blanked out (same length).
  if (NOTE.test(canon)) {
    const blank = (s: string, from: number, to: number) => s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
    for (const m of [...canon.matchAll(/（[^（）]*）/g)]) {
      if (!NOTE.test(m[0])) continue;
      printed = blank(printed, m.index, m.index + m[0].length);
      canon = blank(canon, m.index, m.index + m[0].length);
    }
  }
  let pending: Piece[] = [];
  const flush = (role: UnitRole) => {
    for (const raw of pending) {
      for (const piece of expandCollective(raw).flatMap(splitSpaced)) {
        // "市发改委（牵头）": a role marked on the unit itself.
        const marked = /（\s*(牵头|牵头单位|主责|配合|协办|参与)\s*）\s*$/.exec(piece.canon);
        const own: UnitRole = marked ? (/牵头|主责/.test(marked[1]!) ? 'lead' : 'cooperating') : role;
        const cut = marked ? piece.canon.length - marked[0].length : piece.canon.length;
        const u = cleanUnit(piece.printed.slice(0, cut), piece.canon.slice(0, cut));
        if (u) into[own].push(u.printed);
      }
    }
    pending = [];
  };
  for (const clause of splitTopLevel(printed, canon, CLAUSE_SEPARATORS)) {
    const c = clause.canon.trim();
    if (!c) continue;
    if (NOTE.test(c) || TIME_CLAUSE.test(c)) continue;
    const verb = trailingVerb(c);
    pending.push(...splitTopLevel(clause.printed, clause.canon, /、/));
    if (verb && verb.length < c.length) flush(verb.role);
  }
  flush(defaultRole);
}

/** Adds the units of `from` to `into`, role by role. */
export function appendRoles(into: RoleUnits, from: RoleUnits): void {
  into.lead.push(...from.lead);
  into.responsible.push(...from.responsible);
  into.cooperating.push(...from.cooperating);
}

/** The units of two annotations of one task, without repeats. */
export function mergeRoles(a: RoleUnits, b: RoleUnits): RoleUnits {
  const into = { lead: [...a.lead], responsible: [...a.responsible], cooperating: [...a.cooperating] };
  appendRoles(into, b);
  return dedupeRoles(into);
}

/** Removes repeats within one task, keeping the first role a unit was given. */
export function dedupeRoles(r: RoleUnits): RoleUnits {
  const seen = new Set<string>();
  const keep = (list: string[]) =>
    list.filter((u) => {
      const k = u.replace(/\s+/g, '');
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  return { lead: keep(r.lead), responsible: keep(r.responsible), cooperating: keep(r.cooperating) };
}

/** Unit name shapes (not names): …局/厅/委/办/部/管委会/人民政府/集团/中心, 各…, …有关部门. */
const STRONG_SHAPE =
  /(?:局|厅|委|办|部|署|院|会|处|室|中心|集团|政府|公司|银行|分行|支行|总队|支队|大队|社|联|馆|台|协|小组|专班|单位|部门|机构|街道|镇街|镇|乡|海关|指挥部|工作组|组|站|所|团|大学|学院|医院|监狱|科|股|队|市|州|县|区|盟|旗|园区|新区|开发区|高新区|经开区|中央|总工会|妇联|残联|科协|工商联|法院|检察院|高校|院校|学校|党校|企业|医院)$/;

/** Does this token look like a unit name (used for bare `（X、Y）` annotations)? */
export function looksLikeUnit(canon: string): boolean {
  const c = canon.trim();
  if (c.length < 2 || c.length > 30) return false;
  if (/^(?:含|以下|包括|如|即|注|不含|其中|简称|下称|试行|暂行|修订|第)/.test(c)) return false;
  if (/\d/.test(c) && !/〈/.test(c)) return false;
  if (/[，。；：“”]/.test(c)) return false;
  if (/^各/.test(c) && c.length >= 2) return true;
  if (c.length < 3 && /[市州县区]$/.test(c)) return false;
  return STRONG_SHAPE.test(c.replace(/等.*$/, '')) || /等(?:省|市|县|区)?(?:有关|相关)/.test(c);
}
