import { describe, expect, it } from 'vitest';
import { parsePlan, resolveDeadline } from '../index.js';
import { annotated, goals } from '../__tests__/read.js';

// Round 5 of corpus-extra and what full-length real documents contain that neither corpus has.
// Each test is a small document written here in the shape such documents are printed in.

describe('round 5: tables whose rows have fewer cells than the header', () => {
  it('aligns a one-cell-per-line row with merged cells by content, and reads no goal in progress columns', () => {
    const plan = parsePlan(
      [
        '2024年县政府民生实事项目推进情况(1-6月)',
        '序号 |', '项目名称 |', '年度目标 |', '分管领导 |', '牵头单位 |', '责任主体与协同单位 |', '1-6月推进情况 |', '是否序时 |', '备注 |',
        '7 |', '新建城市公园12个。 |', '王建华 |', '县住建局 |', '县城管局、各乡镇 |', '已开工8个,完成40%。 |', '是 |', '||',
        '8 |', '改造农贸市场6个。 |', '王建华 |', '县商务局 |', '县市场监管局、相关乡镇 |', '已完成3个。 |', '是 |', '|',
      ].join('\n'),
    );
    expect(plan.title).toBe('2024年县政府民生实事项目推进情况(1-6月)');
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.responsible, t.cooperating])).toEqual([
      ['7', '新建城市公园12个。', ['县住建局'], ['县城管局', '各乡镇'], []],
      ['8', '改造农贸市场6个。', ['县商务局'], ['县市场监管局', '相关乡镇'], []],
    ]);
    expect(plan.indicators.map((i) => [i.name, i.target])).toEqual([
      ['新建城市公园', 12],
      ['改造农贸市场', 6],
    ]);
  });

  it('keeps the positions of a real table row whose cells are empty (an exported 分工表)', () => {
    const plan = parsePlan('序号 | 重点任务 | 牵头单位 | 责任单位 | 配合单位 | 完成时限 |\n1 | 建设智慧城市 |  | 市数据局、市财政局 |  |  |');
    expect(plan.tasks.map((t) => [t.lead, t.responsible, t.deadline])).toEqual([[[], ['市数据局', '市财政局'], null]]);
  });

  it('keeps the plain reading of a row that only lacks its last cells', () => {
    const plan = parsePlan('序号\t重点任务\t牵头单位\t责任单位\n1\t建设智慧城市\t市数据局\t市财政局\n2\t推进城市更新\t市住建局');
    expect(plan.tasks.map((t) => [t.path, t.lead, t.responsible])).toEqual([
      ['1', ['市数据局'], ['市财政局']],
      ['2', ['市住建局'], []],
    ]);
  });
});

describe('round 5: HTML markup left in a text file', () => {
  it('reads paragraphs, the signature date and the title through <p> markup, and reports the markup removed', () => {
    const plan = parsePlan(
      '<p>各市人民政府：</p><p>　现将《某省促进就业的实施方案》印发给你们，请认真组织实施。</p><p style="text-align: right;">某省人民政府</p><p style="text-align: right;">2019年4月2日</p><p><br/></p><p style="text-align: center;"><strong>某省促进就业的实施方案</strong></p><p><strong>一、重点任务</strong></p><p>（一）扩大就业。城镇新增就业10万人以上。（省人力资源社会保障厅负责）</p>',
    );
    expect(plan.date).toBe('2019-04-02');
    expect(plan.title).toBe('某省促进就业的实施方案');
    expect(plan.issuer).toBe('某省人民政府');
    expect(annotated(plan.text)).toEqual([{ path: '一/（一）', lead: [], responsible: ['省人力资源社会保障厅'], cooperating: [] }]);
    expect(plan.text).not.toMatch(/<|>/);
    expect(plan.removed.filter((r) => r.reason === 'markup').map((r) => r.text)).toContain('</p><p style="text-align: right;">');
  });

  it('keeps a lone angle bracket in prose', () => {
    const plan = parsePlan('一、主要目标\n到2025年，PM2.5浓度<35微克/立方米。');
    expect(plan.text).toContain('<35');
    expect(plan.removed).toEqual([]);
  });
});

describe('round 5: Chinese-numeral amounts and ranges', () => {
  it('reads 五千亿, 一百亿元, 三万人 and 十二个 as amounts', () => {
    expect(goals('二、发展目标\n到2025年，全市重点产业集群总量超过五千亿规模，完成投资一百亿元以上，新增就业三万人，建成十二个产业园区。')).toEqual([
      ['全市重点产业集群总量', 5000, '亿', '>='],
      ['完成投资', 100, '亿元', '>='],
      ['新增就业', 3, '万人', '='],
      ['建成产业园区', 12, '个', '='],
    ]);
  });

  it('does not read 十四五, 五百亿级, 一批 or 三个方面 as goals', () => {
    expect(goals('二、发展目标\n“十四五”期间，培育一批五百亿级产业集群，重点抓好三个方面。')).toEqual([]);
  });

  it('reads a range as its lower bound (at least), and a time limit range as its upper bound', () => {
    expect(goals('二、发展目标\n到2025年，力争培育8—10个百亿企业，研发投入占比提高到30%—40%，新建3至5个产业园，实现城市之间1—2小时通达。')).toEqual([
      ['培育百亿企业', 8, '个', '>='],
      ['研发投入占比', 30, '%', '>='],
      ['新建产业园', 3, '个', '>='],
      ['通达', 2, '小时', '<='],
    ]);
  });
});

describe('annotations in full-length documents', () => {
  it('reads an unbracketed closing sentence of units and role verbs as the annotation', () => {
    expect(
      annotated(
        [
          '二、重点任务',
          '（一）健全城乡融合机制。由市农业农村局负责，市自然资源和规划局以及市乡村振兴局参加。',
          '（二）推进放管服改革。市发展改革委牵头，市司法局、市政务服务中心配合。',
          '（三）加强宣传引导。各地要广泛宣传，营造良好氛围。',
          '（四）抓好督促落实。各级各部门要切实负责。',
        ].join('\n'),
      ),
    ).toEqual([
      { path: '二/（一）', lead: [], responsible: ['市农业农村局'], cooperating: ['市自然资源和规划局', '市乡村振兴局'] },
      { path: '二/（二）', lead: ['市发展改革委'], responsible: [], cooperating: ['市司法局', '市政务服务中心'] },
    ]);
  });

  it('gives a column headed with two roles the role named first', () => {
    const plan = parsePlan('序号 | 主要任务 | 责任主体与配合单位 |\n1 | 建设口袋公园 | 区城管局、各街道 |');
    expect(plan.tasks.map((t) => [t.responsible, t.cooperating])).toEqual([[['区城管局', '各街道'], []]]);
  });
});

describe('what full-length documents add', () => {
  it('reads a baseline with its year from 由X年的A提高到B, and 百分点 and 平方公里 units', () => {
    const plan = parsePlan('一、主要目标\n到2025年，常住人口城镇化率由2022年的58.6%提高到62%，城市建成区面积达到120平方公里，农村居民收入增幅高于城镇居民1个百分点以上。');
    expect(plan.indicators.map((i) => [i.name, i.target, i.unit, i.comparator, i.year, i.baseline, i.baselineYear])).toEqual([
      ['常住人口城镇化率', 62, '%', '=', 2025, 58.6, 2022],
      ['城市建成区面积', 120, '平方公里', '>=', 2025, null, null],
      ['农村居民收入增幅高于城镇居民', 1, '个百分点', '>=', 2025, null, null],
    ]);
  });

  it('starts the numbering of a 分工表 attachment after the main text from the top, with its deadlines', () => {
    const plan = parsePlan(
      [
        '某市推进新型城镇化三年行动方案',
        '一、重点任务',
        '（一）推进户籍制度改革。（市公安局负责）',
        '二、保障措施',
        '（一）加强组织领导。成立领导小组。',
        '附件：重点任务分工表',
        '附件',
        '重点任务分工表',
        '序号\t重点任务\t牵头单位\t责任单位\t完成时限',
        '1\t推进户籍制度改革\t市公安局\t各县（市、区）人民政府\t2024年6月底前',
        '2\t建设保障性租赁住房\t市住房城乡建设局（牵头）、市财政局\t市直各相关单位\t2023—2025年',
        '3\t完善城市管理体制\t市城管局\t市直各相关单位\t长期坚持',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.path, t.lead, t.responsible, t.deadline, t.deadlineDate])).toEqual([
      ['一/（一）', [], ['市公安局'], null, null],
      ['1', ['市公安局'], ['各县（市、区）人民政府'], '2024年6月底前', '2024-06-30'],
      ['2', ['市住房城乡建设局', '市财政局'], ['市直各相关单位'], '2023—2025年', '2025-12-31'],
      ['3', ['市城管局'], ['市直各相关单位'], '长期坚持', null],
    ]);
  });

  it('joins a clause of units and a role verb right before a bracket to its annotation, but not an exhortation', () => {
    expect(
      parsePlan(['二、重点任务', '（一）推进开放合作。市发改委牵头（市财政局、市商务局配合）。', '（二）抓好项目建设。各地要认真组织实施（市发改委负责）。'].join('\n')).tasks.map((t) => [t.path, t.lead, t.responsible, t.cooperating]),
    ).toEqual([
      ['二/（一）', ['市发改委'], [], ['市财政局', '市商务局']],
      ['二/（二）', [], ['市发改委'], []],
    ]);
  });

  it('reads 从2020年的A增加到2025年的B as a target of that year with its baseline', () => {
    const [i] = parsePlan('一、主要目标\n城乡居民人均可支配收入从2020年的3.2万元增加到2025年的4.5万元。').indicators;
    expect([i?.name, i?.target, i?.unit, i?.comparator, i?.year, i?.baseline, i?.baselineYear]).toEqual(['城乡居民人均可支配收入', 4.5, '万元', '=', 2025, 3.2, 2020]);
  });

  it('splits the lines of a table cell joined by spaces into units, but not a name broken by a space', () => {
    const plan = parsePlan('序号 | 重点任务 | 牵头单位 | 责任单位 |\n1 | 建设智慧城市 | 市数据局 | 市财政局 市发展改革委 各县（市、区）人民政府 |\n2 | 推进改革 | 市发展 改革委 | 市财政局 |');
    expect(plan.tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [['市数据局'], ['市财政局', '市发展改革委', '各县（市、区）人民政府']],
      [['市发展 改革委'], ['市财政局']],
    ]);
  });

  it('keeps the units of a closing sentence followed by a 完成时限 line, and an annotation bracket wrapped over two lines', () => {
    expect(
      parsePlan(
        [
          '二、重点任务',
          '（一）健全城乡融合机制。市农业农村局牵头，市财政局、市自然资源和规划局配合。',
          '完成时限：持续推进',
          '（二）实施城市更新行动。（责任单位：市住房城乡建设局，',
          '市城管局，各县（市、区）人民政府；配合单位：市财政局）',
        ].join('\n'),
      ).tasks.map((t) => [t.path, t.lead, t.responsible, t.cooperating, t.deadline]),
    ).toEqual([
      ['二/（一）', ['市农业农村局'], [], ['市财政局', '市自然资源和规划局'], '持续推进'],
      ['二/（二）', [], ['市住房城乡建设局', '市城管局', '各县（市、区）人民政府'], ['市财政局'], null],
    ]);
  });
});

describe('deadlines as full-length documents print them', () => {
  it('resolves 月底前, 年底, quarters and periods to their last day, and recurring or open ones to none', () => {
    const cases = ['2024年6月底前', '2024年底', '2024年第三季度', '2023—2025年', '2023年至2025年', '年底前', '每年12月底前', '长期坚持', '持续推进'];
    expect(cases.map((c) => resolveDeadline(c, 2024))).toEqual(['2024-06-30', '2024-12-31', '2024-09-30', '2025-12-31', '2025-12-31', '2024-12-31', null, null, null]);
  });
});

describe('key projects in full-length documents', () => {
  it('names the places a project lists after 涉及/途经, beside those of 甲至乙段', () => {
    expect(parsePlan('三、重大项目\n1.沿江高铁。建设武汉至宜昌段，途经孝感、天门和潜江等地。\n2.水网工程。覆盖全省主要城市。').projects.map((p) => [p.name, p.places])).toEqual([
      ['沿江高铁', ['武汉', '宜昌', '孝感', '天门', '潜江']],
      ['水网工程', []],
    ]);
  });
});

describe('long inputs', () => {
  it('numbers table rows past 9999, and reads no goal from a run of digits longer than a number', () => {
    const plan = parsePlan('序号 | 重点任务 | 责任单位 |\n9999 | 建设项目甲 | 市住建局 |\n10000 | 建设项目乙 | 市交通局 |\n一、主要目标\n到2025年，' + '1'.repeat(5000) + '个。');
    expect(plan.tasks.map((t) => [t.path, t.responsible])).toEqual([
      ['9999', ['市住建局']],
      ['10000', ['市交通局']],
    ]);
    expect(plan.indicators).toEqual([]);
  });
});
