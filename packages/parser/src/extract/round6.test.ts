import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';
import { goals } from '../__tests__/read.js';

// Round 6 of corpus-extra (corpus-extra/ROUND6.md): each rule generalised from its failures, with
// a small document written here in the shape found there.

describe('round 6: goals counted in people, firms and projects', () => {
  it('names a count by the noun after the number, up to a following verb or the next count', () => {
    expect(
      goals(
        [
          '二、重点项目',
          '（一）企业家培养项目。5年内选拔100名正职后备人才，重点支持300名经营管理领军人才赴境外培训，组织和发动80家科技类社会组织，筹集建设1000套专家公寓和5000套人才公寓。（牵头单位：市国资委）',
        ].join('\n'),
      ),
    ).toEqual([
      ['选拔正职后备人才', 100, '名', '='],
      ['支持经营管理领军人才', 300, '名', '='],
      ['发动科技类社会组织', 80, '家', '='],
      ['筹集建设专家公寓', 1000, '套', '='],
      ['筹集建设人才公寓', 5000, '套', '='],
    ]);
  });

  it('takes the head after 等 in a long list, and the noun after 不少于N名', () => {
    expect(
      goals('二、重点项目\n（一）法治人才项目。重点引进和培养500名法院、检察院、公安、律师、公证等高层次法治专门人才，重点培养不少于10名站在科技前沿的院士后备人才。（牵头单位：市委政法委）'),
    ).toEqual([
      ['培养高层次法治专门人才', 500, '名', '='],
      ['重点培养站在科技前沿的院士后备人才', 10, '名', '>='],
    ]);
  });

  it('keeps counts of people or firms to be funded as goals, but not the money they get', () => {
    expect(goals('二、重点项目\n（一）技能人才项目。每年评选资助200名技能突出人才，给予每人2万元培训补贴，遴选扶持500家以上初创企业。（牵头单位：市人社局）')).toEqual([
      ['评选资助技能突出人才', 200, '名', '='],
      ['遴选扶持初创企业', 500, '家', '>='],
    ]);
  });

  it('does not read a duration (90个工作日) or 人才 in a project name as a count', () => {
    expect(goals('一、主要目标\n到2025年，审批时间压缩至90个工作日以内。\n二、重点项目\n1.引进项目。\n2.121人才梯队项目。培养青年人才。')).toEqual([['审批时间', 90, '个工作日', '<=']]);
  });
});

describe('round 6: item numbers and brackets', () => {
  it('reads 11.121人才梯队项目 as item 11 after item 10', () => {
    const plan = parsePlan(['二、重点项目', '10.学者项目。（市委组织部牵头）', '11.121人才梯队项目。重点培养青年人才。（市人社局牵头）'].join('\n'));
    expect(plan.tasks.map((t) => [t.path, t.text.slice(0, 9), t.lead])).toEqual([
      ['二/10', '学者项目。', ['市委组织部']],
      ['二/11', '121人才梯队项目', ['市人社局']],
    ]);
  });

  it('takes a bracketed gloss inside a sentence for what it is, not for a unit annotation', () => {
    const plan = parsePlan('二、重点项目\n32.海外引才项目。建立人才联络站（海外人才工作站），逐步形成引才网络。（牵头单位：市留交办，配合单位：各区）\n33.社区服务。建成社区综合体（社区服务中心）；完善服务网络。');
    expect(plan.tasks.filter((t) => t.lead.length + t.responsible.length + t.cooperating.length > 0).map((t) => [t.path, t.lead, t.responsible, t.cooperating])).toEqual([
      ['二/32', ['市留交办'], [], ['各区']],
    ]);
  });

  it('makes no task of an annotation cut off by the end of the text, and warns', () => {
    const plan = parsePlan('三、重点任务\n1. 推广成功经验。（牵头单位：市发');
    expect(plan.tasks.filter((t) => t.lead.length > 0)).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toContain('annotation.orphan');
  });
});

describe('round 6: goals under 主要目标 and shares of a population', () => {
  it('reads a 2022年，… sentence of a 2022—2024 plan as a first-year goal, not an achieved figure', () => {
    const plan = parsePlan('某市新型基础设施建设三年行动方案(2022—2024年)\n一、主要目标\n2022年，全市新建5G基站2600个以上。到2024年，全市累计建成5G基站1万个。');
    expect(plan.indicators.map((i) => [i.name, i.target, i.comparator, i.year])).toEqual([
      ['全市新建5G基站', 2600, '>=', 2022],
      ['全市累计建成5G基站', 1, '=', 2024],
    ]);
  });

  it('reads N%的X建成Y as a goal on that share', () => {
    expect(goals('一、工作目标\n到2027年底前，确保中心城区50%的城市社区建成完备的社区嵌入式服务综合体。')).toEqual([['城市社区建成完备的社区嵌入式服务综合体', 50, '%', '=']]);
  });
});

describe('round 6: notice titles and issuers', () => {
  it('reads joint issuers separated by spaces before 关于印发, and a title wrapped over three lines with its period', () => {
    const plan = parsePlan(
      [
        '某市发展和改革委员会 中共某市委社会工作部 某市住房和城乡建设局 关于印发某市社区服务设施建设实施方案的通知',
        '各区（市）县政府，市级有关部门：',
        '现将《某市社区服务设施建设实施方案》印发给你们，请认真贯彻执行。',
      ].join('\n'),
    );
    expect(plan.issuer).toBe('某市发展和改革委员会 中共某市委社会工作部 某市住房和城乡建设局');
    expect(plan.title).toBe('某市社区服务设施建设实施方案');
    const wrapped = parsePlan(['“党政混合信息公开” 中共某区委办公室 某区人民政府办公室印发《某区品牌建设三年行动计划(2018—2020年)》的通知', '某区全力打响服务品牌', '加快建设国际城区三年行动计划', '(2018—2020年)', '一、总体要求'].join('\n'));
    expect(wrapped.title).toBe('某区全力打响服务品牌加快建设国际城区三年行动计划(2018—2020年)');
    expect(wrapped.issuer).toBe('中共某区委办公室 某区人民政府办公室');
  });

  it('takes the title from 关于印发X的通知 over a quoted 《政府工作报告》, keeping 《》 balanced', () => {
    expect(parsePlan('某市人民政府办公室关于印发2025年政府工作报告主要目标任务分解的通知\n各县、区人民政府：\n2025年《政府工作报告》已经市人大审议通过，现将主要目标任务分解下发。').title).toBe('2025年政府工作报告主要目标任务分解');
    expect(parsePlan('某区人民政府办公室关于印发《政府工作报告》重点工作任务分工的通知\n各街道办事处：\n经区政府同意，现印发给你们。').title).toBe('《政府工作报告》重点工作任务分工');
  });

  it('does not take a site field line with an ISO date for a signature, and strips 关于印发 from a title without 的通知', () => {
    const plan = parsePlan(['某市某区人民政府办公室关于印发《政府工作报告》重点工作任务分工的通知', '某区政府', '2021-04-01', '各街道办事处：'].join('\n'));
    expect([plan.issuer, plan.date]).toEqual(['某市某区人民政府办公室', null]);
    const site = parsePlan(['某省人民政府办公厅关于印发某省贯彻落实《某规划》工作方案', '各市人民政府：', '现印发给你们。', '某省人民政府办公厅', '2017年5月15日', '某省贯彻落实《某规划》工作方案', '一、总体要求'].join('\n'));
    expect(site.title).toBe('某省贯彻落实《某规划》工作方案');
  });
});
