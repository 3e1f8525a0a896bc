import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';

const indicators = (text: string) => parsePlan(text).indicators.map((i) => [i.name, i.target, i.unit, i.comparator, i.year]);

describe('indicators', () => {
  it('reads comparators: 以上/不低于/超过/突破 ≥, 以内/不超过/控制在 ≤, 左右/约 ~, bare =', () => {
    const rows = indicators(
      [
        '二、发展目标',
        '到2025年，常住人口城镇化率达到67%，研发经费投入年均增长7%以上，地区生产总值突破3.5万亿元，',
        '万元GDP能耗控制在0.5吨标准煤以内，城镇登记失业率不超过4.5%，森林覆盖率达到42%左右，新增就业10万人。',
      ].join('\n'),
    );
    expect(rows).toEqual([
      ['常住人口城镇化率', 67, '%', '>=', 2025],
      ['研发经费投入年均增长', 7, '%', '>=', 2025],
      ['地区生产总值', 3.5, '万亿元', '>=', 2025],
      ['万元GDP能耗', 0.5, '吨标准煤', '<=', 2025],
      ['城镇登记失业率', 4.5, '%', '<=', 2025],
      ['森林覆盖率', 42, '%', '~', 2025],
      ['新增就业', 10, '万人', '=', 2025],
    ]);
  });

  it('reads counts with their object and response-time targets', () => {
    const rows = indicators('一、重点任务\n1.加快建设。聚焦打通33条断头路、瓶颈路，建立10家安全生产实训基地，实现1分钟接警、3分钟出动。（市交通运输局负责）');
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['打通断头路、瓶颈路', 33, '='],
      ['建立安全生产实训基地', 10, '='],
      ['接警', 1, '<='],
      ['出动', 3, '<='],
    ]);
  });

  it('gives the units of the task that states the goal', () => {
    const plan = parsePlan('三、主要指标分工\n1.铁路总里程达到7000公里。（责任单位：省发改委、省交通运输厅）');
    expect(plan.indicators[0]).toMatchObject({ name: '铁路总里程', target: 7000, responsible: ['省发改委', '省交通运输厅'] });
  });

  it('leaves out achieved figures, policy parameters, ranks and structural counts', () => {
    const rows = indicators(
      [
        '一、工作进展',
        '全市已完成新增造林387亩，2022年地区生产总值增长6.5%。',
        '二、政策措施',
        '1.对不裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。补贴标准为每人每月500元。（人力资源社会保障部负责）',
        '2.襄阳、宜昌综合实力均跻身全国城市50强。聚焦102项重大工程，完成146项任务。（省发改委负责）',
        '3.对亩产税收在行业平均200%以上的企业给予支持。工业用地税额标准为非工业用地的50%左右。（市税务局负责）',
      ].join('\n'),
    );
    expect(rows).toEqual([]);
  });

  it('reads a baseline written as 由X提高到Y', () => {
    const plan = parsePlan('二、发展目标\n到2025年，城市生活污水集中收集率由60%提高到70%。');
    expect(plan.indicators[0]).toMatchObject({ name: '城市生活污水集中收集率', target: 70, baseline: 60, year: 2025 });
  });

  it('reads goals in table cells but not in progress columns', () => {
    const plan = parsePlan(
      ['序号 | 项目名称 | 项目内容 | 当前进展情况 | 主办单位 |', '1 | 人居环境整治 | 试点村达到100个。新增绿化面积387亩。 | 已完成新增造林400亩。 | 县农业农村局 |'].join('\n'),
    );
    expect(plan.indicators.map((i) => [i.name, i.target, i.responsible])).toEqual([
      ['试点村', 100, ['县农业农村局']],
      ['新增绿化面积', 387, ['县农业农村局']],
    ]);
  });

  it('reads a goal paragraph with many targets and compound units, and skips reported figures', () => {
    const rows = indicators(
      [
        '二、发展目标',
        '“十四五”期间，累计新增城镇就业300万人以上，单位地区生产总值能耗下降13.5%，PM2.5平均浓度控制在35微克/立方米以下，居民消费价格涨幅控制在3%左右。',
        '三、重点任务',
        '1.稳定就业。2022年全省城镇新增就业62万人，完成目标的124%。粮食产量保持在550亿斤以上。（省人社厅负责）',
      ].join('\n'),
    );
    expect(rows).toEqual([
      ['累计新增城镇就业', 300, '万人', '>=', 2025],
      ['单位地区生产总值能耗下降', 13.5, '%', '=', 2025],
      ['PM2.5平均浓度', 35, '微克/立方米', '<=', 2025],
      ['居民消费价格涨幅', 3, '%', '~', 2025],
      ['粮食产量', 550, '亿斤', '>=', null],
    ]);
  });

  it('reads indicator tables: name, unit, base year value, target year value, binding', () => {
    const plan = parsePlan(
      ['二、主要指标', '序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |', '1 | 地区生产总值年均增长 | % | 3.9 | 6左右 | 预期性 |', '2 | 常住人口城镇化率（%） |  | 62.9 | ≥67 | 预期性 |', '3 | 单位GDP能耗降低 | % | — | 完成国家下达任务 | 约束性 |'].join('\n'),
    );
    expect(plan.indicators.map((i) => [i.name, i.comparator, i.target, i.unit, i.year, i.baseline, i.baselineYear, i.binding])).toEqual([
      ['地区生产总值年均增长', '~', 6, '%', 2025, 3.9, 2020, false],
      ['常住人口城镇化率', '>=', 67, '%', 2025, 62.9, 2020, false],
    ]);
    expect(plan.tasks).toEqual([]);
  });
});

// Fields the corpus scorer does not compare (it pairs goals by name and target): the target year.
// Found with scripts/indicator-fields.mjs over dev and corpus-extra; each rule in a document written here.
describe('indicators: target years', () => {
  it('gives a five-year plan’s period to the goals of its goal sections, not to counts among its tasks', () => {
    const doc = [
      '某省“十四五”交通发展规划主要目标和任务分工方案',
      '一、主要指标',
      '1.铁路总里程达到7000公里。（责任单位：省发改委）',
      '二、主要任务',
      '1.提升应急能力。在重点区域实现1分钟接警，建立10家实训基地。（责任单位：省应急厅）',
    ].join('\n');
    expect(indicators(doc)).toEqual([
      ['铁路总里程', 7000, '公里', '>=', 2025],
      ['接警', 1, '分钟', '<=', null],
      ['建立实训基地', 10, '家', '=', null],
    ]);
  });

  it('gives an untitled page the one year it names as the year of its work', () => {
    expect(
      indicators('重点工作: | 治理违法建设 |\n牵头单位: | 市城管局 |\n年度目标: | 第一季度:明确我市2023年违法建设目标任务。完成工作任务20%以上。 |'),
    ).toEqual([['完成工作任务', 20, '%', '>=', 2023]]);
    expect(indicators('根据我市2023年预算编制情况，制定以下政策。\n1.支持项目。实施重点项目75个。')).toEqual([['实施重点项目', 75, '个', '=', 2023]]);
    // A year inside 《…》 names another document; two years, a target year or a period are no single year's work.
    expect(indicators('1.支持项目。落实《某省2023年民生实事》，实施重点项目75个。')).toEqual([['实施重点项目', 75, '个', '=', null]]);
    expect(indicators('2022年以来成效明显。\n1.支持项目。实施重点项目75个。')).toEqual([['实施重点项目', 75, '个', '=', null]]);
    expect(indicators('到2025年，建成示范区3个。\n1.支持项目。实施重点项目75个。')).toEqual([
      ['建成示范区', 3, '个', '=', 2025],
      ['实施重点项目', 75, '个', '=', null],
    ]);
  });

  it('takes no target year from a year that starts a period (2012年起5年内)', () => {
    expect(indicators('关于推进人才工程的实施意见\n一、目标\n2012年起5年内，实现“引进高层次人才达到2000名左右，人才贡献率达到40%”的目标。')).toEqual([
      ['引进高层次人才', 2000, '名', '~', null],
      ['人才贡献率', 40, '%', '>=', null],
    ]);
  });

  it('gives no year to a goal set per year or over a span of years (每年, 未来五年) in an annual plan', () => {
    expect(
      indicators('某市2023年重点工作责任分解\n一、重点工作\n1.招商引资。每年招引亿元以上项目100个，带动未来五年制造业投资1000亿元以上，全年新增企业50家。（责任单位：市商务局）'),
    ).toEqual([
      ['招引亿元以上项目', 100, '个', '=', null],
      ['带动未来五年制造业投资', 1000, '亿元', '>=', null],
      ['新增企业', 50, '家', '=', 2023],
    ]);
  });
});

const withBase = (text: string) =>
  parsePlan(text).indicators.map((i) => [i.name, i.target, i.unit, i.comparator, i.year, i.baseline, i.baselineYear]);

// LABELING.md counts one indicator per numeric target. "X达到1000家，比2020年增加400家" states one target
// twice: the increase is its relation to the baseline year, so it gives the baseline (1000 − 400 = 600,
// when the units agree) and the baseline year, not a second goal.
describe('indicators: an increase over a baseline year after a target is the target’s baseline', () => {
  it('folds 比YYYY年增加N after 达到X into the goal before it', () => {
    expect(withBase('一、主要目标\n到2025年，高新技术企业达到1000家，比2020年增加400家。')).toEqual([['高新技术企业', 1000, '家', '>=', 2025, 600, 2020]]);
    expect(withBase('一、主要目标\n到2025年，常住人口城镇化率达到67%，较2020年提高5个百分点。')).toEqual([['常住人口城镇化率', 67, '%', '>=', 2025, 62, 2020]]);
    expect(withBase('一、主要目标\n到2025年，综合机械化率达到75%，比“十三五”末提高5个百分点。')).toEqual([['综合机械化率', 75, '%', '>=', 2025, 70, 2020]]);
    // A rate of growth over the baseline: the baseline is not stated, its year is.
    expect(withBase('一、主要目标\n到2025年，地区生产总值达到5000亿元，比2020年增长50%左右。')).toEqual([['地区生产总值', 5000, '亿元', '>=', 2025, null, 2020]]);
  });

  it('keeps an increase that is the only target of its metric, named without the baseline year', () => {
    expect(withBase('一、主要目标\n到2025年，高新技术企业比2020年增加400家。')).toEqual([['高新技术企业增加', 400, '家', '=', 2025, null, 2020]]);
  });
});

// 同比 / 比上年 compare with last year: in a sentence that sets a target (力争, 预计, 目标, a goal section)
// the figure is a goal, named without the comparison (地区生产总值增长, as LABELING.md names growth
// rates); in a review, a past year or with 已/完成了 it is what was achieved.
describe('indicators: 同比增长 as a target and as an achieved figure', () => {
  it('reads 同比增长 in a target-setting sentence as a goal of the plan year', () => {
    expect(indicators('某市2024年国民经济和社会发展计划\n二、2024年主要预期目标\n力争全年地区生产总值同比增长8%，规上工业增加值同比增长9%左右。')).toEqual([
      ['地区生产总值增长', 8, '%', '=', 2024],
      ['规上工业增加值增长', 9, '%', '~', 2024],
    ]);
    expect(indicators('某县2024年工作要点\n一、经济运行\n1.稳增长。预计全年地区生产总值同比增长6.5%左右，固定资产投资比上年增长10%。（责任单位：县发改局）')).toEqual([
      ['地区生产总值增长', 6.5, '%', '~', 2024],
      ['固定资产投资增长', 10, '%', '=', 2024],
    ]);
  });

  it('keeps a goal stated with its increase over last year', () => {
    expect(withBase('某市2024年就业工作计划\n一、主要目标\n城镇新增就业达到10万人，比上年增加1万人。')).toEqual([['城镇新增就业', 10, '万人', '>=', 2024, 9, 2023]]);
  });

  it('reads 同比增长 in a review, a past year or with 完成了 as achieved', () => {
    expect(indicators('某市2024年政府工作报告\n一、2023年工作回顾\n全年地区生产总值同比增长8%，规上工业增加值比上年增长9%。')).toEqual([]);
    expect(indicators('某县2024年工作要点\n一、经济运行\n1.稳增长。2023年，全县地区生产总值比上年增长6.5%，完成了年度目标。（责任单位：县发改局）')).toEqual([]);
    expect(indicators('某县2024年工作要点\n一、经济运行\n1.稳增长。全县地区生产总值同比增长6.5%，实现了预期目标。（责任单位：县发改局）')).toEqual([]);
    // A period so far is a report, even among tasks.
    expect(indicators('某县2024年工作要点\n一、重点任务\n1.稳增长。今年以来，规上工业增加值同比增长8%；1—9月，固定资产投资比上年增长12%。（责任单位：县工信局）')).toEqual([]);
  });
});

describe('indicators: subjects and periods carried within a sentence', () => {
  it('reads 不高于 / 不大于 as the verb of a bound, not part of the name', () => {
    expect(indicators('一、主要目标\n到2025年，重污染天数比率不高于1%，噪声超标率不大于5%。')).toEqual([
      ['重污染天数比率', 1, '%', '<=', 2025],
      ['噪声超标率', 5, '%', '<=', 2025],
    ]);
  });

  it('gives a share or a growth rate without a subject the subject of the goal before', () => {
    expect(indicators('一、主要目标\n到2025年，数字经济核心产业增加值达到800亿元，占GDP比重达到10%；城镇居民人均可支配收入达到6万元，年均增长6%。')).toEqual([
      ['数字经济核心产业增加值', 800, '亿元', '>=', 2025],
      ['数字经济核心产业增加值占GDP比重', 10, '%', '>=', 2025],
      ['城镇居民人均可支配收入', 6, '万元', '>=', 2025],
      ['城镇居民人均可支配收入年均增长', 6, '%', '=', 2025],
    ]);
  });

  it('gives no year to a goal per year of a period (2023—2025年，每年) or over a span opening the sentence (力争用3年时间)', () => {
    expect(indicators('一、主要目标\n2023—2025年，每年新增城镇就业5万人。2023—2025年，累计新增城镇就业15万人。')).toEqual([
      ['新增城镇就业', 5, '万人', '=', null],
      ['累计新增城镇就业', 15, '万人', '=', 2025],
    ]);
    expect(indicators('某市2023年重点工作\n一、产业\n1.育企。力争用3年时间，培育专精特新企业100家。（责任单位：市工信局）')).toEqual([['培育专精特新企业', 100, '家', '=', null]]);
  });
});
