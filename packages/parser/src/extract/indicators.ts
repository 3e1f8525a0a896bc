import type { Comparator } from '../types.js';
import type { Draft, Outlined } from '../stages/outline.js';
import type { TaskDraft } from './tasks.js';
import { chineseAmount, chineseDigits, chineseToNumber } from '../text/numerals.js';
import { sentencesWith } from '../text/sentences.js';

/**
 * Numeric goals: name, target, unit, comparator, year, baseline and the responsible units of the
 * task that states them. Achieved figures (已完成…, 进展情况), policy parameters (补贴, 费率,
 * 标准, 贷款…), ranges, ranks (50强) and structural counts (146项任务) are left out.
 */
export interface IndicatorDraft {
  name: string;
  target: number;
  unit: string | null;
  comparator: Comparator;
  year: number | null;
  baseline: number | null;
  baselineYear: number | null;
  responsible: string[];
  binding: boolean | null;
  start: number;
  end: number;
}

const UNITS = [
  '微克/立方米', '毫克/升', '吨标准煤', '亿斤', '万斤', '公斤', '千克', '个百分点', '百分点', '个工作日', '工作日', '个月', '万公斤', '万名', '万套', '场次', '万亿元', '亿元', '万元', '元', '万人次', '亿人次', '人次', '万人', '人', '万户', '户', '万吨标准煤', '万吨', '吨', '万千瓦时', '亿千瓦时', '万千瓦', '千瓦',
  '亿美元', '万美元', '美元', '岁', '年', '万公里', '亿立方米', '万座', '万所', '万条', '万棵', '棵', '万头', '万只', '万株', '万台', '万件', '万张', '万册', '万间', '万箱', '万平米', '平米',
  '平方公里', '公里', '千米', '万平方米', '平方米', '万立方米', '立方米', '万亩', '亩', '公顷', '万辆', '辆', '万家', '家', '万个', '个', '项', '条', '座', '所', '台', '艘', '套',
  '处', '件', '张', '场', '批', '分钟', '小时', '倍', '%', '‰', 'GW', 'MW', 'km', '万标箱', '标箱', '床', '张床', '名', '支', '只', '头', '株', '册', '部', '篇', '栋', '间', '孔', '盏', '根',
].sort((a, b) => b.length - a.length);
// A bare 万 (常住人口突破1200万) is a unit only when no other unit character follows it.
// 人 is no unit inside 人才, 人员, 人口, 人民, 人均 ("121人才梯队项目", "50万人口以上").
const UNIT_ALT = [...UNITS.map((u) => (/人$/.test(u) ? `${u}(?![才员口民均群士])` : u.replace(/[%]/g, '\\$&'))), '万(?![\\u4e00-\\u9fa5])'].join('|');
// A number starts where a digit run starts and is at most 12 digits long: a long run of digits is
// read in one pass, not once from every digit (which was quadratic).
const NUMBER_RE = new RegExp(`(?<![\\d.])(\\d{1,12}(?:\\.\\d{1,6})?)\\s*(${UNIT_ALT})`, 'g');
/** What a sentence needs to state a goal: a number (digits, a Chinese amount or count) or 至少/不少于. */
const GOAL_NUMBER = /\d|至少|不少于|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*[个家所座条项万亿百千]/g;
/** A ratio, coefficient or index has no unit: "城乡居民收入比缩小到2.2以内", "基尼系数控制在0.4以下". */
const UNITLESS_RE = /(?:比|系数|指数|比值)(?:缩小到|缩小至|控制在|降至|降到|下降到|下降至|提高到|提高至|提升到|提升至|达到|保持在|稳定在)\s*(\d{1,3}(?:\.\d{1,4})?)(?=以内|以下|以上|左右|[，。；、]|$)/g;
const YEARS_VERB = /(?:达到|达|延长到|延长至|超过|不少于|不低于|提高到|提升到|保持在|稳定在)\s*$/;
const UNIT_AT = new RegExp(`^(?:${UNIT_ALT})`);
/** "8—10个", "30%—40%", "3至5个": a range; the goal is its lower bound. */
const RANGE_RE = new RegExp(`(?<![\\d.])(\\d{1,12}(?:\\.\\d{1,6})?)\\s*(?:%|${UNIT_ALT})?\\s*[—\\-~～至到－–]\\s*(\\d{1,12}(?:\\.\\d{1,6})?)\\s*(${UNIT_ALT})`, 'g');
/** A Chinese-numeral amount (一百亿元, 五千亿, 十二个, 三万人): a run of numerals not inside a longer one. */
// Only runs that hold a magnitude (十百千万亿) or stand before a measure word: 进一步, 一体化 and the
// like are not looked at.
const CN_AMOUNT_RE =
  /(?<![零〇一二两三四五六七八九十百千万亿第几])(?:[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*[十百千万亿]|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?=[个家所座条项名套场户批台人元亩吨公米平立辆艘件张间栋床倍]))/g;
const CN_COUNT_RE = /(至少|不少于|不低于|超过|达到)有?([一二两三四五六七八九十])(个|家|所|座|条|项)/g;
/** "创建一个以上帮扶车间": a Chinese-numeral count bounded by 以上. */
const CN_COUNT_ABOVE_RE = /([一二两三四五六七八九十])(个|家|所|座|条|项)(?=以上)/g;
const CN_VALUE: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

const POLICY = /补贴|补助|奖励|奖补|贷款|贴息|费率|税率|税额|返还|扣除|减免|缴纳|给予|申请|最高|(?:补贴|补助|收费|奖励|缴费|计价|税额|待遇|保障|救助|报销)标准|标准(?:为|的|可|按|调整)|年龄(?:在|为|满|未满|不满|不超过|不低于|不高于|低于|高于)?\s*\d|周岁|担保|利率|罚款|收费|工资|薪酬|降低.*成本|下调|上浮|下浮|资助|扶持|优惠|退税|税收|折扣|押金|保证金|租金|减税|降费|减负|(?:安排|拨付|下达|统筹|筹措)[^，。；]{0,12}资金/;
/** Aggregates named with a policy word are still metrics: 贷款余额, 税收收入, 工资性收入, 担保业务规模. */
const POLICY_METRIC = /(?:贷款|存款|信贷|担保)(?:业务)?(?:余额|规模|总额|增速|增量|投放量)|税收(?:收入|占比)|工资性收入|工资收入/g;
const isPolicy = (text: string) => POLICY.test(text) && POLICY.test(text.replace(POLICY_METRIC, '指标'));
const ACHIEVED = /已(?:经)?(?:完成|建成|达到|实现|开工|累计|有|形成|超过|突破|全部|准备|上报|验收|建设)|累计完成|完成了|实现了|目前|现有|截至|截止|已累计|完成(?:年度|全年)?(?:目标|计划|任务)的|超额完成|增长了|提高了|下降了/;
/**
 * 同比 / 比上年 compare with last year: what was achieved in a report, a goal in a sentence that sets
 * targets (力争全年地区生产总值同比增长8%); a period so far (1—9月, 上半年, 今年以来) is a report.
 */
const RELATIVE = /同比|比上年|较上年|比去年|较去年|上年度|去年/;
const SETS_TARGET = /预计|力争|确保|争取|目标|预期|计划|努力|拟/;
const MONTHS_SO_FAR = /(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[-—–~～至]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})月|前[一二三]季度|上半年|以来/;
/** "，比2020年增加400家" after a target: the target's relation to a baseline year, not a second goal. */
const RELATION_CLAUSE = /^\s*(?:(同比)|(?:比|较|与)(?:((?:19|20)\d\d)年(?:底|末)?|(上年|去年|上一年)|“?(十[一二三四五六七]五)”?(?:期)?末)(?:同期)?(?:相比)?[，,]?)\s*(增加|增长|净增|新增|多|提高|提升|下降|降低|减少|增)\s*$/;
/** The last year of a five-year period: 十三五 → 2020. */
const PERIOD_END: Record<string, number> = { 十一五: 2010, 十二五: 2015, 十三五: 2020, 十四五: 2025, 十五五: 2030, 十六五: 2035, 十七五: 2040 };
/** The comparison inside a growth metric's name: 地区生产总值同比增长 → 地区生产总值增长. */
const RELATION_IN_NAME = /(?:同比|(?:比|较)(?:((?:19|20)\d\d)年(?:底|末)?|上年|去年|上一年)(?:同期)?(?:相比)?)(?=增长|增加|提高|提升|下降|降低|减少|净增|增)/;
const CUMULATIVE_GOAL = /((?:到|至)\s*20\d\d年(?:底|末)?[，,]?\s*(?:力争|确保)?)累计完成/g;
const GOAL_SECTION = /目标|指标|任务|预期|计划|重点工作|要求/;
const COUNT_VERB = /(?:建设|建成|新建|新增|打造|培育|选拔|遴选|评选|选派|资助|扶持|支持|发动|筹集|筹建|招收|培养产生|打通|建立|创建|完成|实施|引进|培训|改造|治理|新开|开通|推广|认定|创成|申报|争创|组建|设立|培养|招引|新开工|开工|引育|举办|开展|提供|新改建|改扩建|创建|招聘|安置|帮扶|吸纳|转移|落地|签约|储备|入库|推出|评选|认证|新登记|发放|覆盖|实现)/;
/** A clause made of count verbs only ("培育形成", "新建"): the counted object follows the number. */
const VERB_HEAD = new RegExp(`^(?:${COUNT_VERB.source.slice(3, -1)}|形成)+`);
// "十件民生实事", "10件实事项目": a counted list names the document's own items.
const STRUCTURAL = /^[\u4e00-\u9fa5]{0,4}(?:任务|措施|举措|事项|方面|章节|条款|实事)(?=$|[^\u4e00-\u9fa5]|和|及|、|项目|任务|一览|清单)/;
/** A quantity noun phrase right after a bounded number (建设用地面积, 通车里程). */
const QUANTITY = /^([\u4e00-\u9fa5]{0,10}(?:面积|里程|长度|规模|总量|人数|数量|总额|容量|产能))(?![的之])/;
const GROWTH = /(?:年均|年)?(?:增长|增幅|增速|提高|提升|下降|降低|减少)$/;
const LEAD_NOISE =
  /^(?:[，、：；\s]|(?:到|至|在)?20\d\d年(?:底|末|前)?|“?十[一二三四五六七]五”?(?:期间|时期|末)?|力争|确保|争取|全年|年内|年底前?|其中|预计|努力|基本(?=实现|建成|形成|完成|消除|达到|覆盖|普及|满足|具备|解决|稳定|保持)|每年|当年|使|实现|并|要|以上|第[一二三四]季度|一季度|二季度|三季度|四季度|上半年|下半年)+/;

interface Context {
  goal: boolean;
  achieved: boolean;
  year: number | null;
  binding: boolean | null;
}

// A year that starts a period (2012年起, 2020年以来) or a baseline (比2020年) is no target year.
const STATED_YEAR = /(?<!\d|比|较|由|从|自|截至|截止)(20\d\d)年(?!起|以来|开始|至今|以前|之前|\d)/;
/** "每年", "未来五年", "5年内", "五年累计": a goal per year or over a span of years has no target year. */
const PER_PERIOD = /每一?年|(?:未来|今后|近)[一二三四五六七八九十两\d]{1,2}年|(?<![\d〇零一二三四五六七八九十])[一二三四五六七八九十两\d]{1,2}年(?:内|间|时间|累计|共)/;

const PERIOD_OPENING = new RegExp(`^\\s*(?:力争|争取|计划|预计)?(?:用|通过|经过|在)?(?:${PER_PERIOD.source})`);
/** A share (占GDP比重) or a growth rate (年均增长) named without its subject. */
const SUBJECTLESS = /^占|^(?:年均|年)?(?:增长|增速|增幅|提高|提升|下降|降低|减少)$/;

const yearIn = (s: string): number | null => {
  const m = STATED_YEAR.exec(s);
  if (m) return Number(m[1]);
  if (/十四五/.test(s)) return 2025;
  if (/十五五/.test(s)) return 2030;
  if (/十三五/.test(s)) return 2020;
  return null;
};

export function extractIndicators(
  outlined: Outlined,
  tasks: TaskDraft[],
  planYear: number | null,
  docYear: number | null = null,
  periodYear: number | null = null,
): IndicatorDraft[] {
  const { source } = outlined.segmented;
  const printed = source.mapped.text;
  // Annotations are masked out: their numbers (5个专题组) are not goals.
  const masks = tasks
    .filter((t) => t.annotation && t.end > t.textEnd)
    .map((t) => [t.textEnd, t.end] as const)
    .sort((a, b) => a[0] - b[0]);
  let canon = source.canon;
  if (masks.length) {
    const parts: string[] = [];
    let at = 0;
    for (const [s, e] of masks) {
      if (s < at) continue;
      parts.push(canon.slice(at, s), canon.slice(s, e).replace(/[^\n]/g, ' '));
      at = e;
    }
    parts.push(canon.slice(at));
    canon = parts.join('');
  }
  const out: IndicatorDraft[] = [];
  const byNode = new Map<Draft, TaskDraft[]>();
  for (const t of tasks) {
    if (!t.units.lead.length && !t.units.responsible.length) continue;
    const list = byNode.get(t.node) ?? [];
    list.push(t);
    byNode.set(t.node, list);
  }
  let owner: Draft | null = null;
  const taskAt = (pos: number): TaskDraft | undefined => {
    let d: Draft | null = owner;
    while (d && !byNode.has(d)) d = d.parent;
    const list = d ? byNode.get(d)! : [];
    return list.find((t) => t.textStart <= pos && pos < t.end) ?? list.find((t) => pos < t.end) ?? list[list.length - 1];
  };
  const seen = new Set<string>();

  const sections = new Map<string, Section>();
  const visit = (d: Draft) => {
    owner = d.kind === 'paragraph' || d.kind === 'heading' ? (d.parent ?? d) : d;
    const own = d.kind === 'heading' || d.kind === 'chapter' || d.kind === 'section';
    // What the enclosing headings say is read once per context, not once per paragraph.
    const section = own ? readSection(`${d.context}|${canon.slice(d.textStart, d.end)}`) : (sections.get(d.context) ?? sections.set(d.context, readSection(`${d.context}|`)).get(d.context)!);
    const sectionGoal = section.goal;
    // A five-year plan's period (“十四五” in its title) is the year of the goals its goal sections
    // state (主要目标, 主要指标分工), not of the counts in its task sections.
    const inherited = section.year ?? planYear ?? (section.target ? periodYear : null);
    if (d.style === 'enum-inline') {
      // inline enumerations are read with the paragraph that holds them
    } else if (d.cells && indicatorRow(d)) {
      // handled as a row of an indicator table
    } else if (d.cells) {
      for (const c of d.cells) {
        if (c.end <= c.start || c.role === 'seq' || c.role === 'progress' || c.role === 'lead' || c.role === 'responsible' || c.role === 'cooperating' || c.role === 'deadline') continue;
        scan(c.start, c.end, { goal: true, achieved: false, year: inherited, binding: null });
      }
    } else if (d.kind !== 'document') {
      const range = { start: d.kind === 'paragraph' ? d.start : d.textStart, end: d.end };
      const text = canon.slice(range.start, range.end);
      const label = /^([^：]{2,20})：/.exec(text);
      if (label && /进展|完成情况|存在问题|工作成效|进度|评价/.test(label[1]!)) mode = 'achieved';
      else if (label && /目标|指标|任务/.test(label[1]!)) mode = 'goal';
      else if (d.kind !== 'paragraph') mode = 'none';
      if (d.kind !== 'paragraph') sectionYear = null;
      scan(range.start, range.end, {
        goal: sectionGoal || mode === 'goal' || /目标|指标/.test(d.kind === 'paragraph' ? '' : text.slice(0, 30)),
        achieved: mode === 'achieved' || section.achieved,
        year: inherited,
        binding: section.binding,
      });
    }
    for (const c of d.children) visit(c);
  };
  let mode: 'none' | 'goal' | 'achieved' = 'none';
  /** A row of an indicator table (指标 | 单位 | 2020年 | 2025年目标 | 属性) gives one indicator. */
  const indicatorRow = (d: Draft): boolean => {
    const cells = d.cells ?? [];
    const heads = cells.map((c) => c.header.replace(/\s+/g, ''));
    const nameCol = heads.findIndex((h) => /^(?:主要)?指标(?:名称|内容)?$|^名称$/.test(h));
    const years = heads.map((h, i) => [i, /((?:19|20)\d\d)/.exec(h)] as const).filter((x) => x[1]);
    let targetCol = heads.findIndex((h) => /目标|预期值|规划值/.test(h));
    let baseCol = heads.findIndex((h) => /基期|基数|现状|基准|现值/.test(h));
    if (years.length >= 2) {
      const sorted = [...years].sort((a, b) => Number(a[1]![1]) - Number(b[1]![1]));
      if (targetCol < 0) targetCol = sorted[sorted.length - 1]![0];
      if (baseCol < 0) baseCol = sorted[0]![0];
    } else if (targetCol < 0 && years.length === 1) targetCol = years[0]![0];
    if (nameCol < 0 || targetCol < 0) return false;
    const text = (i: number) => (i >= 0 && cells[i] ? printed.slice(cells[i].start, cells[i].end).trim() : '');
    const unitCol = heads.findIndex((h) => /^(?:计量)?单位$/.test(h));
    const attrCol = heads.findIndex((h) => /属性|性质|类型/.test(h));
    let name = text(nameCol);
    let unit: string | null = text(unitCol) || null;
    const inName = /[（(]([^（）()]{1,12})[）)]\s*$/.exec(name);
    if (inName) {
      unit ??= inName[1]!;
      name = name.slice(0, inName.index).trim();
    }
    const t = text(targetCol);
    const num = /(\d+(?:\.\d+)?)/.exec(t);
    if (!name || !num) return true;
    // Without a unit column the unit is written in the target cell ("5万人以上", "5.5%以内").
    if (unit == null && unitCol < 0) unit = UNIT_AT.exec(t.slice(num.index + num[0].length).trim())?.[0] ?? null;
    const base = /(\d+(?:\.\d+)?)/.exec(text(baseCol));
    const attr = text(attrCol);
    const year = /((?:19|20)\d\d)/.exec(heads[targetCol] ?? '');
    const comparator: Comparator = /[≥＞>]|以上|不低于|不少于/.test(t) ? '>=' : /[≤＜<]|以内|以下|不超过|不高于/.test(t) ? '<=' : /左右|约/.test(t) ? '~' : '=';
    const cell = cells[targetCol]!;
    out.push({
      name,
      target: Number(num[1]),
      unit,
      comparator,
      year: year ? Number(year[1]) : planYear,
      baseline: base && baseCol !== targetCol ? Number(base[1]) : null,
      baselineYear: baseCol >= 0 ? Number(/((?:19|20)\d\d)/.exec(heads[baseCol] ?? '')?.[1] ?? NaN) || null : null,
      responsible: [],
      binding: /约束/.test(attr) ? true : /预期/.test(attr) ? false : null,
      start: cell.start,
      end: cell.end,
    });
    return true;
  };
  /** A 到2025年 paragraph sets the target year of the paragraphs that follow it in its section. */
  let sectionYear: number | null = null;

  const scan = (start: number, end: number, ctx: Context) => {
    const text = canon.slice(start, end);
    const target = /^\s*(?:力争|确保|争取|预计)?(?:到|至)(20\d\d)年/.exec(text);
    if (target) sectionYear = Number(target[1]);
    if (target) ctx = { ...ctx, year: Number(target[1]) };
    else if (sectionYear != null) ctx = { ...ctx, year: sectionYear };
    // "2024年全市经济社会发展的主要预期目标是：…；…": a year opening the paragraph is its sentences' year.
    const opening = target ? null : /^\s*(20\d\d)年(?!\d|底前|前|以来|起|开始)/.exec(text);
    if (opening) ctx = { ...ctx, year: Number(opening[1]) };
    // Only sentences with a number (digits, Chinese numerals) or 至少/不少于 can state a goal.
    // The goal before, carried over 。/； for a series ("到2023年，X达到5000万亩；到2025年，达到5500万亩").
    let lastName: string | null = null;
    // "——商品流通规模进一步扩大。到2020年，A增长9%；B增长10%": 到YYYY年 opening a sentence holds for
    // the sentences after it in the paragraph.
    let carried: number | null = null;
    for (const s of sentencesWith(text, GOAL_NUMBER, '。；！？')) {
      const sentence = s.text;
      const lead = /^\s*(?:力争|确保|争取|预计)?(?:到|至)(20\d\d)年/.exec(sentence);
      if (lead) carried = Number(lead[1]);
      const sAt = start + s.index;
      // A sentence about a year before the document's own is a report of what was achieved.
      const stated = /(?:^|[，。；\s])((?:19|20)\d\d)年(?!底前|前)/.exec(sentence);
      const past = docYear != null && stated != null && Number(stated[1]) < docYear && !/(?:到|至)\s*(?:19|20)\d\d年/.test(sentence);
      // "到2025年，累计完成造林30万亩": a cumulative goal, not a report of what was done.
      const achieved =
        ctx.achieved ||
        past ||
        ACHIEVED.test(sentence.replace(CUMULATIVE_GOAL, '$1')) ||
        (RELATIVE.test(sentence) && (!(ctx.goal || SETS_TARGET.test(sentence)) || MONTHS_SO_FAR.test(sentence)));
      // In goal sections a policy word only disqualifies its own clause.
      const policyIn = (index: number) => {
        if (!ctx.goal) return isPolicy(sentence);
        const from = Math.max(sentence.lastIndexOf('，', index), sentence.lastIndexOf('；', index)) + 1;
        const to = sentence.indexOf('，', index);
        return isPolicy(sentence.slice(from, to < 0 ? sentence.length : to));
      };
      const sentencePolicy = isPolicy(sentence);
      const sentenceGoal = ctx.goal || /(?:^|[，：；,\s])(?:到|至)20\d\d年|力争|确保|争取|目标|预期|计划/.test(sentence);
      // Years inside 《…》 name documents ("落实《某省2023年十大民生实事》").
      const sentenceYear = yearIn(sentence.includes('《') ? sentence.replace(/《[^《》]*》/g, '') : sentence);
      const sentenceBinding = /约束性/.test(sentence) ? true : /预期性/.test(sentence) ? false : ctx.binding;
      const goalVerb = /实现|确保|达到/.test(sentence);
      // exec loops on the shared global expressions: matchAll would clone each expression per sentence.
      const hits: Hit[] = [];
      let m: RegExpExecArray | null;
      for (RANGE_RE.lastIndex = 0; (m = RANGE_RE.exec(sentence)); ) {
        // A time limit's range (1—2小时通达) is bounded by its upper end; any other goal by its lower.
        const value = /分钟|小时/.test(m[3]!) ? Number(m[2]) : Number(m[1]);
        hits.push({ value, unit: m[3]!, index: m.index, length: m[0].length, range: true });
      }
      for (NUMBER_RE.lastIndex = 0; (m = NUMBER_RE.exec(sentence)); ) {
        const at = m.index;
        const to = at + m[0].length;
        if (hits.some((r) => r.range && at < r.index + r.length && to > r.index)) continue;
        // Years are a unit only after a verb that sets them ("平均生存周期达到5年"), never 2025年.
        if (m[2] === '年' && (Number(m[1]) >= 100 || !YEARS_VERB.test(sentence.slice(Math.max(0, at - 4), at)))) continue;
        hits.push({ value: Number(m[1]), unit: m[2]!, index: at, length: m[0].length });
      }
      if (/比|系数|指数/.test(sentence)) for (UNITLESS_RE.lastIndex = 0; (m = UNITLESS_RE.exec(sentence)); ) {
        const at = m.index + m[0].length - m[1]!.length;
        hits.push({ value: Number(m[1]), unit: '', index: at, length: m[1]!.length });
      }
      if (/[一二两三四五六七八九十]/.test(sentence)) hits.push(...chineseAmounts(sentence));
      if (sentence.includes('百分之')) hits.push(...chinesePercents(sentence));
      if (/[一二两三四五六七八九十][个家所座条项]/.test(sentence)) {
        for (CN_COUNT_RE.lastIndex = 0; (m = CN_COUNT_RE.exec(sentence)); ) hits.push({ value: CN_VALUE[m[2]!]!, unit: m[3]!, index: m.index + m[1]!.length, length: m[0].length - m[1]!.length });
        for (CN_COUNT_ABOVE_RE.lastIndex = 0; (m = CN_COUNT_ABOVE_RE.exec(sentence)); ) {
          if (m.index > 0 && '一二两三四五六七八九十百千万第'.includes(sentence.charAt(m.index - 1))) continue;
          hits.push({ value: CN_VALUE[m[1]!]!, unit: m[2]!, index: m.index, length: m[0].length });
        }
      }
      // In the order printed: a series (2024年达到93%) continues the goal before it.
      hits.sort((a, b) => a.index - b.index);
      // "现将《…》印发给你们": numbers in the cover sentence of a notice name documents, not goals.
      const coverAt = sentence.search(/现将|现把/);
      const coverEnd = coverAt >= 0 ? sentence.slice(coverAt).search(/印发|转发|下达|发给|发布/) : -1;
      const first = out.length;
      /** Judges one number; true when it is a goal (then output). */
      const take = (h: Hit, goal: boolean, policy: boolean): boolean => {
        if (!achieved && !policy && out.length > first && relateToPrevious(sentence, h, out[out.length - 1]!)) return true;
        const r = judge(sentence, h, { ...ctx, goal }, achieved, policy, lastName);
        if (!r) return false;
        // "数字经济核心产业增加值达到800亿元，占GDP比重达到10%", "…达到6万元，年均增长6%": a share or a
        // growth rate without a subject is the goal before's.
        if (!r.names && out.length > first && SUBJECTLESS.test(r.name)) r.name = out[out.length - 1]!.name.replace(GROWTH, '') + r.name;
        lastName = r.name;
        const pos = sAt + h.index;
        const task = taskAt(pos);
        let any = false;
        for (const printedName of r.names ?? [r.name]) {
          const key = `${pos}:${printedName}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const name = printedName.replace(/\s*\n\s*/g, '').trim();
          if (!name) continue;
          // A name whose quote is cut off by the end of the text ("打造1—2条“辽河口渔家菜") is unfinished.
          if ((name.split('“').length > name.split('”').length) && canon.slice(sAt + sentence.length).trim() === '') continue;
          any = true;
          const per = perPeriod(sentence, h.index);
          // "2023—2025年，每年新增…": the end of a period is no target year of a goal set per year.
          const stated = yearBefore(sentence, h.index, per);
          const year = r.year ?? stated ?? (per ? null : (sentenceYear ?? carried ?? ctx.year));
          out.push({
            name,
            target: h.value,
            unit: h.unit === '％' ? '%' : h.unit || null,
            comparator: r.comparator,
            year,
            baseline: r.baseline,
            baselineYear: r.baselineYear ?? (r.sinceLastYear && year != null ? year - 1 : null),
            responsible: task ? [...task.units.lead, ...task.units.responsible] : [],
            binding: sentenceBinding,
            start: pos,
            end: pos + h.length,
          });
        }
        return any;
      };
      // "保障全社会电量供给35亿千瓦时左右，新增储能装机5万千瓦": a bounded number (左右, 以上) is a goal
      // whatever its verb when the sentence states goals.
      const deferred: Hit[] = [];
      let anyGoal = false;
      // "安排58亿元财政资金…，其中，道路建设10亿元…": the parts of an amount that is no goal are none.
      const partsAt = sentence.indexOf('其中');
      let moneyRejected = false;
      for (const h of hits) {
        const money = /元$/.test(h.unit);
        if (money && moneyRejected && h.index > partsAt) continue;
        if (coverEnd >= 0 && h.index > coverAt && h.index < coverAt + coverEnd) continue;
        // A number inside 《…》 is part of a document's name.
        if (insideTitle(sentence, h.index)) continue;
        // A policy word disqualifies amounts of money and rates (补贴标准, 费率下调50%), not a count
        // of the people, firms or projects to be funded ("资助200名技能人才").
        const policy = sentencePolicy && !CLASSIFIER.test(h.unit) && policyIn(h.index);
        // Inside the text of an annotated task, a number with an explicit comparator
        // (1000亿元以上, 达到2.3%) is the task's target.
        const pos0 = sAt + h.index;
        const after = sentence.slice(h.index + h.length);
        const compared =
          /^\s*(?:及以上|以上|以内|左右)/.test(after) || (/工作日/.test(h.unit) && /^\s*内/.test(after)) || /(?:达到|不低于|不少于|超过|突破|控制在|不超过)\s*$/.test(sentence.slice(0, h.index));
        const own = compared ? taskAt(pos0) : undefined;
        const inTask = own != null && own.textStart <= pos0 && pos0 < own.textEnd;
        const goal = sentenceGoal || inTask || (goalVerb && /分钟|小时/.test(h.unit));
        if (take(h, goal, policy)) anyGoal = true;
        else if (money && partsAt >= 0 && h.index < partsAt) moneyRejected = true;
        else if (!goal && !policy && !achieved && /^\s*(?:左右|以上)/.test(after)) deferred.push(h);
      }
      if (anyGoal && deferred.length) {
        for (const h of deferred) take(h, true, false);
        const added = out.splice(first).sort((x, y) => x.start - y.start);
        out.push(...added);
      }
    }
  };
  visit(outlined.root);
  return out;
}

interface Section {
  goal: boolean;
  /** The headings name goals or indicators (主要目标, 主要指标), not tasks. */
  target: boolean;
  achieved: boolean;
  year: number | null;
  binding: boolean | null;
}

/** What the headings around a paragraph (joined with |) say about the numbers under them. */
function readSection(headingText: string): Section {
  return {
    goal: GOAL_SECTION.test(headingText),
    target: /目标|指标/.test(headingText),
    achieved: /发展基础|现状|成就|回顾|进展情况|工作成效|发展背景|面临形势|基础条件/.test(headingText),
    year: yearIn(headingText),
    binding: /约束性/.test(headingText) ? true : /预期性/.test(headingText) ? false : null,
  };
}

interface Judged {
  name: string;
  /** The name compared with last year (同比增长, 比上年增长): the baseline is the year before the target's. */
  sinceLastYear?: boolean;
  /** "A、B均增长9%": one goal per metric of the list (name is the first). */
  names?: string[];
  comparator: Comparator;
  baseline: number | null;
  baselineYear?: number | null;
  /** A target year stated between the verb and the number (增加到2025年的X). */
  year?: number | null;
}

interface Hit {
  value: number;
  unit: string;
  index: number;
  length: number;
  /** A range (8—10个): its lower bound, at least that much (a time limit: its upper bound). */
  range?: boolean;
}

/** Measure words of counted things (people, firms, projects…): the counted noun follows them. */
const CLASSIFIER = /^(?:万?名|万?个|万?家|项|万?套|场次|场|条|所|座|处|支|万?户|批|台|辆|艘|件|间|栋|张床|床|万?人次|万?人)$/;
/** A verb after the counted noun ends it ("300名领军人才赴境外培训"). */
const AFTER_NOUN = /(?<=[\u4e00-\u9fa5”]{2})(?:参加|参与|赴|到|来穗|来|进行|从事|攻读|出国|开展|全面建成|纳入|入驻|落户|在全|在省|在市)/;

/**
 * The noun phrase counted by "N名/个/家…" when one follows the number: up to the clause's end, the
 * next coordinated count or a following verb; in a long list closed by 等X, the head X.
 */
function countedNoun(rest: string): string | null {
  let t = /^[^，。；：]{1,100}/.exec(rest)?.[0] ?? '';
  t = t.replace(/(?:和|及|以及|、)?[\d一二三四五六七八九十][\d.]*\s*(?:万?名|个|家|项|套|场次|条|所|座|处|支|户|人)[\s\S]*$/, '');
  const stop = AFTER_NOUN.exec(t);
  if (stop) t = t.slice(0, stop.index);
  const deng = t.lastIndexOf('等');
  if (deng > 0 && t.length - deng - 1 >= 2 && !/^等(?:有关|相关)/.test(t.slice(deng))) t = t.slice(deng + 1);
  t = t.replace(/^(?:左右|以上)/, '').replace(/^的/, '');
  // "90个工作日以内", "3个月": a duration, not a counted thing.
  if (t.length < 2 || !/^[\u4e00-\u9fa5“"]/.test(t) || /^(?:以上|以内|左右|的|和|或|及|工作日|月|小时|季度|年|百分点|点|方面)/.test(t)) return null;
  return t;
}

/** "百分之六十", "百分之三点五", "百分之百": a percentage written in Chinese numerals. */
function chinesePercents(sentence: string): Hit[] {
  const out: Hit[] = [];
  for (const m of sentence.matchAll(/百分之([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?/g)) {
    const whole = chineseToNumber(m[1]!);
    const value = m[2] ? Number(`${whole}.${String(chineseDigits(m[2])).padStart(m[2].length, '0')}`) : whole;
    if (Number.isFinite(value) && value > 0 && value <= 1000) out.push({ value, unit: '%', index: m.index, length: m[0].length });
  }
  return out;
}

/** Chinese-numeral amounts with a unit: 一百亿元 → 100 亿元, 五千亿 → 5000 亿, 十二个 → 12 个. */
function chineseAmounts(sentence: string): Hit[] {
  const out: Hit[] = [];
  let m: RegExpExecArray | null;
  for (CN_AMOUNT_RE.lastIndex = 0; (m = CN_AMOUNT_RE.exec(sentence)); ) {
    const run = m[0];
    const after = sentence.slice(m.index + run.length, m.index + run.length + 8);
    // The numeral's own 万/亿 may open the unit (亿元, 万人) or be the unit itself (五千亿规模).
    for (let k = /万亿$/.test(run) ? 2 : /[万亿]$/.test(run) ? 1 : 0; k >= 0; k--) {
      const numeral = run.slice(0, run.length - k);
      const unit = UNIT_AT.exec(run.slice(run.length - k) + after)?.[0] ?? (k > 0 && numeral ? run.slice(run.length - k) : null);
      if (!numeral || !unit) continue;
      // Without 十/百/千/万/亿 a single numeral is a count word (一批, 三个方面), not an amount.
      if (!/[十百千万亿]/.test(numeral + unit.slice(0, 1))) break;
      const value = chineseAmount(numeral);
      if (!Number.isFinite(value) || value <= 0) break;
      out.push({ value, unit, index: m.index, length: numeral.length + unit.length });
      break;
    }
  }
  return out;
}

/**
 * The target year stated nearest before a number in its sentence: "2023年新增就业5万人，2024年新增
 * 5.5万人", "普及率2023年达到90%、2024年达到93%". Baseline years (比2020年, 由2020年的45%, 2020年基础上)
 * are not target years.
 */
function yearBefore(sentence: string, index: number, perYear = false): number | null {
  const head = sentence.slice(Math.max(0, index - 80), index);
  let year: number | null = null;
  for (const m of head.matchAll(/(?<![\d])((?:19|20)\d\d)年(?:底|末)?/g)) {
    if (head.lastIndexOf('《', m.index) > head.lastIndexOf('》', m.index)) continue;
    if (perYear && /\d\s*[—\-–~～至到]\s*$/.test(head.slice(Math.max(0, m.index - 3), m.index))) continue;
    const pre = head.slice(Math.max(0, m.index - 2), m.index);
    const post = head.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/(?:比|较|由|从|与|同|自|截至|截止|以来)$/.test(pre) || /^(?:的|基础|水平|相比|同期|以来|起|为基)/.test(post)) continue;
    year = Number(m[1]);
  }
  return year;
}

/**
 * Whether the goal at `index` is set per year or over a span of years: 每年 / 未来五年 / 5年内 in its
 * clause, or opening the sentence ("5年内，…") unless its clause names the year again (全年).
 */
function perPeriod(sentence: string, index: number): boolean {
  const from = Math.max(sentence.lastIndexOf('，', index), sentence.lastIndexOf('；', index), sentence.lastIndexOf('：', index)) + 1;
  const clause = sentence.slice(from, index);
  // "…，全年新增企业50家": the year itself (全年, 年内, 当年) is named again.
  if (/全年|年内|今年|当年|本年/.test(clause)) return false;
  return PER_PERIOD.test(clause) || PERIOD_OPENING.test(sentence);
}

/** `prevName`: the goal before this one in the sentence, for a series "2024年达到93%". */
function judge(sentence: string, h: Hit, ctx: Context, achieved: boolean, policy: boolean, prevName: string | null = null): Judged | null {
  // A bounded window around the number keeps the work per number constant.
  // Line breaks inside a sentence are hard wraps.
  const before = sentence.slice(Math.max(0, h.index - 60), h.index).replace(/\s*\n\s*/g, '');
  const after = sentence.slice(h.index + h.length, h.index + h.length + 100).replace(/\s*\n\s*/g, '');
  // Not goals: ranges, ranks, parts of names, numbers inside brackets, thresholds of a condition.
  if (/[\d.][—\-~～至到]$|[—\-~～]$/.test(before) || /^\s*[—\-~～]\s*\d/.test(after)) return null;
  if (/^(?:强|名|位|号|期|届|级|批次|年)/.test(after)) return null;
  if (/第$/.test(before)) return null;
  // Inside brackets only a goal of its own ("（其中基础研究投入占比达到8%）") counts; glosses,
  // examples and thresholds in brackets do not.
  const open = openBracket(before);
  if (open >= 0 && !/^(?:其中|含)[^（）]*(?:达到|达|超过|突破|不低于|不少于|控制在|不超过|提高到|提升到|增长|下降)\s*$/.test(before.slice(open + 1))) return null;
  const suffix = /^\s*(及以上|以上|以内|以下|左右|内)?/.exec(after)![1] ?? '';
  const rest = after.slice((/^\s*(及以上|以上|以内|以下|左右|内)?/.exec(after)![0] ?? '').length);
  // "完成2300万平方米的年度治理目标": the goal is named after 的.
  const named = /^的([^，。；、]{0,20}目标)/.exec(rest);
  if (named && !policy) return { name: named[1]!, comparator: cmp(before, suffix), baseline: null };
  if (achieved || policy) return null;
  // "50平方公里以上建设用地面积达到…要求": the number bounds a quantity named right after it.
  const quantity = /以上|以内|左右/.test(suffix) && !/\d/.test(rest.split(/[，；]/)[0]!) ? QUANTITY.exec(rest) : null;
  if (quantity && ctx.goal) return { name: quantity[1]!, comparator: cmp(before, suffix), baseline: null };
  // "2015年完成75%以上的确权登记", "覆盖全市60%以上的城市社区": a share of some work or population.
  const share = h.unit === '%' && suffix && /(?:完成|实现|达到|覆盖)(?:全[国省市县区])?$/.test(before) ? /^的([\u4e00-\u9fa5]{2,16}?)(?=[，。；、]|$|工作|任务)/.exec(rest) : null;
  if (share) return { name: share[1]!, comparator: cmp(before, suffix), baseline: null };
  // "实现90%以上政务服务事项“一次办成”": the share of a population that reaches a state.
  const reached = h.unit === '%' && /以上/.test(suffix) && /(?:实现|完成|覆盖)$/.test(before) ? /^([\u4e00-\u9fa5]{2,12}[“"][^”"，。；]{2,12}[”"])(?=[，。；、]|$)/.exec(rest) : null;
  if (reached) return { name: reached[1]!, comparator: '>=', baseline: null };
  // Thresholds inside a name: "50万人口以上城市", "亿元以上项目".
  // A classifier count ("3个以上示范区") counts what follows; an amount ("亿元以上项目") is a threshold.
  const counted = /^(?:个|家|所|座|条|项|处|支|名)$/.test(h.unit) && /以上/.test(suffix);
  if (/^口/.test(rest) || (!counted && /以上|以下/.test(suffix) && /^[\u4e00-\u9fa5]/.test(rest) && !/^(?:的|和|或|，)/.test(rest))) return null;
  if (/^的/.test(rest) && suffix) return null;
  // "50%的城市社区建成…综合体": a share of some population that is to reach a state.
  const population = h.unit === '%' && ctx.goal && !suffix ? /^的([\u4e00-\u9fa5“”]{2,12}?(?:建成|达到|实现|完成|具备|拥有|开展|覆盖)[^，。；（）]{2,30})/.exec(rest) : null;
  if (population) return { name: population[1]!, comparator: cmp(before, suffix), baseline: null };
  if (/^(?:的|之)/.test(rest) && !/分钟|小时/.test(h.unit)) return null;
  // "由60%提高到70%": the first number is the baseline of the second.
  if (/^\s*(?:提高|提升|增加|增长|降低|下降|减少|压减|扩大|缩小)(?:到|至)/.test(rest)) return null;
  if (h.unit === '项' && /^(?:任务|工作|重点|重大|措施|政策|举措|改革|行动|工程|内容|事项)/.test(rest)) return null;
  // Structural counts: "9个具体建设任务", "12条措施", "五个方面" name parts of the document itself.
  if (/^(?:个|项|条|类|件|方面)$/.test(h.unit) && (STRUCTURAL.test(rest) || /^方面/.test(rest) || /(?:以下|如下|下列|上述|前述)$/.test(before))) return null;
  const clauseStart = Math.max(before.lastIndexOf('，'), before.lastIndexOf('：'), before.lastIndexOf('、'), before.lastIndexOf(' '), open);
  let clause = before.slice(clauseStart + 1);
  const comparatorVerb = /(达到|达|超过|突破|不低于|不少于|至少有?|不高于|不大于|不小于|高于|大于|≥|控制在|不超过|低于|小于|≤|稳定在|保持在|提高到|提升到|提高至|提升至|增加到|增至|降至|降到|下降到|下降至|缩小到|缩小至|压缩至|压缩到|缩短至|缩短到|减少到|减少至|约|为)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?)?\s*(每(?:[百千万十]|十万)?(?:户|人|名[\u4e00-\u9fa5]{0,4}|平方公里|平方米|家|个|村|社区))?\s*$/.exec(clause);
  // "从2020年的3.2万元增加到2025年的4.5万元": the year after the verb is the target year.
  const targetYear = comparatorVerb?.[2] ? Number(comparatorVerb[2]) : null;
  const growth = GROWTH.exec(clause);
  let comparator = cmp(clause.replace(/\s*(?:19|20)\d\d年(?:底|末)?的?\s*$/, ''), suffix);
  let baseline: number | null = null;
  let baselineYear: number | null = null;
  let countedName: string | null = null;
  let name: string;
  const bound = comparatorVerb != null && /控制在|不超过|缩短|压缩|降至|降到|下降到|减少到|减少至|低于|小于/.test(comparatorVerb[1]!);
  if (/分钟|小时/.test(h.unit) && !bound) {
    // Response times: 1分钟接警 → 接警 within 1 minute ("控制在40分钟以内" is read like any bound);
    // "24小时在线" is round the clock, no time limit.
    if (h.unit === '小时' && h.value === 24) return null;
    const verb = /^([\u4e00-\u9fa5]{1,4}?)(?=[，、。；]|$)/.exec(rest);
    if (!verb || !ctx.goal) return null;
    return { name: verb[1]!, comparator: '<=', baseline: null };
  }
  // An age is a goal only when a verb sets it (人均预期寿命达到79岁), never "为65岁老年人体检".
  if ((h.unit === '岁' || h.unit === '年') && (!comparatorVerb || h.value >= 100)) return null;
  // "环评报告书14个工作日内、环评报告表7个工作日内完成审批": a time limit named by the thing handled,
  // a goal of the task that states it; "在3个工作日内办结", "收到材料后5个工作日内" are procedure.
  if (/工作日/.test(h.unit) && suffix === '内' && !comparatorVerb) {
    const subject = clause.replace(LEAD_NOISE, '');
    if (!ctx.goal || subject.length < 2 || /(?:在|后|于|起|前|之日|时|须|应|要)$/.test(subject)) return null;
    return { name: subject, comparator: '<=', baseline: null };
  }
  const shared = distributed(before);
  if (shared) return { name: shared.name, comparator: cmp(shared.verb, suffix), baseline: null };
  const every = allOf(before);
  if (every) return { name: every.names[0]!, names: every.names, comparator: cmp(every.verb, suffix), baseline: null };
  if (comparatorVerb) {
    name = clause.slice(0, clause.length - comparatorVerb[0].length);
    // "面积达到每百户30平米": the per-household (per-capita) basis stays with the name.
    if (comparatorVerb[3]) name += `（${comparatorVerb[3]}）`;
    // "农村自来水普及率2023年达到90%、2024年达到93%": a year and a verb continue the series before.
    const yearLead = /^\s*(?:19|20)\d\d年/.test(name) || /(?:19|20)\d\d年(?:底|末)?[，]?\s*(?:力争|确保|争取)?\s*$/.test(before.slice(0, before.length - clause.length));
    if (prevName && !name.replace(LEAD_NOISE, '') && yearLead) name = prevName;
    // "研发经费支出较2020年翻一番，达到300亿元": a bare verb takes the subject of the clause before.
    if (!name.replace(LEAD_NOISE, '') && clauseStart > 0 && before.charAt(clauseStart) === '，') {
      const previous = before.slice(before.lastIndexOf('，', clauseStart - 1) + 1, clauseStart).replace(LEAD_NOISE, '');
      const subject = /^[\u4e00-\u9fa5A-Za-z“”]{2,20}?(?=较|比|同比|由|从|翻|增长|实现)/.exec(previous);
      if (subject) name = subject[0];
    }
    // "每个地市至少有一个达到P2水平的实验室": a classifier's noun phrase completes the name.
    const object = CLASSIFIER.test(h.unit) ? countedNoun(rest) : null;
    if (object) name += object;
    // "由2022年的58.6%提高到62%": the baseline, with its year when one is stated.
    const base = /(?:由|从)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?)?\s*(\d+(?:\.\d+)?)\s*[^\d]{0,4}$/.exec(name);
    if (base) {
      baseline = Number(base[2]);
      baselineYear = base[1] ? Number(base[1]) : null;
      name = name.slice(0, base.index);
    }
  } else if (growth) {
    name = clause;
    comparator = suffix ? comparator : '=';
  } else {
    // "围绕12条产业链", "聚焦10个重点领域": the count frames the work, it is not a target.
    if (/(?:围绕|聚焦|针对|对照|按照|依托|结合|根据|立足|涉及|包括|分为|划分为)$/.test(clause)) return null;
    // Counts: "新增国家卫生乡镇2个", "打通33条断头路、瓶颈路", "建立10家…基地".
    // The object ends where the next coordinated count begins ("2个A和6个B").
    countedName = CLASSIFIER.test(h.unit) ? countedNoun(rest) : null;
    const tail = countedName ?? (/^([^，。；：]{2,30})/.exec(rest)?.[1] ?? '').replace(/(?:和|及|以及|、)?\d[\s\S]*$/, '');
    // "培育形成2个A和6个B": the clause before the second count is the first count; the verbs
    // that open the sentence govern both.
    if (/(?:和|及|以及|、)$/.test(clause) && /\d/.test(clause)) {
      // "筹集建设1000套A和10000套B": the verb right before the first count governs the second.
      const head = clause.slice(0, clause.search(/\d/));
      clause = VERB_HEAD.exec(clause.replace(LEAD_NOISE, ''))?.[0] ?? new RegExp(`(?:${COUNT_VERB.source})$`).exec(head)?.[0] ?? '';
    }
    const verbBefore = COUNT_VERB.exec(clause.slice(-4));
    const verbsOnly = VERB_HEAD.exec(clause.replace(LEAD_NOISE, ''));
    if (verbsOnly && verbsOnly[0] === clause.replace(LEAD_NOISE, '') && tail && /^[\u4e00-\u9fa5“]/.test(tail)) {
      name = verbsOnly[0] + tail;
    } else if (verbBefore && clause.endsWith(verbBefore[0]) && tail && /^[\u4e00-\u9fa5“]/.test(tail)) {
      name = verbBefore[0] + tail;
    } else if (countedName) {
      // "选拔100名正职后备人才": what is counted is named after the number.
      name = countedName;
    } else if (clause.replace(LEAD_NOISE, '').length >= 2 && (COUNT_VERB.test(clause) || ctx.goal)) {
      name = clause;
    } else if (tail && ctx.goal && /^[\u4e00-\u9fa5“]/.test(tail)) {
      name = tail;
    } else return null;
    if (!ctx.goal && !COUNT_VERB.test(name) && !suffix && !(countedName && COUNT_VERB.test(clause.slice(-6)))) return null;
  }
  name = name.replace(LEAD_NOISE, '').replace(/(?:在|于)?(?:19|20)\d\d年(?:底|末)?$|每年$|(?:力争|确保|争取|预计)$/, '').replace(/(?:的|之|为|是|达|共|累计|分别)$/, '').trim();
  // "实现“引进人才达到2000名…": a quote opened before the name is not part of it.
  if (name.startsWith('“') && !name.includes('”')) name = name.slice(1);
  // "地区生产总值同比增长", "高新技术企业比2020年增加": the comparison names the baseline, not the metric.
  const relation = RELATION_IN_NAME.exec(name);
  let sinceLastYear = false;
  if (relation) {
    name = name.slice(0, relation.index) + name.slice(relation.index + relation[0].length);
    if (relation[1]) baselineYear ??= Number(relation[1]);
    else sinceLastYear = baselineYear == null;
  }
  if (name.length < 2 || /^\d+$/.test(name)) return null;
  if (!ctx.goal && !comparatorVerb && !growth && !COUNT_VERB.test(name) && !(countedName && COUNT_VERB.test(clause.slice(-6)))) return null;
  clause = '';
  return { name, comparator: h.range && comparator === '=' ? '>=' : comparator, baseline, baselineYear, year: targetYear, sinceLastYear };
}

/**
 * "高新技术企业达到1000家，比2020年增加400家": a number whose clause only compares with a baseline year
 * restates the goal before it. It gives that goal its baseline year, and its baseline when the units
 * agree (1000 − 400; 67% and 5个百分点); true when the number was such a relation.
 */
function relateToPrevious(sentence: string, h: Hit, prev: IndicatorDraft): boolean {
  const from = Math.max(sentence.lastIndexOf('，', h.index - 1), sentence.lastIndexOf('；', h.index - 1), sentence.lastIndexOf(',', h.index - 1)) + 1;
  if (from === 0) return false;
  const m = RELATION_CLAUSE.exec(sentence.slice(from, h.index));
  if (!m) return false;
  if (prev.baseline == null) {
    const down = /下降|降低|减少/.test(m[5]!);
    const points = prev.unit === '%' && /百分点$/.test(h.unit);
    if ((h.unit === prev.unit && h.unit !== '%' && m[5] !== '增长') || points) {
      prev.baseline = Number((down ? prev.target + h.value : prev.target - h.value).toFixed(6));
    }
  }
  prev.baselineYear ??= m[2] ? Number(m[2]) : m[4] ? (PERIOD_END[m[4]] ?? null) : prev.year != null ? prev.year - 1 : null;
  return true;
}

function cmp(before: string, suffix: string): Comparator {
  if (/左右/.test(suffix) || /约\s*$/.test(before)) return '~';
  // 不低于 / 不少于 end in 低于 / 少于: the negation is read before the bare word.
  if (/以内|以下|内/.test(suffix) || /(?:控制在|不超过|不高于|不大于|(?<!不)低于|(?<!不)小于|≤)\s*$/.test(before)) return '<=';
  if (/以上/.test(suffix) || /(?:达到|达|超过|突破|不低于|不少于|不小于|至少有?|至少(?:建成|建设|新建|创建|培育|打造|设立|配备|开展|引进)|(?<!不)高于|(?<!不)大于|≥)\s*$/.test(before)) return '>=';
  return '=';
}

const DISTRIBUTED = /^(.+?)分别(达到|达|为|增长|提高到|提升到|提高|下降|降低|控制在|不超过|超过|不低于|不少于|突破|稳定在|保持在)?([^分]*)$/;

/**
 * "城市和县城污水处理率分别达到98%和95%": the k-th number after 分别 belongs to the k-th subject.
 * Subjects sharing a suffix (城市和县城污水处理率) get it when the ones before the last are of one
 * length and the last is longer: 城市污水处理率, 县城污水处理率.
 */
function distributed(before: string): { name: string; verb: string } | null {
  if (!before.includes('分别')) return null;
  const seg = before.slice(Math.max(before.lastIndexOf('，'), before.lastIndexOf('：'), before.lastIndexOf('；')) + 1);
  const m = DISTRIBUTED.exec(seg);
  if (!m || /[（）]/.test(m[1]!)) return null;
  const k = m[3]!.match(/\d+(?:\.\d+)?/g)?.length ?? 0;
  if (m[3] && !/^(?:\s*\d[\d.]*[^\d，；。]{0,8}?(?:以上|以内|左右)?(?:和|、|及|，))+$/.test(m[3])) return null;
  const parts = m[1]!.replace(LEAD_NOISE, '').split(/、|和|及/).filter(Boolean);
  if (parts.length < 2 || k >= parts.length) return null;
  const last = parts[parts.length - 1]!;
  const len = parts[0]!.length;
  const suffix =
    sharedTail(parts.slice(0, -1), last) || (len <= 4 && parts.slice(0, -1).every((p) => p.length === len) && last.length > len + 1 ? last.slice(len) : '');
  const own = parts[k]!;
  const name = (k === parts.length - 1 || own.endsWith(suffix) ? own : own + suffix) + (m[2] && /^(?:增长|下降|降低)$/.test(m[2]) ? m[2] : '');
  return { name, verb: m[2] ?? '' };
}

/** Where a metric's tail begins: 排放量 in 化学需氧量排放量, 增速 in 高新产业投资增速. */
const METRIC_STEM = /^(?:排放|处理|利用|覆盖|普及|达标|污水|垃圾|能耗|产值|增加值|收入|面积|人数|规模|比重|占比|总量|产量|浓度|比例|指数|增速|增幅|销售额|营业额|零售额)/;

/**
 * The tail the last member of a list shares with the ones before it: "二氧化硫、化学需氧量排放量" →
 * 排放量; "工业投资、高新产业投资增速" → 增速 (投资 ends the first member already); none → ''.
 */
function sharedTail(first: string[], last: string): string {
  for (let p = 2; p <= last.length - 2; p++) {
    if (!METRIC_STEM.test(last.slice(p))) continue;
    if (first.every((f) => f.endsWith(last.slice(p, p + 2)))) continue;
    return last.slice(p);
  }
  return '';
}

const ALL_OF = /^([^，：；、]{2,30}(?:、[^，：；、]{2,30}?)+)(均|都)?(?:力争|确保|争取)?(达到|达|为|增长|提高到|提升到|下降|降低|控制在|不超过|超过|不低于|不少于|突破|稳定在|保持在)\s*$/;

/**
 * "城镇居民人均可支配收入、农民人均纯收入均增长9%": one goal per metric of the list. Without 均/都
 * only a parallel list whose members end alike before the shared tail ("工业投资、高新产业投资增速
 * 力争达20%"), so that "文化、旅游产业增加值" stays one metric.
 */
function allOf(before: string): { names: string[]; verb: string } | null {
  if (!before.includes('、')) return null;
  const seg = before.slice(Math.max(before.lastIndexOf('，'), before.lastIndexOf('：'), before.lastIndexOf('；')) + 1).replace(LEAD_NOISE, '');
  const m = ALL_OF.exec(seg);
  if (!m || /[（）\d]/.test(m[1]!)) return null;
  const parts = m[1]!.replace(LEAD_NOISE, '').split('、');
  const last = parts[parts.length - 1]!;
  const first = parts.slice(0, -1);
  const tail = sharedTail(first, last);
  if (!m[2]) {
    const head = last.slice(last.length - tail.length - 2, last.length - tail.length);
    if (!tail || !first.every((f) => f.endsWith(head))) return null;
  }
  const growth = /^(?:增长|下降|降低)$/.test(m[3]!) ? m[3]! : '';
  const names = [...first.map((f) => (f.endsWith(tail) ? f : f + tail)), last].map((n) => n + growth);
  return names.every((n) => n.length >= 2) ? { names, verb: m[3]! } : null;
}

/** Whether `index` lies inside a 《…》 opened before it in the sentence and closed after it. */
function insideTitle(sentence: string, index: number): boolean {
  const open = sentence.lastIndexOf('《', index);
  if (open < 0) return false;
  const closeBefore = sentence.lastIndexOf('》', index);
  return closeBefore < open && sentence.indexOf('》', index) > 0;
}

/** Where the innermost bracket still open at the end of `before` opens, or -1. */
function openBracket(before: string): number {
  const opens: number[] = [];
  for (let i = 0; i < before.length; i++) {
    const ch = before.charCodeAt(i);
    if (ch === 0xff08) opens.push(i);
    else if (ch === 0xff09) opens.pop();
  }
  return opens.length ? opens[opens.length - 1]! : -1;
}
