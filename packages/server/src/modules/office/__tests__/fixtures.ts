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
