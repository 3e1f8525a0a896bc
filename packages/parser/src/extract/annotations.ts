import type { UnitRole } from '../types.js';
import { appendRoles, dedupeRoles, emptyRoles, looksLikeUnit, mergeRoles, splitTopLevel, TIME_CLAUSE, trailingVerb, unitsWithRoles, type RoleUnits } from './units.js';

/**
 * Unit annotations inside an item's text: `（牵头单位：…；责任单位：…）`, label lines
 * `责任单位：…`, verb forms `（X牵头，Y配合）` `（由X负责）`, and bare `（X、Y）` at the end of a
 * sentence. Positions are offsets into the body string given.
 */
export interface Annotation {
  start: number;
  end: number;
  units: RoleUnits;
  deadline: string | null;
  form: 'labeled' | 'verb' | 'bare' | 'label-line';
  /** The bracket was never closed. */
  unclosed: boolean;
  /**
   * The units are named inside the task's own sentence (`市发改委牵头做好项目储备`): the annotation
   * is part of the task text, which runs on to the end of the item.
   */
  inline?: boolean;
}

/**
 * Annotation labels are built from their parts, so the variants of one form are all known:
 * a role word (牵头 / 责任, 主办, 承办… / 配合, 协办…) followed by what the document calls the
 * bodies it assigns — 单位 and 部门, but a bureau's own work plan names its 处室, 科室 or 股室.
 * Persons (牵头领导, 责任人, 分管市领导…) and scoring departments are labels whose content is dropped.
 */
const ORG = '(?:单位|部门|处室|科室|股室|机构|处|科|股)';
const LEAD_LABEL = `牵头(?:责任|负责|领导)?${ORG}|牵头`;
const RESP_LABEL = `(?:协同|主要|具体|直接)?责任${ORG}|(?:主办|主责|实施|承办|落实|负责)${ORG}|责任主体|实施主体`;
const COOP_LABEL = `(?:配合|协办|参与|参加|协同|协作|协助)${ORG}|配合|协办`;
const DEADLINE_LABEL = '完成时限|时限要求|完成时间|时间要求|完成期限|时间节点|时限';
const IGNORE_LABEL = '(?:责任|分管|牵头|联系|包保|挂钩|协管)?(?:省|市|县|区)?(?:领导|责任人|联系人|负责人)|评分部门|考核部门|督办单位|督查单位';
const LABELS: Array<[RegExp, UnitRole | 'deadline' | 'ignore']> = [
  [new RegExp(`^(?:${IGNORE_LABEL})$`), 'ignore'],
  [new RegExp(`^(?:${LEAD_LABEL})$`), 'lead'],
  [new RegExp(`^(?:${RESP_LABEL})$`), 'responsible'],
  [new RegExp(`^(?:${COOP_LABEL})$`), 'cooperating'],
  [new RegExp(`^(?:${DEADLINE_LABEL})$`), 'deadline'],
];
const LABEL_ALT = [IGNORE_LABEL, LEAD_LABEL, RESP_LABEL, COOP_LABEL, DEADLINE_LABEL].join('|');
/** `责任单位（部门）：` — a short bracketed qualifier may sit between a label and its colon. */
const QUALIFIER = '(?:（[^（）：]{1,8}）)?';
const LABEL_RE = new RegExp(`(${LABEL_ALT})${QUALIFIER}\\s*[：]`, 'g');
const LABEL_START = new RegExp(`^\\s*(?:${LABEL_ALT})${QUALIFIER}\\s*[：]`);
const LABEL_AFTER_STOP = new RegExp(`(?:[。；，★▲●■◆△☆※]\\s*|\\s+)(?=(?:${LABEL_ALT})${QUALIFIER}\\s*：)`);

function labelKind(label: string): UnitRole | 'deadline' | 'ignore' {
  return annotationLabel(label) ?? 'ignore';
}

/** What an annotation label (`责任科室`, `牵头单位`, `完成时限`, `责任领导`…) names; null if it is none. */
export function annotationLabel(label: string): UnitRole | 'deadline' | 'ignore' | null {
  for (const [re, kind] of LABELS) if (re.test(label)) return kind;
  return null;
}

/** Parses the inside of an annotation (without brackets). */
export function parseAnnotationContent(printed: string, canon: string, defaultRole: UnitRole = 'responsible'): { units: RoleUnits; deadline: string | null; labeled: boolean } {
  const units = emptyRoles();
  let deadline: string | null = null;
  const labels = [...canon.matchAll(LABEL_RE)];
  const sections: Array<{ kind: UnitRole | 'deadline' | 'ignore'; from: number; to: number }> = [];
  if (labels.length === 0) sections.push({ kind: defaultRole, from: 0, to: canon.length });
  else {
    if (labels[0]!.index > 0) sections.push({ kind: defaultRole, from: 0, to: labels[0]!.index });
    labels.forEach((m, i) => {
      sections.push({ kind: labelKind(m[1]!), from: m.index + m[0].length, to: i + 1 < labels.length ? labels[i + 1]!.index : canon.length });
    });
  }
  for (const sec of sections) {
    let p = printed.slice(sec.from, sec.to);
    let c = canon.slice(sec.from, sec.to);
    if (sec.kind === 'ignore') continue;
    if (sec.kind === 'deadline') {
      const v = p.replace(/^[\s：]+|[\s；，。、]+$/g, '');
      if (v) deadline = v;
      continue;
    }
    const stop = c.indexOf('。');
    if (stop >= 0) {
      p = p.slice(0, stop);
      c = c.slice(0, stop);
    }
    unitsWithRoles(p, c, sec.kind, units);
    // "（财政部负责，2021年12月底前完成）": a time clause inside the annotation is its deadline.
    if (!deadline) {
      for (const clause of splitTopLevel(p, c, /[，；]/)) {
        if (TIME_CLAUSE.test(clause.canon.trim())) {
          deadline = clause.printed.trim();
          break;
        }
      }
    }
  }
  return { units: dedupeRoles(units), deadline, labeled: labels.length > 0 };
}

const total = (u: RoleUnits) => u.lead.length + u.responsible.length + u.cooperating.length;

/** Classifies a bracketed group's content as an annotation, or returns null. */
function classifyBracket(printed: string, canon: string, atSentenceEnd: boolean): Omit<Annotation, 'start' | 'end' | 'unclosed'> | null {
  const c = canon.trim();
  if (!c || c.length > 600) return null;
  if (/^(?:以下简称|以下称|简称|下称|含|不含|包括|即|注)/.test(c)) return null;
  LABEL_RE.lastIndex = 0;
  if (LABEL_RE.test(c)) {
    LABEL_RE.lastIndex = 0;
    const r = parseAnnotationContent(printed, canon);
    if (total(r.units) > 0 || r.deadline) return { units: r.units, deadline: r.deadline, form: 'labeled' };
    return null;
  }
  const head = c.split('。')[0]!;
  // Verb form: some clause ends with a role verb and its units look like units.
  const clauses = splitTopLevel(head, head, /[，；]/).map((x) => x.canon.trim()).filter(Boolean);
  const hasVerb = clauses.some((cl) => {
    const v = trailingVerb(cl);
    return v && v.length < cl.length;
  });
  if (hasVerb) {
    const r = parseAnnotationContent(printed, canon);
    if (total(r.units) === 0) return null;
    const all = [...r.units.lead, ...r.units.responsible, ...r.units.cooperating];
    if (!all.some((u) => looksLikeUnit(u)) || all.some((u) => u.length > 40 || /[，。]/.test(u))) return null;
    return { units: r.units, deadline: r.deadline, form: 'verb' };
  }
  if (!atSentenceEnd) return null;
  const tokens = splitTopLevel(head, head, /[、，；]/).map((x) => x.canon.trim());
  // "各市、州、县人民政府": one-character place kinds inside a list of units are tolerated.
  // "县发改局、县财政、县教体": a short name with the list's administrative prefix is a unit written
  // short, when another member of the list has a unit's full shape.
  const prefix = tokens.find((t) => looksLikeUnit(t))?.charAt(0) ?? '';
  const fine = (t: string) =>
    looksLikeUnit(t) || (/^[市州县区盟旗]$/.test(t) && tokens.length > 1) || (tokens.length > 1 && /^[省市县区州镇乡]$/.test(prefix) && t.charAt(0) === prefix && /^[\u4e00-\u9fa5]{3,7}$/.test(t));
  if (tokens.length === 0 || !tokens.every(fine) || !tokens.some((t) => looksLikeUnit(t))) return null;
  const r = parseAnnotationContent(printed, canon);
  if (total(r.units) === 0) return null;
  return { units: r.units, deadline: null, form: 'bare' };
}

const unwrap = (s: string) => (s.includes('\n') ? s.replace(/[ \t]*\n[ \t]*/g, '') : s);

/** Finds all annotations in a body (printed + canonical view), in order. */
export function findAnnotations(printed: string, canon: string): Annotation[] {
  const out: Annotation[] = [];
  if (canon.includes('）') && BRACKETED_LABEL.test(canon)) canon = colonForBracketedLabels(canon);
  // 1. Bracket groups at top level (they may span lines of one item). Brackets are matched with
  //    a stack, so a stray opening bracket does not swallow what follows; an unclosed bracket
  //    only counts when it opens a labelled annotation (it then runs to the end of its line).
  const stack: number[] = [];
  const pairs: Array<[number, number]> = [];
  for (let i = canon.indexOf('（') < 0 && canon.indexOf('〔') < 0 ? canon.length : 0; i < canon.length; i++) {
    const ch = canon.charCodeAt(i);
    // 〔…〕 encloses annotations too (〔责任单位：…〕); a 文号 year inside it is not one.
    if (ch === 0xff08 || ch === 0x3014) stack.push(i);
    else if ((ch === 0xff09 || ch === 0x3015) && stack.length) pairs.push([stack.pop()!, i]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  let firstChar = 0;
  while (firstChar < canon.length && /\s/.test(canon[firstChar]!)) firstChar++;
  let coveredTo = -1;
  for (const [open, close] of pairs) {
    if (open < coveredTo) continue;
    coveredTo = close;
    const after = canon.slice(close + 1, close + 3).trimStart();
    // A bare （X） annotates only where a sentence or the item ends; "联络站（海外人才工作站），…"
    // is a gloss on the noun before it.
    const atEnd = after === '' || /^[。\n（.]/.test(after) || /^[；，]?[ \t]*(?:\n|$)/.test(canon.slice(close + 1, close + 40)) || /^\s*$/.test(canon.slice(close + 1, close + 2));
    // A line break inside the brackets is a hard wrap ("责\n任单位", "按职\n责分工负责").
    // "【市财政局】加强资金保障…": units in brackets that open the item name its units too; the
    // task text is the whole item.
    const atStart = open === firstChar;
    const a = classifyBracket(unwrap(printed.slice(open + 1, close)), unwrap(canon.slice(open + 1, close)), atEnd || atStart);
    if (a) out.push({ ...a, start: open, end: close + 1, unclosed: false, ...(atStart && !atEnd ? { inline: true } : {}) });
  }
  for (const open of stack.length <= 50 ? stack : []) {
    if (pairs.some(([o, c]) => o < open && open < c)) continue;
    const lineEnd = canon.indexOf('\n', open);
    const stop = lineEnd < 0 ? canon.length : lineEnd;
    if (out.some((a) => a.start < stop && open < a.end)) continue;
    const inner = canon.slice(open + 1, stop);
    LABEL_RE.lastIndex = 0;
    if (!LABEL_RE.test(inner)) continue;
    const a = classifyBracket(printed.slice(open + 1, stop), inner, true);
    if (a) out.push({ ...a, start: open, end: stop, unclosed: true });
  }
  if (!/单位|部门|时限|时间|期限|领导|责任|联系人|牵头/.test(canon)) {
    out.sort((a, b) => a.start - b.start);
    return withInSentence(printed, canon, withClosingSentence(printed, canon, mergeAdjacent(canon, out.filter(meaningful))));
  }
  canon = colonAfterSpacedLabels(canon);
  // 2. Label lines: `责任单位：…` at the start of a line or after 。；, running to the line's end;
  //    consecutive label lines form one annotation.
  let lineStart = 0;
  let group: Annotation | null = null;
  while (lineStart <= canon.length) {
    let lineEnd = canon.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = canon.length;
    const line = canon.slice(lineStart, lineEnd);
    let at = -1;
    if (!line.includes('：')) at = -1;
    else if (LABEL_START.test(line)) at = lineStart + line.search(/\S/);
    else {
      const m = LABEL_AFTER_STOP.exec(line);
      if (m) at = lineStart + m.index + m[0].length;
    }
    // The opening bracket of `【牵头单位】` (read as a space) belongs to the annotation.
    if (at > 0 && canon.charCodeAt(at - 1) === 32 && /[【〖［\[（(]/.test(printed.charAt(at - 1))) at--;
    // A label line whose list ends in 、 or ， goes on in the next line.
    // So does a label standing alone on its line (`牵头单位：` with the units on the next).
    if (at < 0 && group && group.end === lineStart - 1 && /[、，：]\s*$/.test(canon.slice(group.start, group.end)) && line.trim() && line.trim().length <= 80) {
      const r = parseAnnotationContent(printed.slice(group.start, lineEnd), canon.slice(group.start, lineEnd));
      group.end = lineEnd;
      group.units = r.units;
      group.deadline = r.deadline ?? group.deadline;
      lineStart = lineEnd + 1;
      continue;
    }
    const inside = at >= 0 && out.some((a) => a.form !== 'label-line' && a.start <= at && at < a.end);
    if (at >= 0 && !inside) {
      const r = parseAnnotationContent(printed.slice(at, lineEnd), canon.slice(at, lineEnd));
      if (group && canon.slice(group.end, at).trim() === '') {
        group.end = lineEnd;
        group.units = mergeRoles(group.units, r.units);
        group.deadline = r.deadline ?? group.deadline;
      } else if (total(r.units) > 0 || r.deadline || /：\s*$/.test(canon.slice(at, lineEnd))) {
        group = { units: r.units, deadline: r.deadline, form: 'label-line', start: at, end: lineEnd, unclosed: false };
        out.push(group);
      }
    } else if (line.trim()) group = null;
    lineStart = lineEnd + 1;
  }
  out.sort((a, b) => a.start - b.start);
  return withInSentence(printed, canon, withClosingSentence(printed, canon, mergeAdjacent(canon, out.filter(meaningful)).map((a) => withLeadingClause(printed, canon, a))));
}

/**
 * `（牵头单位：市发改委）（责任单位：市财政局）`: annotations with nothing but spaces or punctuation
 * between them are one annotation of one task.
 */
function mergeAdjacent(canon: string, list: Annotation[]): Annotation[] {
  if (list.length < 2) return list;
  const out: Annotation[] = [];
  for (const a of list) {
    const prev = out[out.length - 1];
    if (prev && a.start < prev.end) {
      // A bracket inside a label line (`各县(市、区)政府(管委会)`) is part of it.
      if (a.end > prev.end) out.push(a);
      continue;
    }
    if (prev && !prev.unclosed && /^[\s。；，、]*$/.test(canon.slice(prev.end, a.start))) {
      out[out.length - 1] = {
        ...prev,
        end: a.end,
        unclosed: a.unclosed,
        deadline: prev.deadline ?? a.deadline,
        units: mergeRoles(prev.units, a.units),
      };
    } else out.push(a);
  }
  return out;
}

const SPACED_LABEL = new RegExp(`(?<=^|\\n|[。；]|[ \\t])[ \\t]*(${[LEAD_LABEL, RESP_LABEL, COOP_LABEL, DEADLINE_LABEL].join('|')})([ \\t]+|[ \\t]*\\|[ \\t]*)(?=([^\\s：|]+))`, 'g');

/**
 * `牵头单位 市政务服务局 责任单位 市市场监管局`: labels followed by a space instead of a colon (a
 * form or table flattened into text), or by a cell border (`牵头单位 | 县发改局`). Where a label of four characters or more is followed by a
 * unit list (or a time limit, for 完成时限), the space is read as its colon (same length).
 */
function colonAfterSpacedLabels(canon: string): string {
  if (!/[ \t|]/.test(canon)) return canon;
  return canon.replace(SPACED_LABEL, (all: string, label: string, gap: string, next: string) => {
    if (label.length < 4) return all;
    const kind = annotationLabel(label);
    const fitsNext = kind === 'deadline' ? TIME_CLAUSE.test(next) : next.split(/[、，；]/).every((u) => looksLikeUnit(u));
    if (!fitsNext) return all;
    // The space, or the cell border of a key-value row (`牵头单位 | 县发改局`), stands for the colon.
    const at = gap.includes('|') ? gap.indexOf('|') : 0;
    return all.slice(0, all.length - gap.length) + gap.slice(0, at) + '：' + gap.slice(at + 1);
  });
}

const BRACKETED_LABEL_SRC = `（(${[LEAD_LABEL, RESP_LABEL, COOP_LABEL, DEADLINE_LABEL].join('|')})）(?=[ \\t]*[^\\s，。；、）])`;
const BRACKETED_LABEL = new RegExp(BRACKETED_LABEL_SRC);

/**
 * `【牵头单位】市发改委【配合单位】市财政局`: a label in brackets (【】 read as （）) followed by its
 * units is a label with a colon; the brackets become a space and the colon (same length).
 */
function colonForBracketedLabels(canon: string): string {
  return canon.replace(new RegExp(BRACKETED_LABEL_SRC, 'g'), (all: string, label: string) => (label.length >= 2 ? ` ${label}：` : all));
}

/** Units of a table cell under a unit column; `牵头：X；配合：Y` inside the cell gives their own roles. */
export function cellUnits(printed: string, canon: string, role: UnitRole, into: RoleUnits): void {
  LABEL_RE.lastIndex = 0;
  if (!canon.includes('：') || !LABEL_RE.test(canon)) {
    unitsWithRoles(printed, canon, role, into);
    return;
  }
  LABEL_RE.lastIndex = 0;
  const r = parseAnnotationContent(printed, canon, role);
  appendRoles(into, r.units);
}

/**
 * "市发改委牵头（市财政局、市商务局配合）": a clause of units and a role verb right before a bracketed
 * annotation belongs to it.
 */
function withLeadingClause(printed: string, canon: string, a: Annotation): Annotation {
  if (a.form === 'label-line' || a.start === 0) return a;
  let from = a.start;
  const limit = Math.max(0, a.start - 61);
  while (from > limit && !'。；，：\n（）'.includes(canon.charAt(from - 1))) from--;
  const clause = canon.slice(from, a.start).trim();
  const v = clause.length <= 60 ? trailingVerb(clause) : null;
  if (!v || v.length >= clause.length) return a;
  const units = clause.slice(0, clause.length - v.length).replace(/^(?:由|请|并由)/, '');
  const parts = splitTopLevel(units, units, /[、，；]/).map((u) => u.canon.trim());
  if (parts.length === 0 || !parts.every((u) => looksLikeUnit(u) && !/要|应|需|须|将|切实|认真|进一步|做好|抓好|共同/.test(u))) return a;
  const lead = parseAnnotationContent(printed.slice(from, a.start), canon.slice(from, a.start));
  const units2 = mergeRoles(lead.units, a.units);
  return { ...a, start: from + (canon.slice(from, a.start).length - canon.slice(from, a.start).trimStart().length), units: units2 };
}

/**
 * An item with no bracketed or labelled annotation may close with a sentence that is one:
 * `市发展改革委牵头，市财政局配合。`, `由市农业农村局负责。`, `各县（市、区）人民政府按职责分工负责。`.
 * Every clause of that sentence must be units followed by a role verb (or a time limit).
 */
function withClosingSentence(printed: string, canon: string, found: Annotation[]): Annotation[] {
  // A deadline line after the sentence (`完成时限：持续推进`) still leaves the units to find.
  if (found.some((a) => total(a.units) > 0) || !/牵头|负责|配合|参加|参与|协助|落实/.test(canon)) return found;
  let end = found[0]?.start ?? canon.length;
  // Character codes, not one-character strings: this runs on every item without an annotation.
  const isSpaceOrStop = (c: number) => c === 0x3002 || c === 0xff1b || c === 10 || c === 32 || c === 9 || c === 0x3000 || c === 0xa0;
  const isStop = (c: number) => c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 10;
  while (end > 0 && isSpaceOrStop(canon.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isStop(canon.charCodeAt(start - 1))) start--;
  const sentence = canon.slice(start, end);
  // Digits only in a time clause (`…配合，2024年12月底前完成。`).
  if (start === 0 || sentence.length < 4 || sentence.length > 150 || sentence.includes('：')) return found;
  if (canon.slice(0, start).trim().length < 2) return found;
  let verbs = 0;
  let depth = 0;
  const clauses: string[] = [];
  let from = 0;
  for (let i = 0; i <= sentence.length; i++) {
    const ch = sentence[i] ?? '，';
    if ('（〔〈《“'.includes(ch)) depth++;
    else if ('）〕〉》”'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '，' || ch === '；')) {
      clauses.push(sentence.slice(from, i));
      from = i + 1;
    }
  }
  for (const clause of clauses) {
    const c = clause.trim();
    if (TIME_CLAUSE.test(c)) continue;
    if (/\d/.test(c)) return found;
    const v = trailingVerb(c);
    if (!v || v.length >= c.length) return found;
    const units = splitTopLevel(c.slice(0, c.length - v.length), c.slice(0, c.length - v.length), /[、，；]/)
      .map((u) => u.canon.trim().replace(/^(?:由|请|并由)/, ''))
      .filter(Boolean);
    // "各级各部门要切实负责" is an exhortation, not an annotation: units carry no modal words.
    if (units.length === 0 || !units.every((u) => looksLikeUnit(u) && !/要|应|需|须|将|切实|认真|进一步|做好|抓好|共同/.test(u))) return found;
    verbs++;
  }
  if (verbs === 0) return found;
  const r = parseAnnotationContent(printed.slice(start, end), sentence);
  if (total(r.units) === 0) return found;
  let stop = end;
  while (stop < canon.length && /[。；]/.test(canon[stop]!)) stop++;
  const last = found[found.length - 1];
  if (last && canon.slice(stop, found[0]!.start).trim()) return found;
  return [{ units: r.units, deadline: r.deadline ?? last?.deadline ?? null, form: 'verb', start, end: last ? last.end : stop, unclosed: false }];
}

const MODAL = /要|应|需|须|将|切实|认真|进一步|做好|抓好|共同/;
/** 各地、各部门、各级政府: exhortations name everyone; they are no annotation inside a sentence. */
const EVERYONE = /^(?:全[省市县区州])?各(?:地|级|部门|单位|有关|相关|方面|方)/;

/** `由市发改委牵头` / `市财政局、市商务局配合`: units (each unit-shaped, none an exhortation) and a role verb. */
function unitVerbClause(c: string): boolean {
  const v = trailingVerb(c);
  if (!v || v.length >= c.length) return false;
  const head = c.slice(0, c.length - v.length);
  const units = splitTopLevel(head, head, /[、，；]/)
    .map((u) => u.canon.trim().replace(/^(?:由|请|并由)/, ''))
    .filter(Boolean);
  return units.length > 0 && units.every((u) => looksLikeUnit(u) && !MODAL.test(u) && !EVERYONE.test(u));
}

/** `市发改委牵头做好…` / `由市财政局负责落实…`: units and a role verb that open a clause and go on. */
const OPENING = /^(?:由|并由)?([^，。；：、]{2,40}?(?:、[^，。；：、]{2,40}?){0,8})((?:按照?职责分工|分别|共同)?(?:牵头负责|牵头抓总|牵头|负责))(?=[\u4e00-\u9fff])(?!人|同志|领导|任|的|负责的|负责人|负责同志)/;

/**
 * Units named inside a sentence of an item that has no other annotation:
 * - at the end of its last sentence, after the text: `加强项目储备，由市发改委牵头，市财政局配合。`
 *   (the task text stops before them, as before a bracketed annotation);
 * - at the start of the item's first sentence (or of the one after a short lead-in title), as its
 *   subject: `市发改委牵头做好项目谋划，建立项目库。`, `市发改委牵头，市财政局配合，做好…` (the
 *   annotation is part of the task text).
 */
function withInSentence(printed: string, canon: string, found: Annotation[]): Annotation[] {
  if (found.length > 0 || !/牵头|负责/.test(canon)) return found;
  const end0 = canon.length;
  // Sentences of the item, with their offsets.
  const sentences: Array<{ from: number; to: number }> = [];
  let from = 0;
  for (let i = 0; i <= end0; i++) {
    const ch = i < end0 ? canon.charCodeAt(i) : 0x3002;
    if (ch === 0x3002 || ch === 0xff1b || ch === 0xff01 || ch === 0xff1f || ch === 10) {
      if (canon.slice(from, i).trim()) sentences.push({ from, to: i });
      from = i + 1;
    }
  }
  if (sentences.length === 0) return found;
  const clausesOf = (s: { from: number; to: number }) => {
    const out: Array<{ from: number; to: number; text: string }> = [];
    let depth = 0;
    let at = s.from;
    for (let i = s.from; i <= s.to; i++) {
      const ch = i < s.to ? canon[i]! : '，';
      if ('（〔〈《“'.includes(ch)) depth++;
      else if ('）〕〉》”'.includes(ch)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && (ch === '，' || ch === '；')) {
        const raw = canon.slice(at, i);
        const lead = raw.length - raw.trimStart().length;
        out.push({ from: at + lead, to: at + raw.trimEnd().length, text: raw.trim() });
        at = i + 1;
      }
    }
    return out.filter((c) => c.text);
  };
  // 1. The last sentence ends in clauses of units and role verbs, after clauses of text.
  const last = sentences[sentences.length - 1]!;
  const clauses = clausesOf(last);
  let k = clauses.length;
  let verbs = 0;
  while (k > 0) {
    const c = clauses[k - 1]!.text;
    if (TIME_CLAUSE.test(c)) {
      k--;
      continue;
    }
    if (/\d|：/.test(c) || !unitVerbClause(c)) break;
    verbs++;
    k--;
  }
  if (verbs > 0 && k > 0 && k < clauses.length) {
    let start = clauses[k]!.from;
    // The separator before the units goes with them, so the text does not end in a comma.
    while (start > 0 && /[\s，；]/.test(canon[start - 1]!)) start--;
    let stop = last.to;
    while (stop < canon.length && /[。；]/.test(canon[stop]!)) stop++;
    const r = parseAnnotationContent(printed.slice(start, last.to), canon.slice(start, last.to));
    if (total(r.units) > 0) return [{ units: r.units, deadline: r.deadline, form: 'verb', start, end: stop, unclosed: false }];
  }
  // 2. Sentences opening with their units: every such opening gives its units to the one task.
  const units = emptyRoles();
  let first = -1;
  let lastEnd = -1;
  // Only the item's first sentence, or the one after a short lead-in title (`建立健全督办机制。`).
  const opening = sentences.slice(0, 2).filter((s, i) => i === 0 || (sentences[0]!.to - sentences[0]!.from <= 25 && !/[，；]/.test(canon.slice(sentences[0]!.from, sentences[0]!.to))));
  for (const s of opening) {
    const cl = clausesOf(s);
    let i = 0;
    let end = -1;
    while (i < cl.length - 1 && !/\d|：/.test(cl[i]!.text) && unitVerbClause(cl[i]!.text)) {
      end = cl[i]!.to;
      i++;
    }
    const m = i < cl.length ? OPENING.exec(cl[i]!.text) : null;
    if (m) {
      const head = m[1]!.replace(/^(?:由|并由)/, '');
      const parts = splitTopLevel(head, head, /[、，；]/).map((u) => u.canon.trim());
      if (parts.length > 0 && parts.every((u) => looksLikeUnit(u) && !MODAL.test(u) && !EVERYONE.test(u))) end = cl[i]!.from + m[0].length;
    }
    if (end < 0) continue;
    const from2 = cl[0]!.from;
    const r = parseAnnotationContent(printed.slice(from2, end), canon.slice(from2, end));
    if (total(r.units) === 0) continue;
    appendRoles(units, r.units);
    if (first < 0) first = from2;
    lastEnd = end;
  }
  if (first < 0) return found;
  return [{ units: dedupeRoles(units), deadline: null, form: 'verb', start: first, end: lastEnd, unclosed: false, inline: true }];
}

/**
 * An annotation names at least one unit of two characters or more (or a deadline): `责任单位：市`
 * cut off at the end of a page fragment names no unit.
 */
function meaningful(a: Annotation): boolean {
  const all = [...a.units.lead, ...a.units.responsible, ...a.units.cooperating];
  return all.some((u) => u.trim().length >= 2) || a.deadline != null;
}

/**
 * `责任部门:市安监局牵头,市发改委、市监察` as the last line of a page fragment: a label line cut off
 * by the end of the text. It is cut when it stops neither at a sentence end nor at a role verb, and
 * its last unit is not unit-shaped (`市监察`) or the document's other label lines end with `。`/`；`.
 */
export function isCutLabelLine(annotation: string, text: string): boolean {
  const t = annotation.trimEnd().split('\n').pop()!;
  if (/[。；！]$/.test(t)) return false;
  const v = trailingVerb(t);
  if (v && v.length < t.length) return false;
  const last = t.split(/[、，；：]/).pop()!.trim();
  if (!looksLikeUnit(last)) return true;
  let stopped = 0;
  let lines = 0;
  for (const m of text.matchAll(new RegExp(`(?:^|\\n)[ \\t]*(?:${LABEL_ALT})${QUALIFIER}[ \\t]*：[^\\n]*`, 'g'))) {
    lines++;
    if (/[。；][ \t]*$/.test(m[0])) stopped++;
  }
  return lines >= 3 && stopped * 2 > lines;
}

/** Is this whole paragraph an annotation (a line of its own under an item)? */
export function isAnnotationOnly(printed: string, canon: string): boolean {
  const t = canon.trim();
  if (!t || !/^(?:（|[^：（]{2,10}：)/.test(t)) return false;
  const found = findAnnotations(printed, canon);
  if (found.length === 0) return false;
  const first = found[0]!;
  const last = found[found.length - 1]!;
  return canon.slice(0, first.start).trim() === '' && canon.slice(last.end).replace(/[。；，\s]/g, '') === '';
}
