import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import { goals } from '../__tests__/read.js';

// Round 8 of corpus-extra (corpus-extra/ROUND8.md), metadata and goals: each rule generalised from
// its failures, with a small document written here in the shape found there.

const meta = (text: string) => {
  const p = parsePlan(text);
  return { title: p.title, docNumber: p.docNumber, issuer: p.issuer, date: p.date };
};

describe('round 8: titles among page furniture', () => {
  it('skips a law site field line and a banner above the notice: the notice decides', () => {
    expect(
      meta('某某市人民政府关于印发2009年重点工作的通知\n【发布部门】 某某市政府 【发文字号】 某政[2009]12号\n【法规类别】 机关工作综合规定\n某某市人民政府关于印发2009年重点工作的通知\n(某政〔2009〕12号)\n各县人民政府：\n现将《某某市人民政府2009年重点工作》印发给你们。\n一、经济发展'),
    ).toMatchObject({ title: '某某市人民政府2009年重点工作', docNumber: '某政〔2009〕12号', issuer: '某某市人民政府' });
    expect(
      meta('小康工程\n某县人民政府办公室关于印发某县城镇化建设三年行动\n计划(2021―2023年)的通知\n各乡镇：\n现印发给你们，请认真贯彻执行。\n某县城镇化建设三年行动计划\n2021―2023年)\n一、总体要求').title,
    ).toBe('某县城镇化建设三年行动计划(2021―2023年)');
  });

  it('takes a notice that assigns work (工作分工的通知) as the title, not a body sentence or a site field', () => {
    expect(
      meta('发布机构 自治区人民政府\n成文日期 2007-01-15\n某某自治区人民政府关于落实某某规划纲要主要目标和任务工作分工的通知\n各盟市人民政府：\n自治区人大审议批准的《某某规划纲要》是宏伟蓝图。依据各部门职责分工，将《纲要》\n一、分工原则'),
    ).toMatchObject({ title: '某某自治区人民政府关于落实某某规划纲要主要目标和任务工作分工的通知', issuer: '某某自治区人民政府' });
  });

  it('joins a plan heading over two lines when the notice quotes it whole', () => {
    expect(meta('各区人民政府：\n《某市构建分类培育机制促进个体工商户发展实施方案》已经市政府同意，现印发给你们。\n某市人民政府办公厅\n2024年9月30日\n某市构建分类培育机制\n促进个体工商户发展实施方案\n一、总体目标').title).toBe(
      '某市构建分类培育机制促进个体工商户发展实施方案',
    );
  });
});

describe('round 8: goals', () => {
  it('reads years set by a verb (平均生存周期达到5年) but never a year or a period as a target', () => {
    expect(goals('一、总体目标\n到2029年，活跃度达到70%，平均生存周期达到5年。实施期为2024—2028年，用5年时间，力争三年内完成。')).toEqual([
      ['活跃度', 70, '%', '>='],
      ['平均生存周期', 5, '年', '>='],
    ]);
  });

  it('reads time limits named by what is handled, not procedural ones', () => {
    expect(goals('二、重点任务\n1.优化审批。项目建议书10个工作日内、可行性研究报告15个工作日内完成审批。（责任单位：区发改局）')).toEqual([
      ['项目建议书', 10, '个工作日', '<='],
      ['可行性研究报告', 15, '个工作日', '<='],
    ]);
    expect(goals('二、重点任务\n2.优化流程。对符合条件的申请，在3个工作日内办结；收到材料后5个工作日内完成审核。（责任单位：区政务服务局）')).toEqual([]);
  });

  it('reads a number bounded by 左右 as a goal when its sentence states goals', () => {
    expect(goals('三、能源安全\n（一）能源保障。保障全社会用电量供给40亿千瓦时左右，新增储能装机6万千瓦。')).toEqual([
      ['保障全社会用电量供给', 40, '亿千瓦时', '~'],
      ['新增储能装机', 6, '万千瓦', '='],
    ]);
  });

  it('gives one goal per metric of A、B均增长 and of a parallel list, with the shared tail', () => {
    expect(goals('一、主要目标\n城镇居民人均可支配收入、农村居民人均可支配收入均增长8%，其中工业投资、民间投资增速力争达15%。')).toEqual([
      ['城镇居民人均可支配收入增长', 8, '%', '='],
      ['农村居民人均可支配收入增长', 8, '%', '='],
      ['工业投资增速', 15, '%', '>='],
      ['民间投资增速', 15, '%', '>='],
    ]);
    expect(goals('一、主要目标\n氨氮、化学需氧量排放量分别下降2%和3%。')).toEqual([
      ['氨氮排放量下降', 2, '%', '='],
      ['化学需氧量排放量下降', 3, '%', '='],
    ]);
  });

  it('takes no goal from the parts of an amount that is none, nor from a name cut off by the end', () => {
    expect(goals('二、重点工作\n（一）项目建设。安排30亿元财政资金保障政府投资项目建设，其中，道路建设10亿元，学校建设8亿元。')).toEqual([]);
    expect(goals('二、重点工作\n（二）品牌建设。各县区分别打造1—2条“某某渔家')).toEqual([]);
  });
});
