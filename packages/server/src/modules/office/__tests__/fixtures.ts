// Test data builders: realistic inputs for the generators, with overrides.
import type { TaskTableInput, TaskTableTask } from '../types.js';

export function buildTask(overrides: Partial<TaskTableTask> = {}): TaskTableTask {
  return {
    kind: 'task',
    title: '推进交通基础设施互联互通',
    content: '加快武汉至宜昌高铁建设，2026年底前建成通车；推动城市圈城际铁路公交化运营。',
    lead: ['省发改委'],
    responsible: ['省交通运输厅', '武汉市人民政府'],
    cooperating: ['中国铁路武汉局集团有限公司'],
    deadline: '2026年12月底前',
    ...overrides,
  };
}

/** A two-level plan with five tasks, the shape of a provincial 分工方案. */
export function buildTaskTableInput(overrides: Partial<TaskTableInput> = {}): TaskTableInput {
  return {
    planTitle: '湖北省推进长江中游城市群协同发展重点任务分工表',
    subtitle: '鄂发改〔2026〕18号',
    nodes: [
      {
        kind: 'heading',
        marker: '一、',
        title: '加快基础设施互联互通',
        children: [
          {
            kind: 'heading',
            marker: '（一）',
            title: '构建综合交通网络',
            children: [
              buildTask(),
              buildTask({
                title: '建设长江黄金水道',
                content: '实施长江干线航道整治工程，提升武汉至安庆段航道水深至6米。',
                lead: ['省交通运输厅'],
                responsible: ['省港航事业发展中心'],
                cooperating: [],
                deadline: '2027年6月底前',
              }),
            ],
          },
          {
            kind: 'heading',
            marker: '（二）',
            title: '推进能源互保共济',
            children: [
              buildTask({
                title: '建设跨省电力通道',
                content: '推进湘鄂赣三省电网互联，开展跨省电力互济交易。',
                lead: ['省能源局'],
                responsible: ['国网湖北省电力有限公司'],
                cooperating: ['省发改委'],
                deadline: '长期坚持',
              }),
            ],
          },
        ],
      },
      {
        kind: 'heading',
        marker: '二、',
        title: '推动产业协同发展',
        children: [
          buildTask({
            title: '共建光电子信息产业集群',
            content: '依托武汉东湖高新区，联合长沙、南昌共建光电子信息产业创新联盟。',
            lead: ['省经信厅'],
            responsible: ['武汉市人民政府', '东湖高新区管委会'],
            cooperating: ['省科技厅'],
            deadline: '2026年底前',
          }),
          buildTask({
            title: '推进汽车产业链协作',
            content: '建立城市群汽车产业链供需对接平台，每年举办对接活动不少于2次。',
            lead: ['省经信厅'],
            responsible: ['襄阳市人民政府', '十堰市人民政府'],
            cooperating: [],
            deadline: '每年',
          }),
        ],
      },
    ],
    ...overrides,
  };
}

import type { BulletinInput, HalfYearSummaryInput, SupervisionNoticeInput } from '../types.js';

export function buildBulletinInput(overrides: Partial<BulletinInput> = {}): BulletinInput {
  return {
    kind: 'quarterly',
    issuer: '武汉城市圈建设领导小组办公室',
    docNumber: '武圈办〔2026〕12号',
    date: '2026年10月15日',
    recipients: '各有关单位',
    copyTo: ['省发改委', '省政府督查室'],
    planTitle: '武汉城市圈同城化发展实施方案',
    period: '2026年第三季度',
    figures: {
      tasksTotal: 48,
      byStatus: { completed: 12, in_progress: 28, lagging: 5, blocked: 1, not_started: 2 },
      byLight: { green: 38, yellow: 7, red: 3 },
      reportsDue: 96,
      reportsOnTime: 89,
    },
    units: [
      { unit: '市发改委', tasks: 10, completed: 4, reportsDue: 20, reportsOnTime: 20 },
      { unit: '市交通运输局', tasks: 8, completed: 2, reportsDue: 16, reportsOnTime: 15 },
      { unit: '鄂州市人民政府', tasks: 6, completed: 1, reportsDue: 12, reportsOnTime: 7 },
    ],
    completed: [
      { title: '开通武汉至鄂州城际公交', units: ['市交通运输局'], summary: '9月1日正式开通运营，日均客流1.2万人次。' },
      { title: '建立城市圈政务服务“跨城通办”机制', units: ['市政务服务局'] },
    ],
    lagging: [
      {
        title: '推进武汉新港江北铁路建设',
        units: ['市交通运输局', '鄂州市人民政府'],
        light: 'red',
        status: 'lagging',
        percent: 35,
        reason: '征地拆迁进度滞后于计划两个月。',
        explanations: [{ unit: '鄂州市人民政府', text: '已成立专班推进征迁，预计11月底前完成交地。' }],
      },
    ],
    notices: [
      { number: '武圈督〔2026〕7号', unit: '鄂州市人民政府', level: 'red', matter: '武汉新港江北铁路征地拆迁', replyBy: '2026年10月30日', state: '未反馈' },
    ],
    indicators: [
      { name: '常住人口城镇化率', measure: '%', target: 68, comparator: '>=', targetYear: 2026, current: 67.1, outlook: 'on_track' },
      { name: '单位地区生产总值能耗下降', measure: '%', target: 3, comparator: '>=', targetYear: 2026, current: 3.2 },
    ],
    ...overrides,
  };
}

export function buildNoticeInput(overrides: Partial<SupervisionNoticeInput> = {}): SupervisionNoticeInput {
  return {
    issuer: '武汉城市圈建设领导小组办公室',
    number: '武圈督〔2026〕7号',
    level: 'red',
    unit: '鄂州市人民政府',
    matter: '武汉新港江北铁路建设征地拆迁工作滞后，连续两个季度亮红灯。',
    background: '2026年8月10日已发出催办通知，至今未见明显进展。',
    requirement: '请于收到本单后成立工作专班，倒排工期，确保11月底前完成交地。',
    replyBy: '2026年10月30日',
    date: '2026年10月16日',
    contact: { name: '张明', phone: '027-88888888' },
    ...overrides,
  };
}

export function buildSummaryInput(overrides: Partial<HalfYearSummaryInput> = {}): HalfYearSummaryInput {
  const report = (unit: string, taskTitle: string, done: string, problems = '', nextSteps = '') => ({
    unit,
    taskTitle,
    status: 'in_progress' as const,
    percent: 50,
    done,
    problems,
    nextSteps,
  });
  return {
    kind: 'half-year',
    issuer: '湖北省发展和改革委员会',
    docNumber: '鄂发改〔2026〕88号',
    date: '2026年7月10日',
    recipients: '省人民政府',
    planTitle: '湖北省推进长江中游城市群协同发展实施方案',
    period: '2026年上半年',
    figures: {
      tasksTotal: 30,
      byStatus: { completed: 6, in_progress: 20, lagging: 3, blocked: 0, not_started: 1 },
      byLight: { green: 25, yellow: 3, red: 2 },
      reportsDue: 60,
      reportsOnTime: 57,
    },
    sections: [
      {
        heading: '基础设施互联互通',
        reports: [
          report('省交通运输厅', '建设长江黄金水道', '完成武汉至安庆段航道整治工程量的60%。', '汛期施工窗口期短。', '抢抓枯水期加快施工。'),
          report('省港航事业发展中心', '建设长江黄金水道', '完成航道测量和设计审查。'),
        ],
      },
      {
        heading: '产业协同发展',
        reports: [report('省经信厅', '共建光电子信息产业集群', '组建三省光电子产业创新联盟，成员单位达120家。', '', '筹备联盟年会。')],
      },
    ],
    ...overrides,
  };
}
