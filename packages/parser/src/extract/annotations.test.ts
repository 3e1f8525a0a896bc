import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';

const annotated = (text: string) =>
  parsePlan(text)
    .tasks.filter((t) => t.lead.length + t.responsible.length + t.cooperating.length > 0)
    .map((t) => ({ path: t.path, text: t.text, lead: t.lead, responsible: t.responsible, cooperating: t.cooperating, deadline: t.deadline }));

describe('annotation forms', () => {
  it('reads （牵头单位：…；责任单位：…；配合单位：…） with full-width punctuation', () => {
    const [t] = annotated('一、重点任务\n1.建设数字政府。推进一网通办。（牵头单位：市政务服务局；责任单位：市发改委、市财政局；配合单位：市统计局）');
    expect(t).toEqual({ path: '一/1', text: '建设数字政府。推进一网通办。', lead: ['市政务服务局'], responsible: ['市发改委', '市财政局'], cooperating: ['市统计局'], deadline: null });
  });

  it('reads the ASCII form (牵头单位:X;责任单位:Y)', () => {
    const [t] = annotated('二、工作任务\n(一)健全机制\n1.建立健全工作交流机制。(牵头单位:市委组织部;责任单位:武圈办秘书处,市科协)');
    expect(t).toMatchObject({ path: '二/（一）/1', lead: ['市委组织部'], responsible: ['武圈办秘书处', '市科协'] });
  });

  it('reads labels on their own lines under the item, with the deadline', () => {
    const plan = parsePlan('一、重点任务\n1.完成老旧小区改造。\n牵头单位：市住建局\n责任单位：各区人民政府\n完成时限：2022年6月底前\n2.推进智慧社区建设。\n责任单位：市民政局');
    const tasks = plan.tasks.filter((t) => t.responsible.length + t.lead.length > 0);
    expect(tasks.map((t) => [t.path, t.text, t.lead, t.responsible, t.deadline, t.deadlineDate])).toEqual([
      ['一/1', '完成老旧小区改造。', ['市住建局'], ['各区人民政府'], '2022年6月底前', '2022-06-30'],
      ['一/2', '推进智慧社区建设。', [], ['市民政局'], null, null],
    ]);
  });

  it('reads X牵头，Y配合 / 由X负责 / X按职责分工负责 / X落实', () => {
    const tasks = annotated(
      [
        '一、主要任务',
        '1.加快项目建设。（市发改委牵头，市财政局、市自然资源局配合）',
        '2.优化营商环境。（由市市场监管局负责）',
        '3.推进基层治理。（各县（市、区）人民政府按职责分工负责）',
        '4.保持政策稳定。（责任单位：县扶贫开发办牵头，县民政局等有关部门参加，各镇街落实）',
      ].join('\n'),
    );
    expect(tasks.map((t) => [t.lead, t.responsible, t.cooperating])).toEqual([
      [['市发改委'], [], ['市财政局', '市自然资源局']],
      [[], ['市市场监管局'], []],
      [[], ['各县（市、区）人民政府'], []],
      [['县扶贫开发办'], ['各镇街'], ['县民政局等有关部门']],
    ]);
  });

  it('reads a bare （X、Y） at the end of an item but not explanatory brackets', () => {
    const tasks = annotated(
      ['四、主要任务', '1.拓展两个市场。推广增值税一般纳税人资格试点。（税务总局、财政部、海关总署）', '2.建设统一平台（以下简称平台）。完善保税物流中心（B型）。', '3.加强协调（试行）。'].join('\n'),
    );
    expect(tasks).toEqual([{ path: '四/1', text: '拓展两个市场。推广增值税一般纳税人资格试点。', lead: [], responsible: ['税务总局', '财政部', '海关总署'], cooperating: [], deadline: null }]);
  });

  it('gives one task per annotation inside one item, with the same path', () => {
    const tasks = annotated(
      '二、工作任务\n(二)加快发展\n1.加快推动规划同编。出台发展规划,(责任单位:市发改委)进一步完善《空间规划》,(责任单位:市自然资源规划局)加快专项规划编制工作。(责任单位:市交通运输局、市经信局)',
    );
    expect(tasks.map((t) => [t.path, t.text.slice(0, 8), t.responsible])).toEqual([
      ['二/（二）/1', '加快推动规划同编', ['市发改委']],
      ['二/（二）/1', '进一步完善《空间', ['市自然资源规划局']],
      ['二/（二）/1', '加快专项规划编制', ['市交通运输局', '市经信局']],
    ]);
  });

  it('gives an annotation on its own line after (1)…(4) to the parent item', () => {
    const tasks = annotated('一、重点任务\n1.实施四大行动：\n（1）产业提升行动；\n（2）创新驱动行动；\n（3）开放合作行动；\n（4）生态保护行动。\n（牵头单位：市发改委；责任单位：市科技局）\n2.下一项。（市商务局负责）');
    expect(tasks.map((t) => [t.path, t.lead, t.responsible])).toEqual([
      ['一/1', ['市发改委'], ['市科技局']],
      ['一/2', [], ['市商务局']],
    ]);
  });

  it('expands a 〈…〉 list that spells out a collective', () => {
    const [t] = annotated('一、任务\n1.建立推进机制。(责任单位:武圈办秘书处,5个专题组牵头单位〈市科技局、市交通运输局、市招商办〉)');
    expect(t!.responsible).toEqual(['武圈办秘书处', '市科技局', '市交通运输局', '市招商办']);
  });

  it('reads unit columns of a task table, with group rows as headings', () => {
    const plan = parsePlan(
      ['序号 | 工作任务 | 完成时限 | 配合单位 | 牵头单位 |', '一、产业发展 |', '1 | 培育龙头企业 | 2023年底前 | 市财政局 | 市工信局 |', '2 | 建设产业园区 | 长期坚持 | | 市发改委 |'].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.cooperating, t.deadline, t.deadlineDate])).toEqual([
      ['一/1', '培育龙头企业', ['市工信局'], ['市财政局'], '2023年底前', '2023-12-31'],
      ['一/2', '建设产业园区', ['市发改委'], [], '长期坚持', null],
    ]);
  });

  it('reads a key-value record (重点工作 | 牵头单位 rows)', () => {
    const [t] = annotated('重点工作: | 135.统筹违法建设治理与城市更新。 |\n牵头单位: | 市城市管理综合执法局 |');
    expect(t).toMatchObject({ path: '135', lead: ['市城市管理综合执法局'] });
  });

  it('reads annotations and label lists that wrap onto the next line', () => {
    const tasks = annotated('一、重点任务\n1.加快建设。推进项目落地（责任单位：市发改委、\n市财政局）\n2.完善机制。\n责任单位：市商务局、市工信局、\n市科技局\n3.强化保障。（市民政局负责）');
    expect(tasks.map((t) => t.responsible)).toEqual([['市发改委', '市财政局'], ['市商务局', '市工信局', '市科技局'], ['市民政局']]);
  });

  it('takes a time clause inside an annotation as its deadline, not as a unit', () => {
    const [t] = annotated('一、任务\n（一）继续执行制度性减税政策。（财政部、税务总局按职责分工负责，2021年12月底前完成）');
    expect(t).toMatchObject({ responsible: ['财政部', '税务总局'], deadline: '2021年12月底前完成' });
  });

  it('reads roles marked on a unit and 【】 brackets', () => {
    const [t] = annotated('一、任务\n1.推进改革。【责任单位：市发改委（牵头）、市财政局、市商务局（配合）】');
    expect(t).toMatchObject({ lead: ['市发改委'], responsible: ['市财政局'], cooperating: ['市商务局'] });
    expect(annotated('一、任务\n1.推进改革。[责任单位:市司法局]')[0]!.responsible).toEqual(['市司法局']);
  });

  it('warns about orphan annotations and names that do not look like units', () => {
    const plan = parsePlan('一、任务\n1.（责任单位：市发改委）\n2.推进改革。（责任单位：各相关部门要结合实际情况认真研究制定具体落实措施的单位）');
    expect(plan.tasks.map((t) => t.path)).toEqual(['一/2']);
    const codes = plan.warnings.map((w) => w.code);
    expect(codes).toContain('annotation.orphan');
    expect(codes).toContain('unit.suspicious');
    expect(plan.warnings.every((w) => /请/.test(w.message))).toBe(true);
  });

  it('reads a label after the item text on the same line, and composite row numbers', () => {
    expect(annotated('一、任务\n1.推进数字化改革   责任单位：市数据局')[0]).toMatchObject({ text: '推进数字化改革', responsible: ['市数据局'] });
    const plan = parsePlan('序号 | 工作任务 | 责任单位 |\n1-1 | 建设平台 | 市数据局 |\n1-2 | 完善制度 | 市司法局 |');
    expect(plan.tasks.map((t) => [t.path, t.responsible])).toEqual([
      ['1-1', ['市数据局']],
      ['1-2', ['市司法局']],
    ]);
  });

  it('reads annotations hard-wrapped inside a label or a verb', () => {
    const tasks = annotated('一、任务\n1.拓展服务事项范围。(牵头单位:市政务服务局;责\n任单位:市公安局、市民政局)\n2.保障困难群众基本生活。（财政部、民政部等有关部门和单位按职\n责分工负责）');
    expect(tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [['市政务服务局'], ['市公安局', '市民政局']],
      [[], ['财政部', '民政部等有关部门和单位']],
    ]);
    expect(parsePlan('长江中游城市群发(f\nā)展').text).toBe('长江中游城市群发展');
  });

  it('is not thrown off by a stray opening bracket', () => {
    const [t] = annotated('一、任务\n1.推进改革（详见附件。完善制度。（责任单位：市司法局）');
    expect(t!.responsible).toEqual(['市司法局']);
  });

  it('reads bare lists with one-character place kinds and central units', () => {
    const [t] = annotated('一、任务\n1.做好青年工作。（各市、州、县人民政府，共青团中央）');
    expect(t!.responsible).toEqual(['各市', '州', '县人民政府', '共青团中央']);
  });

  it('reads tab-separated task tables', () => {
    const plan = parsePlan('序号\t重点任务\t牵头单位\t责任单位\n1\t建设智慧城市\t市数据局\t市财政局、市发改委\n2\t推进城市更新\t市住建局\t');
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.responsible])).toEqual([
      ['1', '建设智慧城市', ['市数据局'], ['市财政局', '市发改委']],
      ['2', '推进城市更新', ['市住建局'], []],
    ]);
  });

  it('reads an unnumbered key-value record as one task', () => {
    const [t] = annotated('重点工作： | 统筹违法建设治理与城市更新。 |\n牵头单位： | 市城市管理综合执法局 |\n配合单位： | 各区人民政府 |');
    expect(t).toMatchObject({ path: '', text: '统筹违法建设治理与城市更新。', lead: ['市城市管理综合执法局'], cooperating: ['各区人民政府'] });
  });

  it('keeps unannotated items of a task section as tasks without units', () => {
    const plan = parsePlan('二、重点任务\n1.推进城市更新。\n2.完善公共服务。（市民政局负责）');
    expect(plan.tasks.map((t) => [t.path, t.responsible])).toEqual([
      ['二/1', []],
      ['二/2', ['市民政局']],
    ]);
  });
});

describe('unit list splitting', () => {
  const units = (annotation: string) => annotated(`一、任务\n1.做好工作。${annotation}`)[0];

  it('never splits inside brackets and does not distribute shared suffixes', () => {
    expect(units('（责任单位：各县（市、区）人民政府，东湖高新区、武汉经开区、临空港开发区管委会）')!.responsible).toEqual([
      '各县（市、区）人民政府',
      '东湖高新区',
      '武汉经开区',
      '临空港开发区管委会',
    ]);
  });

  it('splits on 及 and on 和 before 各…, but not inside names', () => {
    expect(units('（文化和旅游部、能源局等省有关部门和各地级以上市人民政府及省财政厅按职责分工负责）')!.responsible).toEqual([
      '文化和旅游部',
      '能源局等省有关部门',
      '各地级以上市人民政府',
      '省财政厅',
    ]);
  });

  it('strips a bare final 等 and trailing verbs, keeps 等有关部门 qualifiers', () => {
    expect(units('（省科技厅、省国税局等负责）')!.responsible).toEqual(['省科技厅', '省国税局']);
    expect(units('（人力资源社会保障部等有关部门和单位负责）')!.responsible).toEqual(['人力资源社会保障部等有关部门和单位']);
    expect(units('（省发改委牵头落实）')!.lead).toEqual(['省发改委']);
  });

  it('drops persons and document-level notes, keeps the literal roles', () => {
    const t = units('（分管副省长、协管副秘书长负责，省科技厅牵头。明确牵头部门的，其他有关部门配合，下同）');
    expect(t).toMatchObject({ lead: ['省科技厅'], responsible: [], cooperating: [] });
    const u = units('（责任单位：市税务局、市财政局，排在首位的为牵头单位，下同）');
    expect(u).toMatchObject({ lead: [], responsible: ['市税务局', '市财政局'] });
  });

  it('reads （此项工作由X负责）', () => {
    expect(units('（此项工作由市发改委负责）')!.responsible).toEqual(['市发改委']);
  });

  it('splits X会同Y', () => {
    expect(units('（省发展改革委会同省财政厅负责）')!.responsible).toEqual(['省发展改革委', '省财政厅']);
  });

  it('does not repeat a unit within one task', () => {
    expect(units('（牵头单位：市发改委；责任单位：市发改委、市财政局）')).toMatchObject({ lead: ['市发改委'], responsible: ['市财政局'] });
  });

  it('converts traditional unit names to simplified', () => {
    expect(units('（責任單位：省發改委、省財政廳）')!.responsible).toEqual(['省发改委', '省财政厅']);
  });
});
