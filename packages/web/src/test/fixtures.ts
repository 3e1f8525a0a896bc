import type { OutlineNode, ParsedPlan, SourceSpan } from '@xietong/parser';

const sp = (start: number, end: number): SourceSpan => ({ start, end, original: { start: start + 10, end: end + 10 } });

/** Build a small parsed plan whose spans point at real offsets in its text. */
export function buildPlan(overrides: Partial<ParsedPlan> = {}): ParsedPlan {
  const head = '一、总体要求\n';
  const task = '（一）推进数字政府建设，2022年底前完成平台上线。（牵头单位：市发改委；责任单位：市数据局、市财政局）\n';
  const ind = '二、主要指标\n到2025年，常住人口城镇化率达到70%。\n';
  const text = head + task + ind;
  const taskStart = head.length;
  const taskEnd = taskStart + task.length - 1;
  const indStart = text.indexOf('到2025年');
  const indEnd = text.indexOf('70%') + 3;
  const node = (id: string, kind: OutlineNode['kind'], level: number, start: number, end: number, title: string, children: OutlineNode[] = []): OutlineNode => ({
    id,
    kind,
    level,
    marker: null,
    label: null,
    path: id,
    title,
    text: text.slice(start, end),
    span: sp(start, end),
    children,
  });
  const outline = node('n0', 'document', 0, 0, text.length, '文件', [
    node('n1', 'heading', 1, 0, head.length - 1, '总体要求', [node('n2', 'item', 2, taskStart, taskEnd, '推进数字政府建设')]),
    node('n3', 'heading', 1, text.indexOf('二、'), text.indexOf('二、') + 6, '主要指标'),
  ]);
  return {
    title: '测试工作方案',
    docNumber: null,
    issuer: '武汉市人民政府',
    date: null,
    recipients: [],
    kind: 'work',
    year: 2022,
    outline,
    tasks: [
      {
        path: '一/（一）',
        text: task.trim(),
        lead: ['市发改委'],
        responsible: ['市数据局', '市财政局'],
        cooperating: [],
        deadline: '2022年底前',
        deadlineDate: '2022-12-31',
        nodeId: 'n2',
        annotation: '（牵头单位：市发改委；责任单位：市数据局、市财政局）',
        span: sp(taskStart, taskEnd),
      },
    ],
    indicators: [
      {
        name: '常住人口城镇化率',
        target: 70,
        unit: '%',
        comparator: '>=',
        year: 2025,
        baseline: null,
        baselineYear: null,
        responsible: [],
        binding: null,
        span: sp(indStart, indEnd),
      },
    ],
    projects: [],
    phases: [],
    cadences: [],
    leadingGroup: [],
    references: [],
    warnings: [{ code: 'unit.suspicious', message: '“市数据局”不在单位名录中，请核对。', span: sp(text.indexOf('市数据局'), text.indexOf('市数据局') + 4) }],
    removed: [{ reason: 'boilerplate', text: '浏览量：123', span: { start: 0, end: 7 } }],
    text,
    format: 'txt',
    ...overrides,
  };
}
