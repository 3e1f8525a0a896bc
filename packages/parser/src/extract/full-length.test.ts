import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';

// What full-length official documents have and the page fragments of corpus-extra rarely show:
// written here (session 3) in the shapes of Chinese official writing, each failing before its rule.

const goals = (text: string) => parsePlan(text).indicators.map((i) => [i.name, i.target, i.unit, i.comparator, i.year]);

describe('full-length documents: metadata', () => {
  it('reads a 文号 numbered with 第', () => {
    expect(parsePlan('关于做好某项工作的意见\n冀政字〔2023〕第12号\n一、总体要求').docNumber).toBe('冀政字〔2023〕第12号');
  });

  it('reads Chinese-numeral dates whose zero is a Latin O or a digit', () => {
    expect(parsePlan('某方案\n一、任务\n正文内容。\n某市人民政府\n二O二三年十一月二十一日').date).toBe('2023-11-21');
    expect(parsePlan('某方案\n一、任务\n正文内容。\n某市人民政府\n二0二三年十一月二十一日').date).toBe('2023-11-21');
  });

  it('reads three or more joint issuers stacked above the date', () => {
    const plan = parsePlan(
      '关于印发某省人才发展实施方案的通知\n各市人民政府：\n现将《某省人才发展实施方案》印发给你们。\n中共某省委组织部\n某省人力资源和社会保障厅\n某省财政厅\n2023年5月6日\n某省人才发展实施方案\n一、总体要求',
    );
    expect(plan).toMatchObject({ title: '某省人才发展实施方案', issuer: '中共某省委组织部 某省人力资源和社会保障厅 某省财政厅', date: '2023-05-06' });
  });

  it('reads the party and government offices stacked above the date as joint issuers', () => {
    expect(
      parsePlan('关于印发《某县乡村振兴三年行动方案（2023—2025年）》的通知\n各乡镇党委、政府：\n现将《某县乡村振兴三年行动方案（2023—2025年）》印发给你们。\n中共某县委办公室\n某县人民政府办公室\n2023年4月3日').issuer,
    ).toBe('中共某县委办公室 某县人民政府办公室');
  });

  it('drops a seal note from the signature, and keeps joint issuers of a title as printed', () => {
    expect(parsePlan('某方案\n一、任务\n正文内容。\n某市人民政府（盖章）\n2022年3月1日').issuer).toBe('某市人民政府');
    expect(parsePlan('中共某市委 某市人民政府\n关于加快建设某某强市的意见\n（2023年6月1日）\n一、总体要求\n正文。').issuer).toBe('中共某市委 某市人民政府');
  });

  it('keeps a notice that is itself the document as its title, and strips a gloss written (hao )', () => {
    expect(parsePlan('某市人民政府关于做好2024年春耕生产工作的通知\n各区人民政府：\n为做好春耕生产，现就有关事项通知如下。\n一、提高认识').title).toBe('某市人民政府关于做好2024年春耕生产工作的通知');
    expect(parsePlan('某市人民政府关于某某实施方案的通知\n一、总体要求').title).toBe('某某实施方案');
    expect(parsePlan('关于做好某项工作的意见\n某政发〔2022〕9號(hao )\n一、总体要求').docNumber).toBe('某政发〔2022〕9号');
  });

  it('joins 主送 over several lines, reads a 主送: label and ignores 抄送', () => {
    expect(
      parsePlan('某市人民政府办公室关于印发某方案的通知\n某政办发〔2022〕3号\n各县（市、区）人民政府，市政府各部门、\n各直属机构，有关单位：\n现将《某方案》印发给你们。\n某市人民政府办公室\n2022年3月1日\n一、总体要求').recipients,
    ).toEqual(['各县（市、区）人民政府', '市政府各部门、各直属机构', '有关单位']);
    expect(parsePlan('某市人民政府关于某事的通知\n主送：各县（市、区）人民政府，市直各单位\n一、总体要求\n正文。').recipients).toEqual(['各县（市、区）人民政府', '市直各单位']);
    expect(parsePlan('某市人民政府关于某事的通知\n一、总体要求\n正文。\n某市人民政府\n2022年3月1日\n抄送：市委各部门，市人大常委会办公室，市检察院，各民主党派：').recipients).toEqual([]);
  });
});

describe('full-length documents: goals', () => {
  it('gives each goal of a per-year series its own year', () => {
    expect(goals('一、工作目标\n2023年新增城镇就业5万人，2024年新增城镇就业5.5万人，2025年新增城镇就业6万人。')).toEqual([
      ['新增城镇就业', 5, '万人', '=', 2023],
      ['新增城镇就业', 5.5, '万人', '=', 2024],
      ['新增城镇就业', 6, '万人', '=', 2025],
    ]);
    expect(goals('一、工作目标\n农村自来水普及率2023年达到90%、2024年达到93%、2025年达到95%。')).toEqual([
      ['农村自来水普及率', 90, '%', '>=', 2023],
      ['农村自来水普及率', 93, '%', '>=', 2024],
      ['农村自来水普及率', 95, '%', '>=', 2025],
    ]);
    // A baseline year is not a target year.
    expect(goals('一、主要目标\n到2025年，全市森林覆盖率由2020年的45%提高到48%，单位地区生产总值能耗比2020年下降13.5%。')).toEqual([
      ['全市森林覆盖率', 48, '%', '=', 2025],
      ['单位地区生产总值能耗下降', 13.5, '%', '=', 2025],
    ]);
  });

  it('carries the year of 力争到2025年 to the sentences after it', () => {
    expect(goals('一、主要目标\n力争到2025年，全省规模以上工业增加值年均增长7%左右；确保粮食产量稳定在300亿斤以上。')).toEqual([
      ['全省规模以上工业增加值年均增长', 7, '%', '~', 2025],
      ['粮食产量', 300, '亿斤', '>=', 2025],
    ]);
  });

  it('reads percentages in Chinese numerals, 万公里, and 每年 after the name', () => {
    expect(goals('一、工作目标\n到2025年，全县农村生活污水治理率达到百分之六十以上，新建改建农村公路1万公里。')).toEqual([
      ['全县农村生活污水治理率', 60, '%', '>=', 2025],
      ['新建改建农村公路', 1, '万公里', '=', 2025],
    ]);
    expect(goals('一、主要目标\n城镇新增就业每年5万人以上。')).toEqual([['城镇新增就业', 5, '万人', '>=', null]]);
  });

  it('keeps metrics named with a policy word (贷款余额, 税收收入, 工资性收入), not the policy parameters', () => {
    expect(goals('一、主要目标\n2024年，全市制造业中长期贷款余额增长15%以上，一般公共预算收入中税收收入占比达到75%以上，农村居民工资性收入增长8%。')).toEqual([
      ['全市制造业中长期贷款余额增长', 15, '%', '>=', 2024],
      ['一般公共预算收入中税收收入占比', 75, '%', '>=', 2024],
      ['农村居民工资性收入增长', 8, '%', '=', 2024],
    ]);
    expect(goals('一、主要目标\n到2025年，政府性融资担保业务规模达到100亿元，担保费率降至1%以下，全市新增减税降费50亿元。')).toEqual([['政府性融资担保业务规模', 100, '亿元', '>=', 2025]]);
  });

  it('keeps 基本 of a noun (基本养老保险), and reads an age only when a verb sets it', () => {
    expect(goals('一、主要目标\n到2025年，基本养老保险参保率达到95%，为65岁老年人免费体检，人均预期寿命达到79岁。')).toEqual([
      ['基本养老保险参保率', 95, '%', '>=', 2025],
      ['人均预期寿命', 79, '岁', '>=', 2025],
    ]);
  });

  it('takes no target from a framing count (围绕12条产业链), round-the-clock hours or a year inside 《…》', () => {
    expect(goals('二、重点任务\n1.围绕12条产业链，确保24小时在线，严格落实《某省2023年十大民生实事》，实施第二批5个试点。（责任单位：市发改委）')).toEqual([['试点', 5, '个', '=', null]]);
  });

  it('reads 实现N%以上X“Y” as the share of X that reaches Y', () => {
    expect(goals('二、重点任务\n（一）深化改革。持续推进“一网通办”，实现90%以上政务服务事项“一次办成”。（责任单位：市政务服务局）')).toEqual([['政务服务事项“一次办成”', 90, '%', '>=', null]]);
  });

  it('gives the year opening a paragraph to all its sentences, and continues a series over ；', () => {
    expect(goals('一、主要预期目标\n2024年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇新增就业2.5万人。')).toEqual([
      ['地区生产总值增长', 6, '%', '~', 2024],
      ['城镇新增就业', 2.5, '万人', '=', 2024],
    ]);
    expect(goals('一、工作目标\n到2023年，全省高标准农田面积达到5000万亩；到2025年，达到5500万亩。')).toEqual([
      ['全省高标准农田面积', 5000, '万亩', '>=', 2023],
      ['全省高标准农田面积', 5500, '万亩', '>=', 2025],
    ]);
  });

  it('carries 到YYYY年 opening a sentence to the sentences after it in the paragraph', () => {
    expect(goals('一、发展目标\n——商品流通规模进一步扩大。到2020年，全市社会消费品零售总额年均增长9%以上；住宿业营业额年均增长8.5%左右。')).toEqual([
      ['全市社会消费品零售总额年均增长', 9, '%', '>=', 2020],
      ['住宿业营业额年均增长', 8.5, '%', '~', 2020],
    ]);
  });
});

