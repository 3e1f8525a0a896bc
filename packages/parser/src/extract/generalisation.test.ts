import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import { annotated } from '../__tests__/read.js';

// Rules added after measuring the parser on real documents outside the dev corpus
// (corpus-extra/); each test is a small document written here in the shape found there.

describe('annotations seen outside the dev corpus', () => {
  it('reads annotations in 〔…〕 with a note after 。, but not a 文号 year in 〔…〕', () => {
    const tasks = annotated(
      [
        '一、深化改革',
        '（一）加强市场体系建设。落实鄂政办发〔2022〕16号文件要求。〔责任单位：省发展改革委、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市（州）人民政府，不再做分工，下同。〕',
        '（二）优化市场准入环境。持续实施“歇业登记”等新制度。〔责任单位：省市场监管局〕',
      ].join('\n'),
    );
    expect(tasks).toEqual([
      { path: '一/（一）', lead: [], responsible: ['省发展改革委', '商务厅', '省大数据中心'], cooperating: [] },
      { path: '一/（二）', lead: [], responsible: ['省市场监管局'], cooperating: [] },
    ]);
  });

  it('keeps the units of a label line that ends in a bracketed document-level note', () => {
    const tasks = annotated(
      [
        '一、主要预期目标',
        '1.固定资产投资增长10%。',
        '责任单位：市发改委、市经信局、市卫生健康委（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）',
        '2.城乡居民收入增速保持全省领先。',
        '责任单位：市人力社保局、市农业农村局分别牵头',
      ].join('\n'),
    );
    expect(tasks).toEqual([
      { path: '一/1', lead: [], responsible: ['市发改委', '市经信局', '市卫生健康委'], cooperating: [] },
      { path: '一/2', lead: ['市人力社保局', '市农业农村局'], responsible: [], cooperating: [] },
    ]);
  });

  it('does not make a task of a label line cut off after one character at the end of a fragment', () => {
    const tasks = annotated(['一、重点工作', '1.实施招商引资行动。', '责任单位：市商务局', '2.推动招大引强再上新高。', '责任单位：市'].join('\n'));
    expect(tasks).toEqual([{ path: '一/1', lead: [], responsible: ['市商务局'], cooperating: [] }]);
  });
});

describe('metadata seen outside the dev corpus', () => {
  it('takes a 责任分解 title (with a period suffix) over a later heading that ends in 任务', () => {
    const plan = parsePlan(
      [
        '运城市人民政府办公厅关于印发运城市应急体系建设规划责任分解的通知',
        '各县（市、区）人民政府：',
        '现将《运城市应急体系建设规划》责任分解印发给你们，请认真组织实施。',
        '运城市人民政府办公厅',
        '2017年4月13日',
        '运城市应急体系建设规划责任分解',
        '应急体系9个具体建设任务',
        '（一）预案建设',
        '1.完善应急预案体系。（责任单位：市应急局）',
      ].join('\n'),
    );
    expect([plan.title, plan.issuer, plan.date]).toEqual(['运城市应急体系建设规划责任分解', '运城市人民政府办公厅', '2017-04-13']);
    expect(plan.indicators).toEqual([]);
    expect(parsePlan('市政府工作报告重点工作责任分解（2023年）\n一、主要预期目标\n1.生产总值增长6%以上。\n责任单位：市发改委').title).toBe(
      '市政府工作报告重点工作责任分解（2023年）',
    );
  });

  it('does not take a document the notice only mentions (现将《政府工作报告》提出的…) as the title', () => {
    const plan = parsePlan('各县（市、区）人民政府：\n现将《政府工作报告》提出的2020年重点工作任务予以分解并明确到各责任单位。\n一、抓好疫情防控\n1.完善防控机制。\n责任单位：市卫生健康委');
    expect(plan.title).toBeNull();
    expect(parsePlan('各县人民政府：\n现将《某市推动制造业发展实施方案》印发给你们，请认真贯彻落实。').title).toBe('某市推动制造业发展实施方案');
  });

  it('reads the date of an unsigned cover notice from the line right before the plan title', () => {
    const plan = parsePlan(
      ['各县、区人民政府：', '《开封市推动制造业高质量发展实施方案》已经市政府常务会议研究通过，现印发给你们，请认真贯彻落实。', '2020年11月17日', '开封市推动制造业高质量发展实施方案', '一、总体要求', '（一）指导思想。'.padEnd(200, '坚持新发展理念，'), '二、主要任务', '（一）做强主导产业。'.padEnd(200, '提升集群产业链，')].join('\n'),
    );
    expect([plan.title, plan.date]).toEqual(['开封市推动制造业高质量发展实施方案', '2020-11-17']);
  });

  it('removes a site switcher line (国内政策【切换】 国际政策) so it does not join the title', () => {
    const plan = parsePlan('国内政策【切换】 国际政策\n\n加快西宁市流通业发展实施意见\n\n一、主要工作目标\n二、重点工作任务');
    expect(plan.title).toBe('加快西宁市流通业发展实施意见');
    expect(plan.removed.some((r) => r.text.includes('【切换】'))).toBe(true);
  });
});

describe('indicators seen outside the dev corpus', () => {
  it('names each of two coordinated counts after its own object', () => {
    const plan = parsePlan('二、发展目标\n到2025年，培育形成2个千亿级产业集群和6个五百亿级产业集群。');
    expect(plan.indicators.map((i) => [i.name, i.target, i.unit, i.year])).toEqual([
      ['培育形成千亿级产业集群', 2, '个', 2025],
      ['培育形成五百亿级产业集群', 6, '个', 2025],
    ]);
  });

  it('reads a target with an explicit comparator inside an annotated task, outside any goal section', () => {
    const plan = parsePlan('二、重点抓好六方面工作\n10.实施招商引资行动，带动未来五年制造业投资1000亿元以上。\n责任单位：市发改委、市经信局');
    expect(plan.indicators.map((i) => [i.name, i.target, i.unit, i.comparator, i.responsible])).toEqual([
      ['带动未来五年制造业投资', 1000, '亿元', '>=', ['市发改委', '市经信局']],
    ]);
    // The same sentence with no unit annotation and no goal heading is not read as a goal.
    expect(parsePlan('二、有关情况\n带动未来五年制造业投资1000亿元以上。').indicators).toEqual([]);
  });

  it('leaves out structural counts such as 9个具体建设任务 and 12条措施', () => {
    const plan = parsePlan('一、主要目标\n现将规划中的9个具体建设任务和7项重点建设项目进行分解，提出12条措施。\n到2025年，新建10个应急物资储备库。');
    expect(plan.indicators.map((i) => [i.target, i.unit])).toEqual([[10, '个']]);
  });
});

describe('round 3: indicators and metadata on documents measured after the first fixes', () => {
  it('reads a goal clause that starts with 到20XX年 mid-sentence, with a bare 万 as its unit', () => {
    const plan = parsePlan('长沙市新型城镇化发展规划\n导语 长沙印发规划，根据规划，到2025年长沙实现常住人口突破1200万，常住人口城镇化率82%以上。');
    expect(plan.indicators.map((i) => [i.target, i.unit, i.comparator, i.year])).toEqual([
      [1200, '万', '>=', 2025],
      [82, '%', '>=', 2025],
    ]);
    expect(plan.indicators[1]!.name).toBe('常住人口城镇化率');
    // 万 followed by another unit character is not a bare 万: "2万公里" is not read as 2 万.
    expect(parsePlan('一、主要目标\n到2025年，新建农村公路2万公里。').indicators.map((i) => i.unit)).not.toContain('万');
  });

  it('reads a bounded number followed by the quantity it bounds (50平方公里以上建设用地面积)', () => {
    const plan = parsePlan('一、工作目标\n到2025年底，50平方公里以上建设用地面积达到海绵城市建设目标要求；到2030年底，80平方公里以上建设用地面积达到要求。');
    expect(plan.indicators.map((i) => [i.name, i.target, i.unit, i.comparator, i.year])).toEqual([
      ['建设用地面积', 50, '平方公里', '>=', 2025],
      ['建设用地面积', 80, '平方公里', '>=', 2030],
    ]);
    // A threshold that is part of a name stays out: 亿元以上项目 counts projects.
    expect(parsePlan('一、主要目标\n到2025年，新开工亿元以上项目50个。').indicators.map((i) => [i.target, i.unit])).toEqual([[50, '个']]);
  });

  it('reads 完成N%以上的Y as a goal on Y, and a Chinese-numeral count bounded by 以上', () => {
    const plan = parsePlan('一、重点任务\n（一）深化农村改革。2015年完成75%以上的确权登记；原则上到2021年底每个乡镇要创建一个以上帮扶车间。');
    expect(plan.indicators.map((i) => [i.target, i.unit, i.comparator])).toEqual([
      [75, '%', '>='],
      [1, '个', '>='],
    ]);
    expect(plan.indicators[0]!.name).toBe('确权登记');
    expect(plan.indicators[1]!.name).toContain('帮扶车间');
  });

  it('reads a signature and date inside a page flattened to one long line', () => {
    const plan = parsePlan(
      '关于印发《某县就业帮扶车间专项行动实施方案》的通知 各乡镇、县直各单位： 《某县就业帮扶车间专项行动实施方案》已经县委领导小组审定通过。现印发给你们，请认真抓好贯彻落实。 中共某县委实施乡村振兴战略领导小组 2021年9月3日 某县就业帮扶车间专项行动实施方案 为全面落实部署，特制定本方案。',
    );
    expect([plan.issuer, plan.date]).toEqual(['中共某县委实施乡村振兴战略领导小组', '2021-09-03']);
  });

  it('takes the issuer from the notice title in a site metadata table with | separators', () => {
    const plan = parsePlan(
      ['发文字号: | 无 | 有 效 性: | 失效 |', '标 题: | 亳州市谯城区人民政府办公室关于印发2020年政府工作报告重点工作任务分解表的通知 | ||', '各乡镇人民政府：', '现将《谯城区2020年度政府工作报告重点工作任务分解表》印发给你们，请认真抓好落实。'].join('\n'),
    );
    expect([plan.title, plan.issuer, plan.docNumber]).toEqual(['谯城区2020年度政府工作报告重点工作任务分解表', '亳州市谯城区人民政府办公室', null]);
  });
});

describe('round 4: a web table copied one cell per line, and notice titles', () => {
  it('regroups a table copied one cell per line into rows under its header', () => {
    const plan = parsePlan(
      [
        '2024年《政府工作报告》重点工作目标任务分解表',
        '序号 |',
        '目标与任务 |',
        '分 管 县领导 |',
        '牵头责任单位 |',
        '责任单位 |',
        '80 |',
        '加大普惠性托育供给，新增托位数400个以上。 |',
        '俞 悦 |',
        '县教育局 |',
        '县各有关单位 |',
        '81 |',
        '支持芜湖科技工程学校发展。 |',
        '陆 明 |',
        '县教育局 |',
        '县卫健委、县财政局 |',
      ].join('\n'),
    );
    expect(plan.title).toBe('2024年《政府工作报告》重点工作目标任务分解表');
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.responsible])).toEqual([
      ['80', '加大普惠性托育供给，新增托位数400个以上。', ['县教育局'], ['县各有关单位']],
      ['81', '支持芜湖科技工程学校发展。', ['县教育局'], ['县卫健委', '县财政局']],
    ]);
    expect(plan.indicators.map((i) => [i.target, i.unit, i.responsible])).toEqual([[400, '个', ['县教育局', '县各有关单位']]]);
  });

  it('does not take a cut-off notice sentence (《X》已经) into the title, and reads an issuer before 印发关于', () => {
    const plan = parsePlan(
      ['兰州市人民政府办公厅', '印发关于加快推进全市第三产业跨越发展的', '实施意见的通知', '兰政办发〔2015〕7号', '各县、区人民政府：', '《关于加快推进全市第三产业跨越发展的实施意见》已经', '关于加快推进全市第三产业', '跨越发展的实施意见', '一、指导思想'].join('\n'),
    );
    expect([plan.title, plan.issuer, plan.docNumber]).toEqual(['关于加快推进全市第三产业跨越发展的实施意见', '兰州市人民政府办公厅', '兰政办发〔2015〕7号']);
  });

  it('reads the issuer of a notice title with a 【…】 tag, and joint issuers signed on one line', () => {
    expect(parsePlan('【规范性文件】长沙市人民政府办公厅关于印发长沙市稳定经济运行实施方案的通知\n各区县人民政府：\n长沙市稳定经济运行实施方案\n一、总体要求').issuer).toBe('长沙市人民政府办公厅');
    const plan = parsePlan('各市教育局：\n现将《2015年工作要点》印发给你们。\n中共安徽省委教育工委      安徽省教育厅\n2015年3月3日\n2015年工作要点\n一、加强党的建设');
    expect([plan.issuer, plan.date]).toEqual(['中共安徽省委教育工委 安徽省教育厅', '2015-03-03']);
  });
});
