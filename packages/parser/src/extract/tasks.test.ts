import { describe, expect, it } from 'vitest';
import { makeXlsx } from '../__tests__/fixtures.js';
import { parseDocument } from '../adapters/index.js';
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

  it('closes a row whose text ran on to the next line, and takes units on separate words as one cell', () => {
    const text = ['序号 工作任务 牵头单位', '1 一般公共预算收入增长8%以上,', '税收占比提高到80%. 县财政局', '2 固定资产投资增长10%. 县发改局 县工信局', '3 新增规上企业10家. 县工信局'].join('\n');
    expect(parsePlan(text).tasks.map((t) => [t.path, t.text, t.lead])).toEqual([
      ['1', '一般公共预算收入增长8%以上,税收占比提高到80%.', ['县财政局']],
      ['2', '固定资产投资增长10%.', ['县发改局', '县工信局']],
      ['3', '新增规上企业10家.', ['县工信局']],
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

describe('responsibility inside a sentence', () => {
  it('reads units and role verbs closing the last sentence after its text (…，由X牵头，Y配合。)', () => {
    expect(rows('一、重点任务\n1.完善项目储备机制，由区发改局牵头，区财政局、区自然资源和规划局配合。')).toEqual([
      ['一/1', '完善项目储备', ['区发改局'], [], ['区财政局', '区自然资源和规划局']],
    ]);
    expect(parsePlan('一、重点任务\n1.完善项目储备机制，由区发改局牵头，区财政局配合。').tasks[0]!.text).toBe('完善项目储备机制');
  });

  it('reads units opening a sentence (X牵头做好…, 由X负责…, X牵头，Y配合，…) and keeps them in the task text', () => {
    expect(
      rows(
        [
          '二、主要任务',
          '1.区住建局牵头做好老旧小区改造，年内完成20个小区。',
          '2.推进数字政府建设。由区数据局负责搭建统一平台，实现数据共享。',
          '3.区教育局牵头，区卫健局配合，开展学生体质监测。',
        ].join('\n'),
        9,
      ),
    ).toEqual([
      ['二/1', '区住建局牵头做好老', ['区住建局'], [], []],
      ['二/2', '推进数字政府建设。', [], ['区数据局'], []],
      ['二/3', '区教育局牵头，区卫', ['区教育局'], [], ['区卫健局']],
    ]);
  });

  it('reads a closing sentence of units and role verbs that ends in a time limit', () => {
    expect(rows('一、重点任务\n1.推进产业集聚。省发改委牵头，省直有关单位配合，2024年12月底前完成。\n2.加强人才引进，省人社厅牵头，2024年底前完成。\n3.完善体系，2024年底前完成。')).toEqual([
      ['一/1', '推进产业集聚', ['省发改委'], [], ['省直有关单位']],
      ['一/2', '加强人才引进', ['省人社厅'], [], []],
    ]);
  });

  it('does not read a unit qualifying a noun (牵头负责的项目) or everyone (全市各部门负责…) as an annotation', () => {
    expect(rows('一、重点任务\n1.市住建局牵头负责的棚改项目进展顺利，年内完成改造。\n2.全市各部门负责做好本系统安全生产工作。')).toEqual([]);
  });

  it('does not read an exhortation or a 负责人 as an annotation', () => {
    expect(
      rows(
        [
          '三、保障措施',
          '（一）加强领导。各地各部门要切实负责，抓好落实。',
          '（二）压实责任。各单位负责人是第一责任人，负责组织实施。',
          '（三）强化考核。把任务完成情况纳入年度考核，确保任务落实。',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('unit lists joined by words (LABELING.md splitting)', () => {
  it('splits at 及, 以及, 会同 and at 和 before 各…, but not at 和 inside or between names', () => {
    expect(
      rows(
        [
          '一、重点任务',
          '1.推进产业集聚。（区发改局及各街道办事处负责）',
          '2.完善农村设施。（区农业农村局以及区交通运输局）',
          '3.加强资金保障。（区财政局会同区发改局负责）',
          '4.加强文旅融合。（牵头单位：区文化和旅游局；责任单位：区财政局和各街道办事处）',
          '5.推进城乡融合。（区农业农村局和区财政局负责）',
        ].join('\n'),
      ),
    ).toEqual([
      ['一/1', '推进产业集聚', [], ['区发改局', '各街道办事处'], []],
      ['一/2', '完善农村设施', [], ['区农业农村局', '区交通运输局'], []],
      ['一/3', '加强资金保障', [], ['区财政局', '区发改局'], []],
      ['一/4', '加强文旅融合', ['区文化和旅游局'], ['区财政局', '各街道办事处'], []],
      ['一/5', '推进城乡融合', [], ['区农业农村局和区财政局'], []],
    ]);
  });

  it('keeps 各县（市、区）人民政府 whole in every annotation form and in a table cell', () => {
    const unit = '各县（市、区）人民政府';
    expect(
      rows(
        [
          '一、重点任务',
          `1.推进乡村建设。（牵头单位：省农业农村厅；责任单位：${unit}、省财政厅）`,
          `2.改善人居环境。（省住建厅、各县(市、区)人民政府）`,
          `3.加强耕地保护。省自然资源厅牵头，${unit}落实。`,
          '附件',
          '序号 | 任务 | 牵头单位 | 责任单位 |',
          `1 | 建设高标准农田 | 省农业农村厅 | ${unit}、省水利厅 |`,
        ].join('\n'),
      ),
    ).toEqual([
      ['一/1', '推进乡村建设', ['省农业农村厅'], [unit, '省财政厅'], []],
      ['一/2', '改善人居环境', [], ['省住建厅', '各县(市、区)人民政府'], []],
      ['一/3', '加强耕地保护', ['省自然资源厅'], [unit], []],
      ['1', '建设高标准农', ['省农业农村厅'], [unit, '省水利厅'], []],
    ]);
  });
});

describe('irregular and garbled item numbering', () => {
  it('reads ㈠…㈩, ⑴…⒇ and ⒈…⒛ as （一）, （1） and 1., and 一） as a style of its own', () => {
    expect(
      rows(
        ['一）重点任务', '㈠推进产业集聚', '⑴培育龙头企业。（县工信局负责）', '⑵建设产业园区。（县发改局负责）', '㈡优化营商环境', '⒈深化改革。（县政务服务局负责）', '二）保障措施', '⒈加强督查。（县政府办负责）'].join('\n'),
      ).map((r) => r[0]),
    ).toEqual(['一/（一）/（1）', '一/（一）/（2）', '一/（二）/1', '二/1']);
  });

  it('takes an item whose number was garbled (GBK read wrongly) for the next of its siblings', () => {
    expect(
      rows(
        [
          '一、构建现代产业体系',
          '(一)加快建设汽车产业基地。(牵头单位:市经贸委)',
          '?。ǘ┩推进石化基地建设,抓好乙烯改扩建项目。(牵头单位:市发改委)',
          '(三)加快物流园区建设。(牵头单位:市交委)',
        ].join('\n'),
      ).map((r) => [r[0], r[2]]),
    ).toEqual([
      ['一/（一）', ['市经贸委']],
      ['一/（二）', ['市发改委']],
      ['一/（三）', ['市交委']],
    ]);
  });
});

describe('task tables after the main text and cells with line breaks', () => {
  it('numbers a task table from the top when its title stands on its own line, without a 附件 line', () => {
    expect(
      rows(['某县2024年工作方案', '一、主要任务', '（一）推进产业发展。', '（二）加强组织保障。', '某县2024年重点任务分工表', '1.培育龙头企业。（牵头单位：县工信局）', '2.建设产业园区。（牵头单位：县发改局）'].join('\n')),
    ).toEqual([
      ['1', '培育龙头企业', ['县工信局'], [], []],
      ['2', '建设产业园区', ['县发改局'], [], []],
    ]);
  });

  it('joins a table row whose cells break over lines, and Chinese text broken inside a cell', () => {
    const text = ['序号 | 重点任务 | 牵头单位 | 责任单位 |', '1 | 培育龙头企业，壮大', '产业集群 | 县工信局 | 县发改局、', '县财政局 |', '2 | 建设产业园区 | 县发改局 | 县财政局 |'].join('\n');
    expect(parsePlan(text).tasks.map((t) => [t.path, t.text, t.lead, t.responsible])).toEqual([
      ['1', '培育龙头企业，壮大产业集群', ['县工信局'], ['县发改局', '县财政局']],
      ['2', '建设产业园区', ['县发改局'], ['县财政局']],
    ]);
  });

  it('joins a row broken over lines of a table without outer borders, its text without a space', () => {
    const text = ['序号 | 重点任务 | 牵头单位 | 责任单位', '1 | 培育龙头企业，壮大', '产业集群 | 县工信局 | 县财政局', '2 | 建设产业园区 | 县发改局 | 县财政局'].join('\n');
    expect(parsePlan(text).tasks.map((t) => [t.path, t.text, t.lead, t.responsible])).toEqual([
      ['1', '培育龙头企业，壮大产业集群', ['县工信局'], ['县财政局']],
      ['2', '建设产业园区', ['县发改局'], ['县财政局']],
    ]);
  });

  it('reads an XLSX cell with line breaks: text runs on, units one per line', async () => {
    const bytes = await makeXlsx([
      ['序号', '重点任务', '牵头单位', '配合单位'],
      [1, '培育龙头企业，\n壮大产业集群', '县工信局', '县发改局\n县财政局'],
    ]);
    const plan = await parseDocument(bytes, { filename: 'tasks.xlsx' });
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.cooperating])).toEqual([['1', '培育龙头企业，壮大产业集群', ['县工信局'], ['县发改局', '县财政局']]]);
  });
});

describe('page fragments (corpus-extra round 8)', () => {
  it('gives no task for a label line cut off in mid-list by the end of the text, and warns', () => {
    const text = [
      '五、加强生态保护',
      '1、推进污水治理。',
      '责任部门:县环保局牵头,县住建局、县水务局配合。',
      '2、加强林地保护。',
      '责任部门:县林业局牵头,县自然资源局配合。',
      '3、强化执法检查。',
      '责任部门:县环保局牵头,县公安局、县监',
    ].join('\n');
    const plan = parsePlan(text);
    expect(rows(text).map((r) => r[0])).toEqual(['五/1', '五/2']);
    expect(plan.warnings.filter((w) => w.code === 'annotation.orphan').map((w) => w.message)).toEqual([
      '这条责任单位标注在文本末尾被截断，单位名单不完整，未生成任务；请用完整的原文重新导入，或在复核时补上这项任务。',
    ]);
  });

  it('keeps a last label line that is complete (a unit, no sentence stop, as the document writes them)', () => {
    expect(rows(['一、重点任务', '1.推进污水治理。', '责任单位：县环保局', '2.强化执法检查。', '责任单位：县环保局、县公安局'].join('\n')).map((r) => [r[0], r[3]])).toEqual([
      ['一/1', ['县环保局']],
      ['一/2', ['县环保局', '县公安局']],
    ]);
  });

  it('opens a 一、 level after items of a fragment that starts inside an earlier chapter', () => {
    const text = [
      '4、完善配套措施。(县住建局牵头)',
      '七、健全住房保障制度',
      '1、扩大保障范围。(县住建局牵头)',
      '2、改善居住条件。',
      '(1)建设集体宿舍。(县住建局牵头)',
      '八、推进扶贫开发',
      '1、坚持整村推进。(县扶贫办牵头)',
    ].join('\n');
    expect(rows(text).map((r) => r[0])).toEqual(['4', '七/1', '七/2/（1）', '八/1']);
  });

  it('opens a （一） level after 1. items at the start of a fragment, and keeps 1. under （一） after it', () => {
    const text = ['3.完善配套。(县住建局牵头)', '（二）改善居住条件', '1.建设宿舍。(县住建局牵头)', '四、推进扶贫开发', '（一）整村推进', '1.坚持整村推进。(县扶贫办牵头)'].join('\n');
    expect(rows(text).map((r) => r[0])).toEqual(['3', '（二）/1', '四/（一）/1']);
  });
});

describe('annotation layouts of forms and spreadsheets', () => {
  it('reads two brackets in a row as one annotation of one task', () => {
    expect(rows('一、重点任务\n1.推进产业集聚。（牵头单位：镇经发办）（责任单位：镇财政所、各村委会）')).toEqual([
      ['一/1', '推进产业集聚', ['镇经发办'], ['镇财政所', '各村委会'], []],
    ]);
  });

  it('reads a label alone on its line with the units on the next line', () => {
    expect(rows(['一、重点任务', '1.加强人才引进。', '牵头单位：', '镇组织办', '责任单位：', '镇人社所、镇文化站'].join('\n'))).toEqual([
      ['一/1', '加强人才引进', ['镇组织办'], ['镇人社所', '镇文化站'], []],
    ]);
  });

  it('reads labels followed by a space instead of a colon when units follow', () => {
    const plan = parsePlan('一、重点任务\n1.优化营商环境。牵头单位 镇便民服务中心 责任单位 镇市场监管所 完成时限 2024年底前');
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.responsible, t.deadline])).toEqual([['一/1', '优化营商环境。', ['镇便民服务中心'], ['镇市场监管所'], '2024年底前']]);
    expect(rows('一、重点任务\n1.明确责任单位 落实到人。')).toEqual([]);
  });

  it('reads 牵头：X；配合：Y inside a unit cell of a table', () => {
    expect(rows(['序号 | 重点任务 | 责任单位 | 完成时限 |', '1 | 推进产业集聚 | 牵头：镇经发办；配合：镇财政所、镇规划所 | 2024年底 |'].join('\n'))).toEqual([
      ['1', '推进产业集聚', ['镇经发办'], [], ['镇财政所', '镇规划所']],
    ]);
  });

  it('reads an empty top-left header cell over row numbers as the 序号 column', () => {
    expect(rows(['| | 工作任务 | 牵头单位 | 配合单位 |', '| 1 | 培育龙头企业 | 县工信局 | 县财政局 |', '| 2 | 建设产业园区 | 县发改局 | |'].join('\n'))).toEqual([
      ['1', '培育龙头企业', ['县工信局'], [], ['县财政局']],
      ['2', '建设产业园区', ['县发改局'], [], []],
    ]);
  });

  it('reads a header over two rows (责任单位 merged over 牵头单位 | 配合单位)', () => {
    const text = ['| 序号 | 重点任务 | 责任单位 | | 完成时限 |', '| | | 牵头单位 | 配合单位 | |', '| 1 | 推进产业集聚 | 镇经发办 | 镇财政所 | 2024年底 |', '| 2 | 加强人才引进 | 镇组织办 | 镇文化站 | 2024年6月 |'].join('\n');
    expect(parsePlan(text).tasks.map((t) => [t.path, t.text, t.lead, t.cooperating, t.deadline])).toEqual([
      ['1', '推进产业集聚', ['镇经发办'], ['镇财政所'], '2024年底'],
      ['2', '加强人才引进', ['镇组织办'], ['镇文化站'], '2024年6月'],
    ]);
  });
});

describe('more unit shapes, role verbs and records written as text', () => {
  it('reads 党校 as a unit, 负总责 / 具体落实 as responsible and 协同 as cooperating', () => {
    expect(
      rows(['一、重点任务', '1.加强干部培训。（县委党校）', '2.推进安全生产。（县政府办公室负总责，县应急局具体落实）', '3.加强财政监督。（县财政局牵头，县审计局协同）'].join('\n')),
    ).toEqual([
      ['一/1', '加强干部培训', [], ['县委党校'], []],
      ['一/2', '推进安全生产', [], ['县政府办公室', '县应急局'], []],
      ['一/3', '加强财政监督', ['县财政局'], [], ['县审计局']],
    ]);
  });

  it('reads units written short (县财政) in a bare list whose other member has a full unit shape, not a list of short names alone', () => {
    expect(rows('一、重点任务\n1.推进项目建设。（县发改局、县财政、县教体）\n2.加强保障。（县发改、县财政）')).toEqual([['一/1', '推进项目建设', [], ['县发改局', '县财政', '县教体'], []]]);
  });

  it('strips stacked qualifiers of a role verb (按照职责分工分别负责)', () => {
    expect(rows('一、重点任务\n1.推进项目建设。（县发改局、县财政局按照职责分工分别负责）')).toEqual([['一/1', '推进项目建设', [], ['县发改局', '县财政局'], []]]);
  });

  it('reads 工作任务：X lines followed by 牵头单位：Y lines as one task per record, text after the key', () => {
    expect(parsePlan(['一、重点任务', '工作任务：推进产业集聚', '牵头单位：县发改局', '工作任务：加强人才引进', '牵头单位：县人社局'].join('\n')).tasks.map((t) => [t.path, t.text, t.lead])).toEqual([
      ['一', '推进产业集聚', ['县发改局']],
      ['一', '加强人才引进', ['县人社局']],
    ]);
  });
});

describe('group rows of a table and units placed first', () => {
  it('reads Chinese numerals in the 序号 column as group headings of the rows under them', () => {
    const text = [
      '序号 | 工作任务 | 牵头单位 | 配合单位 |',
      '一 | 产业发展 | | |',
      '1 | 培育龙头企业 | 县工信局 | 县财政局 |',
      '2 | 建设产业园区 | 县发改局 | |',
      '二 | 民生保障 | | |',
      '（一） | 教育 | | |',
      '3 | 新建学校5所 | 县教育局 | 县财政局 |',
    ].join('\n');
    expect(rows(text)).toEqual([
      ['一/1', '培育龙头企业', ['县工信局'], [], ['县财政局']],
      ['一/2', '建设产业园区', ['县发改局'], [], []],
      ['二/（一）/3', '新建学校5所', ['县教育局'], [], ['县财政局']],
    ]);
  });

  it('reads a label after a comma in the item line, and units in brackets that open the item', () => {
    expect(rows(['一、重点任务', '1.加快项目建设，责任单位：县发改局', '2.【县财政局】加强资金保障，提高资金使用效率。'].join('\n'), 8)).toEqual([
      ['一/1', '加快项目建设，', [], ['县发改局'], []],
      ['一/2', '【县财政局】加强', [], ['县财政局'], []],
    ]);
  });
});

describe('merged cells of HTML and DOCX tables', () => {
  it('repeats a cell merged over rows (rowspan) in each row and keeps columns after a colspan', async () => {
    const html =
      '<html><body><table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>配合单位</td></tr>' +
      '<tr><td colspan="4">一、产业发展</td></tr>' +
      '<tr><td>1</td><td>培育龙头企业</td><td rowspan="2">县工信局</td><td>县财政局</td></tr>' +
      '<tr><td>2</td><td>建设产业园区</td><td>县商务局</td></tr>' +
      '<tr><td>3</td><td>发展电子商务</td><td>县商务局</td><td rowspan="2">县邮政公司</td></tr>' +
      '<tr><td>4</td><td>完善物流体系</td><td>县交通运输局</td></tr></table></body></html>';
    const plan = await parseDocument(new TextEncoder().encode(html), { filename: 'table.html' });
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.cooperating])).toEqual([
      ['一/1', '培育龙头企业', ['县工信局'], ['县财政局']],
      ['一/2', '建设产业园区', ['县工信局'], ['县商务局']],
      ['一/3', '发展电子商务', ['县商务局'], ['县邮政公司']],
      ['一/4', '完善物流体系', ['县交通运输局'], ['县邮政公司']],
    ]);
  });
});

describe('merged cells of a DOCX table', () => {
  it('gives a 牵头单位 merged over two rows to both tasks', async () => {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow } = await import('docx');
    const cell = (t: string, rowSpan?: number) => new TableCell({ children: [new Paragraph(t)], ...(rowSpan ? { rowSpan } : {}) });
    const table = new Table({
      rows: [
        new TableRow({ children: [cell('序号'), cell('工作任务'), cell('牵头单位'), cell('完成时限')] }),
        new TableRow({ children: [cell('1'), cell('培育龙头企业'), cell('县工信局', 2), cell('2024年底')] }),
        new TableRow({ children: [cell('2'), cell('建设产业园区'), cell('2025年底')] }),
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('某县重点任务分工表'), table] }] })));
    const plan = await parseDocument(bytes, { filename: 'tasks.docx' });
    expect(plan.tasks.map((t) => [t.path, t.text, t.lead, t.deadline])).toEqual([
      ['1', '培育龙头企业', ['县工信局'], '2024年底'],
      ['2', '建设产业园区', ['县工信局'], '2025年底'],
    ]);
  });
});

describe('page furniture and marks', () => {
  it('reads an annotation across a page number line (- 3 -) copied from a printed page', () => {
    expect(rows(['一、重点任务', '1.推进产业集聚，培育龙头企业。（牵头单位：县发改', '- 3 -', '局；责任单位：县工信局）', '2.加强人才引进。（县人社局）'].join('\n'))).toEqual([
      ['一/1', '推进产业集聚', ['县发改局'], ['县工信局'], []],
      ['一/2', '加强人才引进', [], ['县人社局'], []],
    ]);
  });

  it('reads labels in brackets (【牵头单位】X【配合单位】Y), in the item line or on lines of their own', () => {
    const text = ['一、重点任务', '1.推进项目建设。【牵头单位】县发改局【配合单位】县财政局、县统计局', '2.加强保障。', '【责任单位】县财政局', '【完成时限】2024年底前'].join('\n');
    expect(parsePlan(text).tasks.map((t) => [t.path, t.text, t.lead, t.responsible, t.cooperating, t.deadline])).toEqual([
      ['一/1', '推进项目建设。', ['县发改局'], [], ['县财政局', '县统计局'], null],
      ['一/2', '加强保障。', [], ['县财政局'], [], '2024年底前'],
    ]);
  });

  it('reads a label after a mark such as ▲ or ★', () => {
    expect(rows('一、重点任务\n1.加强人才引进。▲责任单位：县人社局')).toEqual([['一/1', '加强人才引进', [], ['县人社局'], []]]);
  });
});

describe('a table copied one cell per line without cell borders', () => {
  it('reads lines 序号 / column words / 1 / cells… as a table, up to a blank line', () => {
    const cells = ['序号', '重点任务', '牵头单位', '责任单位', '一、产业发展', '1', '培育龙头企业', '县工信局', '县财政局', '2', '建设产业园区', '县发改局', '县自然资源局'];
    expect(rows(['附件', ...cells, '', '二、保障措施', '（一）加强组织领导。（县委办负责）'].join('\n'))).toEqual([
      ['一/1', '培育龙头企业', ['县工信局'], ['县财政局'], []],
      ['一/2', '建设产业园区', ['县发改局'], ['县自然资源局'], []],
      ['二/（一）', '加强组织领导', [], ['县委办'], []],
    ]);
  });
});

describe('a table copied one cell per line with group rows', () => {
  it('reads 一、… cells between the rows as group headings, not as cells of a row', () => {
    const cells = ['序号', '重点任务', '牵头单位', '责任单位', '一、产业发展', '1', '培育龙头企业', '县工信局', '县财政局', '2', '建设产业园区', '县发改局', '县自然资源局', '二、民生保障', '3', '新建学校5所', '县教育局', '县财政局'];
    expect(rows(['附件', ...cells.map((c) => `${c} |`)].join('\n'))).toEqual([
      ['一/1', '培育龙头企业', ['县工信局'], ['县财政局'], []],
      ['一/2', '建设产业园区', ['县发改局'], ['县自然资源局'], []],
      ['二/3', '新建学校5所', ['县教育局'], ['县财政局'], []],
    ]);
  });
});
