import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.js';

// Task and role rules generalised from corpus-extra round 7 onwards (corpus-extra/ROUND7.md) and
// from known gaps, each with a small document written here (not copied from the corpus).

/** path, first characters of the text, lead, responsible, cooperating — of annotated tasks only. */
function rows(text: string, chars = 6): Array<[string, string, string[], string[], string[]]> {
  return parsePlan(text)
    .tasks.filter((t) => t.lead.length + t.responsible.length + t.cooperating.length > 0)
    .map((t) => [t.path, t.text.slice(0, chars), t.lead, t.responsible, t.cooperating]);
}

describe('a table flattened into lines of space-separated cells', () => {
  it('reads a header line of column names and rows `N 文本 单位` under group headings', () => {
    const text = [
      '某县2024年重点工作任务分解表',
      '序号 工作任务 牵头单位 完成时限',
      '一、稳定经济增长',
      '1 全年新增市场主体3000户以上. 县市场监管局 2024年12月底前',
      '2 推进重点项目建设,完成投资40亿元. 县发改局、县财政局 长期坚持',
      '二、改善民生',
      '3 新建城市社区养老服务站5个. 县民政局',
    ].join('\n');
    expect(rows(text)).toEqual([
      ['一/1', '全年新增市场', ['县市场监管局'], [], []],
      ['一/2', '推进重点项目', ['县发改局', '县财政局'], [], []],
      ['二/3', '新建城市社区', ['县民政局'], [], []],
    ]);
    expect(parsePlan(text).tasks.filter((t) => t.lead.length).map((t) => t.deadline)).toEqual(['2024年12月底前', '长期坚持', null]);
  });

  it('finds the header at the end of a line that runs the cover notice into the table', () => {
    const text = [
      '各乡镇人民政府,县直各单位: 现将任务分解如下,请认真落实. 附件:重点任务分解表 某县人民政府办公室 2023年3月1日 重点任务分解表 序号 名称 工作任务 责任单位 配合单位',
      '1 城乡居民收入增长6%以上. 县人社局 县农业农村局',
      '2 粮食播种面积稳定在50万亩. 县农业农村局',
    ].join('\n');
    expect(rows(text)).toEqual([
      ['1', '城乡居民收入', [], ['县人社局'], ['县农业农村局']],
      ['2', '粮食播种面积', [], ['县农业农村局'], []],
    ]);
  });

  it('leaves lines of numbers and words alone when no header of column names comes first', () => {
    expect(rows('一、主要任务\n1 完善制度 县发改局\n2 强化保障 县财政局')).toEqual([]);
  });
});

describe('annotation labels for divisions and persons', () => {
  it('reads 责任科室 / 牵头处室 / 配合股室 as unit labels of a bureau’s own plan', () => {
    expect(
      rows(
        [
          '一、加强党的建设',
          '1.加强思想理论武装。完善学习制度。(责任科室:办公室、人事科)',
          '2.加强作风建设。开展专项整治。(牵头处室:机关党委;配合股室:监察室)',
        ].join('\n'),
      ),
    ).toEqual([
      ['一/1', '加强思想理论', [], ['办公室', '人事科'], []],
      ['一/2', '加强作风建设', ['机关党委'], [], ['监察室']],
    ]);
  });

  it('drops a 牵头领导 (a person) but keeps the units labelled after it', () => {
    expect(rows('一、重点任务\n1.优化营商环境。（牵头领导：张副县长；牵头单位：县发改局；责任单位（部门）：县市场监管局）')).toEqual([
      ['一/1', '优化营商环境', ['县发改局'], ['县市场监管局'], []],
    ]);
  });
});
