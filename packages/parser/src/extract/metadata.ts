import type { DocumentReference, PlanKind } from '../types.js';
import { CN_DATE_SOURCE, parseFullDate, standaloneDate } from '../text/dates.js';
import { recogniseMarker } from '../nodes/index.js';
import type { Block } from '../stages/segment.js';

export interface Metadata {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  recipients: string[];
  kind: PlanKind;
  year: number | null;
  /** Year to resolve 年底前 and similar: the plan year, else the 文号 or 成文 year. */
  contextYear: number | null;
  /** Default target year of indicators: the year of an annual plan's title. */
  goalYear: number | null;
  /** The end of the five-year period a title names (“十四五” → 2025): the year of the goals in its goal sections. */
  periodYear: number | null;
  /** Normalised offsets of what was found, for spans. */
  at: { title: [number, number] | null; docNumber: [number, number] | null; issuer: [number, number] | null };
}

export interface RefDraft extends Omit<DocumentReference, 'span'> {
  start: number;
  end: number;
}

/** 文号 with every bracket variant: 鄂政办发〔2022〕16号, 鄂政发[2009]38号, 韶府［2019］31号. */
export const DOC_NUMBER = /([\u4e00-\u9fa5]{1,10})\s*[〔[【（]\s*((?:19|20)\d{2})\s*[〕\]】）]\s*第?\s*(\d{1,5})\s*号/g;

const TITLE_END =
  /(?:(?:分工|分解|任务|计划|安排|责任|进度|一览|清单|项目)表|台账|(?:任务|责任|目标|工作)分解|方案|意见|计划|规划|清单|通知|办法|措施|要点|纲要|细则|决定|规定|分工|安排|任务|报告|纪要|目录|条例|批复|建议案|建议|部署|指引|指南|标准|制度|机制|路线图|行动|工程|总结|汇报|(?:推进|进展|完成|落实|执行|办理)情况|工作事项)(?:[（(][^（）()]{1,16}[）)])?$/;
/** What a notice issues without 印发 ("关于X实施方案的通知"): a document, not work (工作分工, 督查). */
const DOC_NOUN = /(?:方案|意见|计划|规划|要点|办法|细则|清单|纲要|措施|规定|决定|指引|指南|(?:分工|分解|任务|计划|责任|一览)表|台账)(?:[（(][^（）()]{1,16}[）)])?$/;
const SIGNER_END = /(?:政府|办公厅|办公室|国务院|委员会|局|厅|委|部|院|会|中心|领导小组|指挥部|党委|党组|总队|集团|管委会|署|办)$/;

const isTitleLine = (canon: string) => {
  const t = canon.trim();
  if (t.length < 2 || t.length > 70) return false;
  if (/[。；！？：]$/.test(t) || /[。；]/.test(t)) return false;
  if (standaloneDate(t)) return false;
  if (/^（[^）]*）$/.test(t)) return false;
  // A cover-notice sentence cut off by the page ("《X》已经"), not a title.
  if (/》(?:已经|已|经|现)/.test(t)) return false;
  if ((t.match(/[A-Za-z]/g) ?? []).length > t.length / 2) return false;
  // A law site's field line (【发布日期】2008.03.20【实施日期】…) or a sentence (…职责分工，将《纲要》).
  if ((t.match(/（(?:发布|实施|发文|时效|效力|法规|所属|主题|索引|成文|公布|生效|失效|题注)[^）]{0,6}）/g) ?? []).length >= 2) return false;
  if (t.includes('，')) return false;
  // A site field ("成文日期 2006-12-15", "发布机构 自治区人民政府").
  if (/^(?:索\s*引\s*号|主题分类|发布机构|发文机关|文\s*号|发文字号|成文日期|发布日期|发文日期|印发日期|发布时间|信息来源|来\s*源|时效性|效力级别)\s*[：\s]/.test(t)) return false;
  // A site banner ("法搜网--中国法律信息搜索网", "X门户网站"), not the first line of a title.
  const banner = /^([^-—–_|]{2,30})[-—–_|]{1,2}[^-—–_|]{2,30}网$/.exec(t);
  if ((banner && !TITLE_END.test(banner[1]!)) || /^[^-—–_|]{2,30}(?:网站|门户)$/.test(t)) return false;
  if ((t.match(/[\u4e00-\u9fa5\d]\s+(?=[\u4e00-\u9fa5\d])/g) ?? []).length >= 2) return false;
  DOC_NUMBER.lastIndex = 0;
  const dn = DOC_NUMBER.exec(t);
  if (dn && dn[0].length >= t.length - 2) return false;
  return true;
};

const ISSUER_END = '(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|工作部|部|局|厅|委|办)';
/** "武汉市人民政府办公厅  2022年3月14日": signature and date on one line. */
const SIGNATURE_LINE = new RegExp(`^([\\u4e00-\\u9fa5（）]{2,30}?)\\s+((?:19|20)\\d{2}年\\d{1,2}月\\d{1,2}日|${CN_DATE_SOURCE})$`);
/** A full date followed by a space or the end: a signature date inside a flattened line. */
const FLAT_DATE = new RegExp(`(?:(?:19|20)\\d{2}年\\d{1,2}月\\d{1,2}日|${CN_DATE_SOURCE})(?=\\s|$)`, 'g');
/** "X人民政府关于…", "国务院关于…", "X厅等九部门关于…", "X办公厅印发《…》". */
const TITLE_ISSUER =
  /^((?:[\u4e00-\u9fa5]{2,30}?(?:人民政府办公厅|人民政府办公室|人民政府|政府|办公厅|办公室|委员会|领导小组|指挥部|管委会|局|厅|委|部|署|办)|国务院(?:办公厅)?)(?:等[一二三四五六七八九十两\d]{1,3}个?(?:部门|单位))?)\s*(?:联合)?(?:印发|转发)?(?:关于|《)/;
const JOINT_ISSUERS = new RegExp(
  `^(?:[“"][^”"]{1,12}[”"]\\s*|【[^】]{1,10}】\\s*)?((?:[\\u4e00-\\u9fa5]{2,30}?${ISSUER_END}\\s+)+[\\u4e00-\\u9fa5]{2,30}?${ISSUER_END})\\s*(?:印发|转发)?(?:关于|《)`,
);

/** "政府工作报告》重点工作任务分工" cut out of 《…》: give back the opening bracket. */
function balanceQuotes(t: string): string {
  if (/^[《〈][^《》〈〉]+[》〉]$/.test(t)) return t.slice(1, -1);
  const open = (t.match(/《/g) ?? []).length;
  const close = (t.match(/》/g) ?? []).length;
  if (close > open && t.indexOf('》') < (t.indexOf('《') < 0 ? Infinity : t.indexOf('《'))) return `《${t}`;
  if (open > close && t.endsWith('》') === false && t.startsWith('《')) return t.slice(1);
  return t;
}

function cleanTitle(s: string): string {
  let t = s.replace(/[\s\u3000]+/g, '');
  DOC_NUMBER.lastIndex = 0;
  t = t.replace(/^[\u4e00-\u9fa5]{1,10}[〔[【［(（](?:19|20)\d{2}[〕\]】］)）]第?\d{1,5}号/, '');
  t = t.replace(/[（(][\u4e00-\u9fa5]{1,10}[〔[【［(（](?:19|20)\d{2}[〕\]】］)）]第?\d{1,5}号[）)]$/, '');
  t = t.replace(/[-_|—–][^-_|—–]{2,30}(?:网站|门户网站|门户|政府网|网)$/, '');
  t = t.replace(/[\u4e00-\u9fa5]{1,10}[〔[【［(（](?:19|20)\d{2}[〕\]】］)）]第?\d{1,5}号$/, '');
  t = t.replace(/全文$/, '');
  t = t.replace(/^附件\s*\d{0,2}\s*[：:]?/, '');
  t = t.replace(/^(?:标题|名称|文件名称|主题)[：:]/, '');
  // A page's label before the title: "政策解读：X方案", "图解：X意见".
  t = t.replace(/^(?:政策解读|图文解读|解读|图解|原文|正文|全文|政策原文|政策文件|文件|公告|公示|转载|最新文件)[：:]/, '');
  // "X方案_政策文件_某某政府网": keep the part before the site furniture.
  const head = /^([^_|]{6,90}?)[_|]/.exec(t);
  if (head && TITLE_END.test(head[1]!.slice(-16))) t = head[1]!;
  if (/^《[^《》]+》$/.test(t)) t = t.slice(1, -1);
  return t;
}

/** Title, 文号, issuer, date, recipients and kind of a document. */
export function extractMetadata(printed: string, canon: string, blocks: Block[], removedTexts: string[] = []): Metadata {
  const paras = blocks.filter((b) => b.type === 'para');
  const head = paras.slice(0, 60);
  // 文号: the first one near the top that is not a reference to another document.
  let docNumber: string | null = null;
  let docAt: [number, number] | null = null;
  const limit = Math.min(canon.length, Math.max(3000, Math.floor(canon.length * 0.3)));
  DOC_NUMBER.lastIndex = 0;
  const found = findDocNumbers(canon.slice(0, limit));
  for (let k = 0; k < found.length; k++) {
    let m = found[k]!;
    const before = canon.slice(Math.max(0, m.index - 2), m.index);
    if (/》\s*（?$/.test(before) || /》（$/.test(canon.slice(Math.max(0, m.index - 3), m.index))) continue;
    // A site field (【发文字号】合政[2008]25号) gives way to the same 文号 printed by the document itself.
    if (/(?:文\s*号|字\s*号)\s*[）：:]?\s*$/.test(canon.slice(Math.max(0, m.index - 8), m.index))) {
      const same = found.slice(k + 1).find((o) => o[2] === m[2] && o[3] === m[3] && trimPrefix(o[1]!) === trimPrefix(m[1]!));
      if (same) m = same;
    }
    const prefix = trimPrefix(m[1]!);
    const start = m.index + (m[1]!.length - prefix.length);
    docNumber = printed.slice(start, m.index + m[0].length).replace(/\s+/g, '');
    docAt = [start, m.index + m[0].length];
    break;
  }
  // Title: the first candidate that is the plan itself, not its cover notice.
  const candidates: Array<{ text: string; start: number; end: number; notice: boolean }> = [];
  let flat: string | undefined;
  for (let i = 0; i < head.length; i++) {
    let joined = '';
    let best: (typeof candidates)[number] | null = null;
    for (let j = i; j < Math.min(head.length, i + 4); j++) {
      const b = head[j]!;
      const c = canon.slice(b.start, b.end);
      // "(2018—2020年)" on a line of its own closes a wrapped title.
      // (The page may have lost its opening bracket: "2020―2022年)".)
      const period = j > i && best != null && /^\s*（?\s*(?:19|20)\d\d\s*[—\-–~～至―]\s*(?:19|20)\d\d\s*年?\s*）\s*$/.test(c);
      if (period) {
        const line = printed.slice(b.start, b.end).trim();
        joined += /^[（(]/.test(line) ? line : `${line.endsWith(')') ? '(' : '（'}${line}`;
        best = { ...best!, text: cleanTitle(joined), end: b.end };
        break;
      }
      if (!isTitleLine(c) || recogniseMarker(c, c)) break;
      // Every line but the last of a wrapped title is of some length.
      // ("省人民政府关于" / "进一步优化营商环境的若干意见": a line ending in 关于 always goes on).
      const previousLine = j > i ? canon.slice(head[j - 1]!.start, head[j - 1]!.end).trim() : '';
      if (j > i && previousLine.length < 8 && !/关于$/.test(previousLine)) break;
      // A line that is a whole title by itself starts a new candidate.
      const alone = cleanTitle(printed.slice(b.start, b.end));
      // Unless the document quotes the two lines as one title (《A B》 in the notice).
      const quoted = () => (flat ??= printed.slice(0, limit).replace(/\s+/g, '')).includes(`《${cleanTitle(joined + printed.slice(b.start, b.end))}》`);
      // A notice title not yet closed by 通知 goes on ("…关于印发X三年行动" / "计划(2020―2022年)的通知").
      const open = best != null && best.notice && !/(?:通知|通报)》?$/.test(best.text);
      if (j > i && best && !open && alone.length >= 10 && TITLE_END.test(alone.slice(-16).replace(/[”"》]$/, '')) && !quoted()) break;
      joined += printed.slice(b.start, b.end);
      const t = cleanTitle(joined);
      if (t.length >= 6 && t.length <= 90 && TITLE_END.test(t.slice(-16).replace(/[”"》]$/, ''))) {
        best = { text: t, start: head[i]!.start, end: b.end, notice: /通知》?$|通报》?$/.test(t) || /^[^《]{2,40}关于(?:印发|转发|下达)/.test(t) };
      }
    }
    if (best) {
      candidates.push(best);
      while (i + 1 < head.length && head[i + 1]!.start < best.end) i++;
    }
  }
  // A long first line such as `武政办〔2022〕29号《…的通知》` is a notice candidate too.
  let chosen = candidates.find((c) => !c.notice) ?? null;
  // No title line of the plan itself: the plan named in the notice's sentence (现将《X》印发…),
  // else in the notice title (关于印发X的通知: better than a quote such as 《政府工作报告》已经…).
  const fieldTitle = /(?:标\s*题|名\s*称|文件名称)[：\s|]+([^|\n]{6,120}?(?:通知|通报))/.exec(canon.slice(0, limit));
  const noticeTitle = candidates.find((c) => c.notice && /(?:关于|印发|转发)/.test(c.text) && !/[:：]/.test(c.text)) ?? (fieldTitle ? { text: fieldTitle[1]!.trim(), start: fieldTitle.index } : null);
  // A title line above the notice title that is not the document the notice issues is page
  // furniture (a site banner "纪录小康工程", a field line "【法规类别】…规定"): the notice decides.
  const issuing = candidates.findLast((c) => c.notice && /关于(?:印发|转发|下达).+的(?:通知|通报)$/.test(c.text));
  const issued = issuing ? /关于(?:印发|转发|下达)(.+?)的(?:通知|通报)$/.exec(issuing.text)?.[1] : undefined;
  if (chosen && issuing && issued && chosen.start < issuing.start) {
    const key = (t: string) => t.replace(/[\s《》〈〉“”"()（）]/g, '');
    const same = (t: string) => key(t).includes(key(issued)) || key(issued).includes(key(t));
    if (!same(chosen.text)) chosen = candidates.find((c) => !c.notice && c.start > issuing.start) ?? null;
  }
  if (!chosen) {
    for (const b of head) {
      const c = canon.slice(b.start, b.end);
      // Only the document being issued: 现将《X》印发给你们 (not 现将《政府工作报告》提出的任务分解…).
      const m = /(?:现将|现把)\s*《([^《》]{4,90})》\s*(?:（[^（）]{0,20}）)?\s*(?:予以)?(?:印发|转发|下达|发给|发布)/.exec(c);
      if (m) {
        const inner = m[1]!;
        const at = b.start + c.indexOf(inner);
        chosen = { text: printed.slice(at, at + inner.length).replace(/\s+/g, ''), start: at, end: at + inner.length, notice: false };
        break;
      }
    }
  }
  // "附件：常熟市2018年政府工作任务分解表" names the plan the notice issues (one attachment only).
  if (!chosen) {
    const m = /附\s*件\s*[：:]\s*([^\s：:，。；,;|]{4,60})/.exec(canon.slice(0, limit));
    const t = m ? cleanTitle(printed.slice(m.index + m[0].length - m[1]!.length, m.index + m[0].length)) : '';
    if (m && /^[\u4e00-\u9fa5《“]/.test(t) && TITLE_END.test(t.slice(-16).replace(/[”"》]$/, '')) && !/[\d一二三四五六七八九十][.、．]\S/.test(canon.slice(m.index + m[0].length, m.index + m[0].length + 6))) {
      const at = m.index + m[0].length - m[1]!.length;
      chosen = { text: t, start: at, end: at + m[1]!.length, notice: false };
    }
  }
  if (!chosen && noticeTitle) {
    const m = /关于(?:印发|转发|下达)(.+?)的(?:通知|通报)$/.exec(noticeTitle.text.replace(/\s+/g, ''));
    if (m) chosen = { text: balanceQuotes(m[1]!), start: noticeTitle.start, end: noticeTitle.start + noticeTitle.text.length, notice: false };
  }
  if (!chosen) {
    for (const b of head) {
      // A cover sentence cut off by the page: "《X》已经…同意".
      const m = /《([^《》]{4,90})》已经/.exec(canon.slice(b.start, b.end));
      if (m) {
        const at = b.start + m.index + 1;
        chosen = { text: printed.slice(at, at + m[1]!.length).replace(/\s+/g, ''), start: at, end: at + m[1]!.length, notice: false };
        break;
      }
    }
  }
  if (!chosen && candidates[0]) {
    const n = candidates[0];
    // "关于X实施方案的通知" issues the plan X; "X关于做好春耕生产工作的通知" is itself the document.
    const m = /关于(印发|转发|下达)?(.+?)的(?:通知|通报)$/.exec(n.text);
    const issues = m != null && (m[1] != null || DOC_NOUN.test(m[2]!.replace(/[”"》]$/, '')));
    chosen = { ...n, text: issues ? balanceQuotes(m[2]!) : n.text };
  }
  // A site field names the document itself: "文件名称 | 汉滨区2025年政府工作报告 |".
  if (!chosen) {
    const m = /(?:文件名称|标\s*题|名\s*称)\s*[：:|]\s*([^|\n：:]{4,90}?)\s*(?:\||\n|$)/.exec(canon.slice(0, limit));
    const t = m ? cleanTitle(printed.slice(m.index + m[0].indexOf(m[1]!), m.index + m[0].indexOf(m[1]!) + m[1]!.length)) : '';
    if (m && t.length >= 4 && TITLE_END.test(t.slice(-16).replace(/[”"》]$/, ''))) {
      const at = m.index + m[0].indexOf(m[1]!);
      const notice = /关于(?:印发|转发|下达)?(.+?)的(?:通知|通报)$/.exec(t);
      chosen = { text: notice ? balanceQuotes(notice[1]!) : t, start: at, end: at + m[1]!.length, notice: false };
    }
  }
  // Signature: a unit-shaped short line directly followed by a date line.
  let issuer: string | null = null;
  let issuerAt: [number, number] | null = null;
  let date: string | null = null;
  for (let i = 1; i < paras.length; i++) {
    const b = paras[i]!;
    // A signature or date line is short; the body's paragraphs are not read here.
    if (b.end - b.start > 80) continue;
    const lineCanon = canon.slice(b.start, b.end).trim();
    // "武汉市人民政府办公厅  2022年3月14日" on one line.
    const same = SIGNATURE_LINE.exec(lineCanon);
    if (same && SIGNER_END.test(same[1]!) && !issuer) {
      const sd = standaloneDate(same[2]!);
      if (sd) {
        const at = b.start + canon.slice(b.start, b.end).indexOf(same[1]!);
        issuer = printed.slice(at, at + same[1]!.length);
        issuerAt = [at, at + same[1]!.length];
        date = sd;
        break;
      }
    }
    const d = standaloneDate(lineCanon.replace(/^[（(]|[）)]$/g, '').replace(/(?:印发|发布|制定|施行)$/, ''));
    if (!d) continue;
    // "长清区政府 / 2021-04-01": a site's field lines; a signature date is written 2021年4月1日.
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(lineCanon)) continue;
    const prev = paras[i - 1]!;
    // "某市人民政府（盖章）": the seal note is not part of the name.
    const seal = /\s*（(?:盖章|印章|签章|公章)）\s*$/.exec(canon.slice(prev.start, prev.end));
    const pc = canon.slice(prev.start, seal ? prev.start + seal.index : prev.end).replace(/\s+/g, '');
    if (pc.length <= 30 && SIGNER_END.test(pc) && !recogniseMarker(pc, pc) && !/[，。；：]/.test(pc)) {
      issuer = printed.slice(prev.start, seal ? prev.start + seal.index : prev.end).replace(/\s+/g, '');
      issuerAt = [prev.start, prev.end];
      // Joint issuers printed on one line with a wide gap ("中共X工委      X厅"), or stacked on the
      // line above (中共某市委办公室 / 某市人民政府办公室 / date) when the notice title names both.
      const before = paras[i - 2];
      const bc = before ? canon.slice(before.start, before.end).trim() : '';
      // Two offices of a party committee and a government (中共X县委办公室 / X县人民政府办公室) are joint
      // issuers even when the title does not name them (unit names of a table would end in 局, 委…).
      const office = /(?:办公室|办公厅|人民政府|委员会|[省市县区州]委)$/;
      const stacked = (u: string) =>
        !canon.slice(before!.end, prev.start).includes('\n') || canon.slice(0, before!.start).replace(/\s+/g, '').includes(u + pc) || (office.test(u) && office.test(pc) && /^中共/.test(u));
      const signerLine = (x: Block | undefined) => {
        const t = x ? canon.slice(x.start, x.end).trim() : '';
        return t.length >= 2 && t.length <= 30 && SIGNER_END.test(t) && !/[，。；：]/.test(t) && !recogniseMarker(t, t);
      };
      // Three or more signature lines stacked above the date (联合印发: 中共X组织部 / X厅 / X厅) are joint issuers.
      let top = i - 1;
      while (top - 1 >= 0 && i - top < 6 && signerLine(paras[top - 1])) top--;
      if (i - top >= 3) {
        issuer = paras.slice(top, i).map((x) => printed.slice(x.start, x.end).trim().replace(/\s+/g, ' ')).join(' ');
        issuerAt = [paras[top]!.start, prev.end];
      } else if (before && bc.length <= 30 && SIGNER_END.test(bc) && !/[，。；：]/.test(bc) && stacked(bc.replace(/\s+/g, ''))) {
        issuer = `${printed.slice(before.start, before.end).trim()} ${issuer}`;
        issuerAt = [before.start, prev.end];
      }
      date = d;
      break;
    }
    if (b.start > canon.length * 0.5) date ??= d;
  }
  // A page flattened to long lines: "…贯彻落实。 中共X县委…领导小组 2021年9月3日 X实施方案 …".
  // Also after an attachment line and followed by more text on the same line ("…附件:X表 常熟市人民政府办公室
  // 2018年2月24日 X表 序号…"), but only before the body's first heading (一、): a flattened table row
  // "发改委 2018年12月31日" is a deadline.
  if (!issuer && !date) {
    const top = canon.slice(0, limit);
    let body = top.indexOf('一、');
    while (body > 0 && !/\s/.test(top.charAt(body - 1))) body = top.indexOf('一、', body + 2);
    const end = Math.min(limit, body > 0 ? body : limit);
    // Only long (flattened) lines: short signature lines are read above. Dates first (few), then the
    // whole token before each: a scan from every 。 or space was slow.
    flat: for (const b of paras) {
      if (b.start >= end) break;
      if (b.end - b.start <= 80) continue;
      const line = canon.slice(b.start, Math.min(b.end, end));
      if (!line.includes('日')) continue;
      for (const d of line.matchAll(FLAT_DATE)) {
        const token = /([\u4e00-\u9fa5]{2,40})\s+$/.exec(line.slice(Math.max(0, d.index - 48), d.index));
        if (!token) continue;
        const at = d.index - token[0].length;
        const sd = standaloneDate(d[0]);
        if (!sd || !SIGNER_END.test(token[1]!) || !/[。\s]/.test(line.charAt(at - 1))) continue;
        issuer = printed.slice(b.start + at, b.start + at + token[1]!.length);
        issuerAt = [b.start + at, b.start + at + token[1]!.length];
        date = sd;
        break flat;
      }
    }
  }
  // Joint issuers printed with spaces before the notice verb ("A委员会 B部 C局 关于印发…").
  if (!issuer) {
    for (const b of head.slice(0, 12)) {
      const m = JOINT_ISSUERS.exec(canon.slice(b.start, b.end));
      if (!m) continue;
      const at = b.start + m.index + m[0].indexOf(m[1]!);
      issuer = printed.slice(at, at + m[1]!.length).trim().replace(/\s+/g, ' ');
      issuerAt = [at, at + m[1]!.length];
      break;
    }
  }
  // The issuer named at the start of a title (notice or the document itself) when no signature is
  // printed: "国务院关于…的意见", "浙江省财政厅等九部门关于…的实施意见", "X人民政府印发《…》的通知".
  // The document's own text wins over the page's fields (发布机构, 信息来源), which name the website.
  if (!issuer) {
    const titles = [noticeTitle, chosen, ...candidates].filter((t): t is { text: string; start: number } => t != null);
    for (const t of titles) {
      // "【规范性文件】X关于印发…", "X办公厅印发关于…的通知".
      const text = t.text.replace(/^[【[（(][^】\]）)]{1,10}[】\]）)]/, '');
      const m = TITLE_ISSUER.exec(text);
      if (!m) continue;
      // As printed: joint issuers keep the space between them ("中共某市委 某市人民政府").
      const spaced = new RegExp([...m[1]!].join('[ \\t\\u3000]*')).exec(printed.slice(t.start, t.start + 200));
      issuer = spaced ? spaced[0].replace(/[ \t\u3000]+/g, ' ') : m[1]!;
      issuerAt = spaced ? [t.start + spaced.index, t.start + spaced.index + spaced[0].length] : null;
      break;
    }
  }
  // Site metadata tables: 发布机构 / 成文日期.
  if (!issuer) {
    const m = /(?:发布机构|发文机关|发文单位|发文机构)[：\s]+([\u4e00-\u9fa5]{2,30}?)(?=\s|$|组配|主题|公开)/m.exec(canon.slice(0, limit));
    if (m) {
      const s = m.index + m[0].length - m[1]!.length;
      issuer = printed.slice(s, s + m[1]!.length);
      issuerAt = [s, s + m[1]!.length];
    }
  }
  // The page's source line (removed as boilerplate) when it names a unit, not a news site.
  if (!issuer) {
    for (const r of removedTexts) {
      const m = /(?:信息来源|来源|发布机构|发文机关|发布单位)[：:]\s*([\u4e00-\u9fa5]{2,30}?)(?=\s|$|发布|浏览|时间|日期|作者|【)/.exec(r);
      if (m && SIGNER_END.test(m[1]!) && !/网$|报$|新闻|日报|电视台/.test(m[1]!)) {
        issuer = m[1]!;
        break;
      }
    }
  }
  // A cover notice without a signature: its date line stands right before the plan's own title.
  if (!date && chosen && !chosen.notice && paras.some((b) => b.start === chosen.start)) {
    const before = paras.filter((b) => b.end <= chosen.start).pop();
    const d = before ? standaloneDate(canon.slice(before.start, before.end).trim()) : null;
    if (d) date = d;
  }
  if (!date) {
    const m = /(?:成文日期|发文日期|印发日期|成文时间)[：\s]*([^\n]{6,20})/.exec(canon.slice(0, limit));
    const d = m ? parseFullDate(m[1]!) : null;
    if (d) date = d.iso;
  }
  // Recipients (主送): a line ending in a colon listing 各… units.
  // A list wrapped over several lines (各县（市、区）人民政府，市政府各部门、/ 各直属机构：) is joined; a
  // labelled line 主送：A，B is read too; 抄送 lines name copies, not recipients.
  let recipients: string[] = [];
  for (let k = 0; k < head.length; k++) {
    const b = head[k]!;
    const c = canon.slice(b.start, b.end).trim();
    const label = /^主\s*送\s*：\s*(.+?)。?$/.exec(c);
    if (label || (c.length <= 150 && /：$/.test(c) && /^各|、|，/.test(c) && !/^抄\s*送|如下|要求|通知|意见|：.+：/.test(c) && !recogniseMarker(c, c))) {
      let first = k;
      while (first > 0 && first > k - 3 && !label) {
        const up = canon.slice(head[first - 1]!.start, head[first - 1]!.end).trim();
        if (up.length > 150 || !/[、，]$/.test(up) || /[。；：]/.test(up) || recogniseMarker(up, up)) break;
        first--;
      }
      const from = label ? b.start + canon.slice(b.start, b.end).indexOf(label[1]!) : head[first]!.start;
      const p = printed.slice(from, b.end).replace(/\s*\n\s*/g, '').trim().replace(/[：:。]$/, '');
      recipients = p.split(/[，,；;]/).map((s) => s.trim()).filter(Boolean);
      break;
    }
  }
  const title = chosen?.text ?? null;
  const titleYear = title ? /((?:19|20)\d{2})年/.exec(title) : null;
  const year = titleYear ? Number(titleYear[1]) : null;
  // A page without a title that names one year only, never as a target (到2025年) or a start
  // (2012年起), is that year's work: "明确我市2023年违法建设目标任务", "结合我市2023年预算编制".
  const workYear = title == null ? loneYear(canon) : null;
  const periodYear = title && /十四五/.test(title) ? 2025 : title && /十五五/.test(title) ? 2030 : null;
  const docYear = docNumber ? Number(/(?:19|20)\d{2}/.exec(docNumber)?.[0]) : null;
  const dateYear = date ? Number(date.slice(0, 4)) : null;
  return {
    title,
    docNumber,
    issuer,
    date,
    recipients,
    kind: kindOf(title),
    year,
    // A plan for 2022—2024 is written in its first year: that is the year its sentences speak from.
    contextYear: (title ? Number(/((?:19|20)\d{2})\s*[—\-–~～至到]\s*(?:19|20)\d{2}年/.exec(title)?.[1] ?? NaN) || null : null) ?? year ?? docYear ?? dateYear,
    goalYear: year ?? workYear,
    periodYear,
    at: { title: chosen ? [chosen.start, chosen.end] : null, docNumber: docAt, issuer: issuerAt },
  };
}

/**
 * The one year a text names (as YYYY年) outside the titles of other documents, when it names no
 * other, none as a target or a start, and no five-year period.
 */
function loneYear(canon: string): number | null {
  // A five-year period (“十四五”期间) is no single year's work.
  if (/十[一二三四五六七]五/.test(canon)) return null;
  let year: number | null = null;
  let inTitle = false;
  let at = 0;
  for (const m of canon.matchAll(/(?<!\d)((?:19|20)\d\d)\s*年/g)) {
    // 《2023年政府工作报告》 names another document (read forward once: no scan back per year).
    for (; at < m.index; at++) {
      const ch = canon.charCodeAt(at);
      if (ch === 0x300a) inTitle = true;
      else if (ch === 0x300b) inTitle = false;
    }
    if (inTitle) continue;
    const y = Number(m[1]);
    if (year != null && y !== year) return null;
    const pre = canon.slice(Math.max(0, m.index - 2), m.index);
    const post = canon.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (/(?:到|至|—|-|～|~)\s*$/.test(pre) || /^(?:起|以来|开始|至|—|-|～|~)/.test(post)) return null;
    year = y;
  }
  return year;
}

const YEAR_NUMBER = /[〔[【（]\s*(?:19|20)\d{2}\s*[〕\]】）]\s*第?\s*\d{1,5}\s*号/g;

/** DOC_NUMBER matches, found from their bracketed year first (no scan at every character). */
function findDocNumbers(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const y of text.matchAll(YEAR_NUMBER)) {
    const from = Math.max(0, y.index - 12);
    const window = text.slice(from, y.index + y[0].length);
    DOC_NUMBER.lastIndex = 0;
    const m = new RegExp(`${DOC_NUMBER.source}$`).exec(window);
    if (m) {
      m.index += from;
      out.push(m);
    }
  }
  return out;
}

/** The issuing-body prefix of a 文号 is short; drop text glued in front of it. */
function trimPrefix(prefix: string): string {
  const m = /(?:的通知|通知|的意见|意见|方案)?([\u4e00-\u9fa5]{1,8})$/.exec(prefix);
  const p = m ? m[1]! : prefix;
  return p.length > 8 ? p.slice(-8) : p;
}

function kindOf(title: string | null): PlanKind {
  if (!title) return 'other';
  if (/分工/.test(title)) return 'division';
  if (/实施方案|行动方案|实施意见|实施细则|行动计划/.test(title)) return 'implementation';
  if (/工作要点|工作方案|工作计划|任务清单|重点任务|工作安排/.test(title)) return 'work';
  if (/规划|计划|方案|纲要/.test(title)) return 'plan';
  return 'other';
}

/** References to other documents: 《…》 with the 文号 printed right after it. */
export function extractReferences(printed: string, canon: string, ownTitle: string | null): RefDraft[] {
  const out: RefDraft[] = [];
  const seen = new Set<string>();
  const own = ownTitle?.replace(/\s+/g, '') ?? '';
  for (const m of canon.matchAll(/《([^《》\n]{2,100})》/g)) {
    const title = printed.slice(m.index + 1, m.index + m[0].length - 1).replace(/\s+/g, '');
    if (title === own || (own && title.includes(own))) continue;
    if (/(?:简称|下称|以下称)\s*$/.test(canon.slice(Math.max(0, m.index - 6), m.index))) continue;
    const after = canon.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const dn = /^\s*（\s*([\u4e00-\u9fa5]{1,10}\s*[〔[【（]\s*(?:19|20)\d{2}\s*[〕\]】）]\s*第?\s*\d{1,5}\s*号)/.exec(after);
    const key = title;
    if (seen.has(key)) {
      if (dn) {
        const prev = out.find((r) => r.title === title);
        if (prev && !prev.docNumber) {
          const s = m.index + m[0].length + dn.index + dn[0].length - dn[1]!.length;
          prev.docNumber = printed.slice(s, s + dn[1]!.length);
        }
      }
      continue;
    }
    seen.add(key);
    let docNumber: string | null = null;
    let end = m.index + m[0].length;
    if (dn) {
      const s = m.index + m[0].length + dn.index + dn[0].length - dn[1]!.length;
      docNumber = printed.slice(s, s + dn[1]!.length).replace(/\s+/g, '');
      end = s + dn[1]!.length;
    }
    out.push({ title, docNumber, start: m.index, end });
  }
  return out;
}
