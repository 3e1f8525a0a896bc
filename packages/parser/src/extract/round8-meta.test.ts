import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';

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
