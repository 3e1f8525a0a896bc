import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import { resolveDeadline } from '../text/dates.js';

describe('metadata', () => {
  it('reads the plan title (not the cover notice), 文号, issuer, date and recipients', () => {
    const plan = parsePlan(
      [
        '广东省人民政府办公厅关于印发广东省',
        '进一步支持民间投资发展',
        '实施方案的通知',
        '粤府办〔2023〕5号',
        '各地级以上市人民政府，省政府各部门、各直属机构：',
        '《广东省进一步支持民间投资发展实施方案》已经省人民政府同意，现印发给你们，请认真组织实施。',
        '广东省人民政府办公厅',
        '2023年3月17日',
        '广东省进一步支持民间',
        '投资发展实施方案',
        '为进一步加大政策支持力度，根据国家发展改革委《关于进一步完善政策环境加大力度支持民间投资发展的意见》（发改投资〔2022〕1652号）要求，制定本方案。',
        '一、发挥重大项目牵引作用',
      ].join('\n'),
    );
    expect(plan).toMatchObject({
      title: '广东省进一步支持民间投资发展实施方案',
      docNumber: '粤府办〔2023〕5号',
      issuer: '广东省人民政府办公厅',
      date: '2023-03-17',
      recipients: ['各地级以上市人民政府', '省政府各部门、各直属机构'],
      kind: 'implementation',
    });
    expect(plan.references).toContainEqual(expect.objectContaining({ title: '关于进一步完善政策环境加大力度支持民间投资发展的意见', docNumber: '发改投资〔2022〕1652号' }));
  });

  it('reads every 文号 bracket variant and Chinese-numeral dates', () => {
    for (const dn of ['鄂政发[2009]38号', '韶府［2019］31号', '国发〔2019〕3号', '湘政发【2016】1号']) {
      expect(parsePlan(`${dn}\n关于做好某项工作的意见\n一、总体要求`).docNumber).toBe(dn);
    }
    expect(parsePlan('关于做好某项工作的意见\n一、总体要求\n内容。\n湖北省人民政府\n二○○九年九月八日').date).toBe('2009-09-08');
    expect(parsePlan('关于做好某项工作的意见\n一、总体要求\n内容。\n国务院\n2018年11月16日').issuer).toBe('国务院');
  });

  it('reads a signature and date on one line, and the issuer named in the notice title', () => {
    expect(parsePlan('某市工作方案\n一、任务\n正文。\n武汉市人民政府办公厅    2022年3月14日')).toMatchObject({ issuer: '武汉市人民政府办公厅', date: '2022-03-14' });
    const plan = parsePlan('韶关市人民政府关于印发韶关市降低企业成本若干政策措施的通知_政策文件_韶关市人民政府门户网站\n一、政策措施');
    expect(plan).toMatchObject({ title: '韶关市降低企业成本若干政策措施', issuer: '韶关市人民政府' });
  });

  it('reads titles with a period suffix, after 附件, or only named in the notice sentence', () => {
    expect(parsePlan('附件1：某市数字经济发展行动方案（2023—2025年）\n一、总体要求').title).toBe('某市数字经济发展行动方案（2023—2025年）');
    expect(parsePlan('各区人民政府：\n现将《某市2023年重点工作任务清单》印发给你们，请认真贯彻落实。\n一、重点任务').title).toBe('某市2023年重点工作任务清单');
  });

  it('reads a site metadata table with 标题 and 发文日期 fields', () => {
    expect(parsePlan('标题：某市2023年重点任务分工方案\n发文日期：2023年2月8日\n一、重点任务')).toMatchObject({ title: '某市2023年重点任务分工方案', date: '2023-02-08' });
  });

  it('does not take （此件公开发布） into the title', () => {
    expect(parsePlan('国务院办公厅\n2021年7月5日\n（此件公开发布）\n全国深化改革重点任务分工方案\n一、任务').title).toBe('全国深化改革重点任务分工方案');
  });

  it('takes the issuer from the page source line when it names a unit (not a news site)', () => {
    expect(parsePlan('某县重点任务清单\n发布日期:2021-04-20 14:54 信息來源:某縣農業農村局 浏览次数:\n一、任务').issuer).toBe('某县农业农村局');
    expect(parsePlan('某县重点任务清单\n來源:韶關新聞網发表日期:2019-09-04 15:05\n一、任务').issuer).toBeNull();
  });

  it('takes the issuer and date from a site metadata table when there is no signature', () => {
    const plan = parsePlan('发布机构 金乡县农业农村局 组配分类 政策和解读\n成文日期 2021-04-20 废止日期\n2021年全县乡村振兴工作重点任务清单\n一、巩固成果');
    expect(plan).toMatchObject({ title: '2021年全县乡村振兴工作重点任务清单', issuer: '金乡县农业农村局', date: '2021-04-20', year: 2021 });
  });

  it('resolves printed deadlines to ISO dates', () => {
    expect(resolveDeadline('2022年3月底前', null)).toBe('2022-03-31');
    expect(resolveDeadline('年底前', 2023)).toBe('2023-12-31');
    expect(resolveDeadline('2024年6月30日前', null)).toBe('2024-06-30');
    expect(resolveDeadline('2023年上半年', null)).toBe('2023-06-30');
    expect(resolveDeadline('长期坚持', 2023)).toBeNull();
    expect(resolveDeadline('持续推进', 2023)).toBeNull();
  });

  it('resolves 年底前 with the document year', () => {
    const plan = parsePlan('2023年全市重点工作任务清单\n一、重点任务\n1.完成改造。\n责任单位：市住建局\n完成时限：年底前');
    expect(plan.tasks[0]).toMatchObject({ deadline: '年底前', deadlineDate: '2023-12-31' });
  });
});

describe('the rest of the document', () => {
  const plan = parsePlan(
    [
      '某市建议案办理工作方案',
      '一、重点工程项目',
      '（一）交通基础设施重点项目。',
      '1.铁路。规划建设武汉至宜昌铁路，推进黄石市、鄂州市疏港铁路建设。（市发改委负责）',
      '二、工作安排',
      '（一）工作部署阶段（2022年3月底之前）。研究制订办理工作方案。',
      '（二）工作推进阶段（2022年4-10月）。认真开展办理工作。',
      '三、工作措施',
      '（一）加强组织领导。成立由市人民政府分管副市长任组长，市发改委主任任副组长的领导小组。',
      '（二）完善工作机制。建立信息报送、月调度、季通报制度，各责任单位每季度向市发改委报送工作进展情况，每半年报市政府督查室汇总。',
      '领导小组组成人员名单',
      '组长：陈某某  市委常委、常务副市长',
      '副组长：黄某某  市人民政府副秘书长',
      '成员：董某某  市委组织部副部长',
      '曾某  市委宣传部一级调研员',
      '领导小组办公室主任由孟某某兼任。',
    ].join('\n'),
  );

  it('reads key projects with the places they name', () => {
    expect(plan.projects).toEqual([expect.objectContaining({ name: '铁路', path: '一/（一）/1' })]);
    expect(plan.projects[0]!.places).toEqual(expect.arrayContaining(['武汉', '宜昌', '黄石市', '鄂州市']));
  });

  it('reads phases with their dates', () => {
    expect(plan.phases.map((p) => [p.name, p.printed, p.start, p.end])).toEqual([
      ['工作部署阶段', '2022年3月底之前', null, '2022-03-31'],
      ['工作推进阶段', '2022年4-10月', '2022-04-01', '2022-10-31'],
    ]);
  });

  it('reads reporting cadences with their recipients', () => {
    const c = plan.cadences.map((x) => [x.period, x.to]);
    expect(c).toContainEqual(['monthly', null]);
    expect(c).toContainEqual(['quarterly', '市发改委']);
    expect(c).toContainEqual(['half-yearly', '市政府督查室']);
  });

  it('reads the leading group', () => {
    const g = plan.leadingGroup.map((m) => [m.role, m.name, m.title]);
    expect(g).toContainEqual(['leader', '陈某某', '市委常委、常务副市长']);
    expect(g).toContainEqual(['deputy', '黄某某', '市人民政府副秘书长']);
    expect(g).toContainEqual(['member', '董某某', '市委组织部副部长']);
    expect(g).toContainEqual(['member', '曾某', '市委宣传部一级调研员']);
    expect(g).toContainEqual(['office-director', '孟某某', '']);
    expect(g).toContainEqual(['leader', '', '市人民政府分管副市长']);
  });
});
