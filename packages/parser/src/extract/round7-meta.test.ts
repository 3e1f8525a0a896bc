import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import { goals } from '../__tests__/read.js';

// Round 7 of corpus-extra (corpus-extra/ROUND7.md), metadata and indicators: each rule generalised
// from its failures, with a small document written here in the shape found there.

const meta = (text: string) => {
  const p = parsePlan(text);
  return { title: p.title, docNumber: p.docNumber, issuer: p.issuer, date: p.date };
};

describe('round 7: the issuer named by the title', () => {
  it('takes the issuer from the start of an unsigned 意见, also when the title wraps after 关于', () => {
    expect(meta('某某省人民政府关于加快发展现代物流业的意见\n某政发〔2023〕8号\n各市人民政府：\n为加快发展现代物流业，现提出如下意见。\n一、总体要求\n（一）指导思想')).toMatchObject({
      title: '某某省人民政府关于加快发展现代物流业的意见',
      docNumber: '某政发〔2023〕8号',
      issuer: '某某省人民政府',
    });
    expect(meta('省人民政府关于\n进一步推进某某产业发展的若干意见\n各市、州人民政府：\n现提出如下意见。\n一、总体要求')).toMatchObject({
      title: '省人民政府关于进一步推进某某产业发展的若干意见',
      issuer: '省人民政府',
    });
    expect(meta('国务院关于支持某某地区\n高质量发展的意见\n国发〔2023〕9号\n各省人民政府：\n现提出如下意见。\n一、总体要求').issuer).toBe('国务院');
  });

  it('keeps 等N部门 of joint issuers and a notice title with only a date line under it', () => {
    expect(meta('某省财政厅等六部门关于完善某项补助政策的实施意见\n各市人民政府：\n现提出如下实施意见。\n一、指导思想').issuer).toBe('某省财政厅等六部门');
    expect(meta('某市人民政府关于印发2012年市政府重点工作任务分解意见的通知\n各区人民政府：\n现将《2012年市政府重点工作任务分解意见》印发你们。\n二○一二年三月六日\n2012年市政府重点工作任务分解意见\n一、工业经济')).toMatchObject({
      title: '2012年市政府重点工作任务分解意见',
      issuer: '某市人民政府',
      date: '2012-03-06',
    });
  });

  it('does not let a site banner line swallow the notice title under it', () => {
    expect(meta('某某网--中国政策信息搜索网\n某市人民政府关于印发2012年工作要点的通知\n各区人民政府：\n现将《2012年工作要点》印发你们。\n一、工作目标').issuer).toBe('某市人民政府');
  });

  it('prefers the document over the page fields 发布机构 and 信息来源, which name the website', () => {
    expect(
      meta('发布日期: 2021-03-02 发布机构: 某区政府办\n某区人民政府办公室 关于印发2021年区政府重点工作责任分解的通知\n各街道办事处：\n《2021年区政府重点工作责任分解》已经区政府同意，现印发给你们。\n一、稳定经济').issuer,
    ).toBe('某区人民政府办公室');
    expect(meta('某省教育厅等四部门关于推进某项改革的实施意见\n发布日期: 2019-01-03 访问次数: 信息来源: 某市教育局\n各市、县人民政府：\n现提出如下实施意见。\n一、总体要求').issuer).toBe('某省教育厅等四部门');
  });
});

describe('round 7: titles on web pages', () => {
  it('drops a page label such as 政策解读: before the title', () => {
    expect(meta('政策解读:某市安全生产三年行动方案(2024—2026年)\n各县(区)安委会：\n现将《某市安全生产三年行动方案(2024—2026年)》印发你们。\n某市安全生产委员会\n2024年3月7日\n一、总体要求').title).toBe('某市安全生产三年行动方案(2024—2026年)');
  });

  it('reads the title from a site table row 文件名称 | X |', () => {
    expect(meta('文件名称 | 某区2025年政府工作报告 | ||\n索引号 | /2025-0001 | 公开目录: | 工作报告 |\n各位代表:\n现在，我代表区人民政府向大会报告工作。\n一、过去一年工作回顾').title).toBe('某区2025年政府工作报告');
  });

  it('reads signature, date and the attachment title from a notice flattened into one line', () => {
    expect(
      meta(
        '某市人民政府办公室文件 某政办发〔2019〕12号 市政府办公室关于分解落实2019年 政府工作任务的通知 各镇人民政府，市各委办局: 现下达给你们，请认真组织实施. 各地要切实加强组织领导. 附件:某市2019年政府工作任务分解表 某市人民政府办公室 2019年2月20日 某市2019年政府工作任务分解表 序号 名称 工作任务 牵头责任单位\n一、经济社会发展主要预期目标\n1 地区生产总值增长7%以上. 发改委',
      ),
    ).toEqual({ title: '某市2019年政府工作任务分解表', docNumber: '某政办发〔2019〕12号', issuer: '某市人民政府办公室', date: '2019-02-20' });
  });

  it('does not take a deadline in a flattened table row for a signature', () => {
    expect(meta('某县2020年重点工作任务分解表\n一、重点任务\n1 完善道路网络 县交通局 2020年12月31日 2 建设污水处理厂 县住建局 2020年6月30日').issuer).toBeNull();
  });
});

describe('round 7: toneless pinyin', () => {
  it('strips toneless pinyin glosses after a character and reports them', () => {
    const original = '發改地(di)區[2016]1771號(hao)\n关于促进区域协调发展的指导意见\n一、总体要求';
    const plan = parsePlan(original);
    expect(plan.docNumber).toBe('发改地区[2016]1771号');
    expect(plan.removed.filter((r) => r.reason === 'pinyin').map((r) => r.text)).toEqual(['(di)', '(hao)']);
    for (const r of plan.removed) expect(original.slice(r.span.start, r.span.end)).toBe(r.text);
  });

  it('keeps bracketed Latin text that is not one Mandarin syllable', () => {
    const plan = parsePlan('推动地区生产总值(GDP)增长，推广政府和社会资本合作(PPP)，建设第五代移动通信(5G)基站和数据中心(data center)，开发应用程序(app)和城市(city)大脑，标注(a)项。');
    expect(plan.removed).toEqual([]);
    expect(plan.text).toContain('(GDP)');
    expect(plan.text).toContain('(data center)');
    expect(plan.text).toContain('(a)');
  });
});

describe('round 7: goals', () => {
  it('keeps a goal whose name holds 年龄段, and the goal after 其中', () => {
    expect(goals('一、总体目标\n到2025年，劳动年龄段持证残疾人就业率达60%以上，其中有就业意愿应届残疾人大学生就业率达100%。')).toEqual([
      ['劳动年龄段持证残疾人就业率', 60, '%', '>='],
      ['有就业意愿应届残疾人大学生就业率', 100, '%', '>='],
    ]);
    // An age limit is still a policy parameter.
    expect(goals('一、工作目标\n到2025年，资助年龄在35周岁以下的青年创业者。')).toEqual([]);
  });

  it('reads a per-household basis (每百户) and the units 平米, 万头, 亿美元', () => {
    expect(goals('一、工作目标\n到2025年，社区综合服务设施面积达到每百户30平米以上。')).toEqual([['社区综合服务设施面积（每百户）', 30, '平米', '>=']]);
    expect(goals('一、主要目标\n全年实际利用外资6亿美元，能繁母猪存栏量稳定在25万头以上。')).toEqual([
      ['实际利用外资', 6, '亿美元', '='],
      ['能繁母猪存栏量', 25, '万头', '>='],
    ]);
  });

  it('separates two goals joined by 、', () => {
    expect(goals('（二）保障供给。生猪出栏量稳定在80万头以上、规模养殖场保有量稳定在1400家以上，水产品产量达125万吨。')).toEqual([
      ['生猪出栏量', 80, '万头', '>='],
      ['规模养殖场保有量', 1400, '家', '>='],
      ['水产品产量', 125, '万吨', '>='],
    ]);
  });

  it('takes no goal from the cover sentence 现将《…》印发 or from a counted list name (十件民生实事)', () => {
    expect(goals('各镇人民政府：\n为确保各项目标任务落到实处，现将2023年县政府工作报告任务分解一览表》2023年十件民生实事任务一览表《政府工作报告创建任务一览表》印发给你们，请认真贯彻执行。')).toEqual([]);
    expect(goals('一、工作目标\n2023年，认真办好十件民生实事，落实《某市新建50所幼儿园三年行动方案》，新建城市公园3个。')).toEqual([['新建城市公园', 3, '个', '=']]);
  });
});
