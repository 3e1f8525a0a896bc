// Office-document benchmark (issue 5): medians of repeated runs, in milliseconds.
//   npx tsx bench/office/bench.ts [runs]
// Measures: a 200-task bulletin (.docx), a 2,000-row progress sheet (.xlsx) generated and then
// imported (guard + read + validate), the coordinator's indicator sheet (500 indicators × 4 periods =
// 2,000 rows) generated and imported, and a 200/2,000-task 分工表 export. The same through the HTTP
// API with the database: bench/office/api-bench.ts.
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import {
  buildBulletin,
  buildProgressSheet,
  buildIndicatorSheet,
  buildTaskTable,
  readIndicatorSheet,
  readProgressSheet,
  type IndicatorSheetSlot,
  type BulletinInput,
  type ProgressSheetSlot,
  type TaskTableNode,
} from '../../packages/server/src/modules/office/index.js';

const runs = Number(process.argv[2] ?? 7);

async function median(label: string, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(52)} median ${m.toFixed(0).padStart(6)} ms   (min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)}, n=${runs})`);
  return m;
}

const units = Array.from({ length: 40 }, (_, i) => `第${i + 1}责任单位`);

function bulletin200(): BulletinInput {
  return {
    kind: 'quarterly',
    issuer: '武汉城市圈建设领导小组办公室',
    docNumber: '武圈办〔2026〕12号',
    date: '2026年10月15日',
    recipients: '各有关单位',
    planTitle: '武汉城市圈同城化发展实施方案',
    period: '2026年第三季度',
    figures: {
      tasksTotal: 200,
      byStatus: { completed: 60, in_progress: 100, lagging: 30, blocked: 5, not_started: 5 },
      byLight: { green: 150, yellow: 35, red: 15 },
      reportsDue: 400,
      reportsOnTime: 371,
    },
    units: units.map((unit, i) => ({ unit, tasks: 5 + (i % 4), completed: i % 5, reportsDue: 10, reportsOnTime: 8 + (i % 3) })),
    completed: Array.from({ length: 60 }, (_, i) => ({ title: `已完成任务${i + 1}`, units: [units[i % 40]!], summary: '已按期完成并通过验收。' })),
    lagging: Array.from({ length: 35 }, (_, i) => ({
      title: `滞后任务${i + 1}`,
      units: [units[i % 40]!, units[(i + 1) % 40]!],
      light: i % 3 ? 'yellow' : 'red',
      status: 'lagging',
      percent: 20 + (i % 50),
      reason: '项目前期手续办理周期较长，资金到位滞后，施工进度未达预期。',
      explanations: [{ unit: units[i % 40]!, text: '已成立工作专班，倒排工期，预计下季度追回进度。' }],
    })),
    notices: Array.from({ length: 20 }, (_, i) => ({
      number: `武圈督〔2026〕${i + 1}号`,
      unit: units[i]!,
      level: (['blue', 'yellow', 'red'] as const)[i % 3]!,
      matter: `滞后任务${i + 1}推进缓慢`,
      replyBy: '2026年10月30日',
      state: i % 2 ? '已反馈' : '未反馈',
    })),
    indicators: Array.from({ length: 30 }, (_, i) => ({
      name: `监测指标${i + 1}`,
      measure: '%',
      target: 60 + i,
      comparator: '>=' as const,
      targetYear: 2026,
      current: 55 + i,
      outlook: 'on_track' as const,
    })),
  };
}

const slots: ProgressSheetSlot[] = Array.from({ length: 2000 }, (_, i) => ({
  slotId: `slot-${i + 1}`,
  version: 1,
  taskNumber: String(i + 1),
  taskTitle: `任务${i + 1}：推进城市圈政务服务“跨城通办”，完善协调推进机制`,
  unit: units[i % 40]!,
  period: '2026年第三季度',
  dueDate: '2026-10-10',
  deadline: '2026年底前',
}));

function taskNodes(n: number): TaskTableNode[] {
  const perHeading = 20;
  return Array.from({ length: Math.ceil(n / perHeading) }, (_, h) => ({
    kind: 'heading' as const,
    marker: `${h + 1}.`,
    title: `第${h + 1}部分`,
    children: Array.from({ length: Math.min(perHeading, n - h * perHeading) }, (_, i) => ({
      kind: 'task' as const,
      title: `重点任务${h * perHeading + i + 1}`,
      content: '加快推进基础设施互联互通，完善区域协调发展机制，确保按期完成年度目标任务。',
      lead: [units[i % 40]!],
      responsible: [units[(i + 1) % 40]!, units[(i + 2) % 40]!],
      cooperating: [units[(i + 3) % 40]!],
      deadline: '2026年底前',
    })),
  }));
}

async function filledSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildProgressSheet(slots)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('进度填报')!;
  for (let r = 3; r < 3 + slots.length; r++) {
    ws.getCell(r, 8).value = '推进中';
    ws.getCell(r, 9).value = 50;
    ws.getCell(r, 10).value = '按计划推进，完成阶段性目标。';
    ws.getCell(r, 11).value = '';
    ws.getCell(r, 12).value = '继续推进。';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

console.log(`office benchmark, node ${process.version}, ${runs} runs each`);
await median('bulletin .docx, 200 tasks (40 units, 35 lagging)', async () => buildBulletin(bulletin200()));
await median('progress sheet .xlsx, 2,000 rows: generate', async () => buildProgressSheet(slots));
const filled = await filledSheet();
const versions = new Map(slots.map((s) => [s.slotId, s.version]));
const check = await readProgressSheet(filled, versions);
if (!check.ok || check.rows.length !== 2000) throw new Error('benchmark sheet did not validate');
await median(`progress sheet .xlsx, 2,000 rows: import (${(filled.length / 1024).toFixed(0)} KiB)`, async () => readProgressSheet(filled, versions));
await median('任务分工表 .xlsx, 200 tasks', async () => buildTaskTable({ planTitle: '分工表', nodes: taskNodes(200) }));
await median('任务分工表 .xlsx, 2,000 tasks', async () => buildTaskTable({ planTitle: '分工表', nodes: taskNodes(2000) }));

const indicatorSlots: IndicatorSheetSlot[] = Array.from({ length: 2000 }, (_, i) => ({
  slotId: `ind-${i + 1}`,
  version: 1,
  indicatorName: `监测指标${Math.floor(i / 4) + 1}`,
  measure: '%',
  target: '≥60%（2027年）',
  unit: units[i % 40]!,
  period: `2026年第${'一二三四'[i % 4]}季度`,
  previousValue: 50 + (i % 10),
}));
await median('indicator sheet .xlsx, 2,000 rows: generate', async () => buildIndicatorSheet(indicatorSlots));
const indicatorWb = new ExcelJS.Workbook();
await indicatorWb.xlsx.load((await buildIndicatorSheet(indicatorSlots)) as unknown as ArrayBuffer);
const indicatorWs = indicatorWb.getWorksheet('指标数据填报')!;
for (let r = 3; r < 3 + indicatorSlots.length; r++) indicatorWs.getCell(r, 10).value = 55 + (r % 10);
const indicatorFilled = Buffer.from(await indicatorWb.xlsx.writeBuffer());
const indicatorVersions = new Map(indicatorSlots.map((s) => [s.slotId, s.version]));
const indicatorCheck = await readIndicatorSheet(indicatorFilled, indicatorVersions);
if (!indicatorCheck.ok || indicatorCheck.rows.length !== 2000) throw new Error('benchmark indicator sheet did not validate');
await median(`indicator sheet .xlsx, 2,000 rows: import (${(indicatorFilled.length / 1024).toFixed(0)} KiB)`, async () => readIndicatorSheet(indicatorFilled, indicatorVersions));
