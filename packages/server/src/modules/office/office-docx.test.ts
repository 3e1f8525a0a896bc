import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBulletin } from './bulletin.js';
import { buildSupervisionNotice } from './supervision-notice.js';
import { buildHalfYearSummary } from './summary.js';
import { inflateEntry, readCentralDirectory } from './zip-inspect.js';
import type { LaggingTaskItem, SummaryReport } from './types.js';
import { buildBulletinInput, buildNoticeInput, buildSummaryInput } from './__tests__/fixtures.js';
import { convertWithLibreOffice, missingInOrder, pdfFonts, pdfInfo, pdfText, scratchDir } from './__tests__/libreoffice.js';

/** The XML of one part of a generated .docx. */
function part(docx: Buffer, name: string): string {
  const entry = readCentralDirectory(docx).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} missing from the package`);
  return inflateEntry(docx, entry).toString('utf8');
}

function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
}

const PAYLOAD = '<script>alert(1)</script>{{unit}} ]]><w:fldSimple w:instr="PAGE"/>&amp;\u0001';

/** Sixty lagging tasks with long explanations: a bulletin of many pages. */
function manyLagging(): LaggingTaskItem[] {
  return Array.from({ length: 60 }, (_, i) => ({
    title: `重点任务第${i + 1}项`,
    units: ['市发改委', '市财政局'],
    light: i % 2 ? 'yellow' : 'red',
    status: 'lagging',
    percent: 30,
    reason: '项目前期手续办理周期较长，资金到位滞后。',
    explanations: [{ unit: '市发改委', text: '已协调有关部门并联审批，预计下季度完成。' }],
  }));
}

/** A body of pure CJK text long enough to fill pages, to measure the 22 × 28 grid. */
const LONG_REPORT: SummaryReport = {
  unit: '省交通运输厅',
  taskTitle: '建设长江黄金水道',
  status: 'in_progress',
  percent: 60,
  done: '统筹推进航道整治和港口建设加快构建综合立体交通网络'.repeat(40),
  problems: '',
  nextSteps: '',
};

describe('Word documents in the GB/T 9704 layout, opened by LibreOffice', () => {
  const dir = scratchDir('docx');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, Buffer> = {};
  let pdf: Record<string, string>;

  beforeAll(async () => {
    files['bulletin.docx'] = await buildBulletin(buildBulletinInput());
    files['briefing.docx'] = await buildBulletin(buildBulletinInput({ kind: 'briefing', docNumber: '第12期', lagging: manyLagging() }));
    files['notice.docx'] = await buildSupervisionNotice(buildNoticeInput());
    files['notice-blue.docx'] = await buildSupervisionNotice(buildNoticeInput({ level: 'blue', number: '武圈督〔2026〕8号' }));
    files['summary.docx'] = await buildHalfYearSummary(buildSummaryInput());
    files['grid.docx'] = await buildHalfYearSummary(buildSummaryInput({ sections: [{ heading: '基础设施互联互通', reports: [LONG_REPORT] }] }));
    const hostile = buildBulletinInput();
    files['hostile.docx'] = await buildBulletin({
      ...hostile,
      lagging: [{ ...hostile.lagging[0]!, reason: PAYLOAD, explanations: [{ unit: '{{#each units}}', text: PAYLOAD }] }],
    });
    pdf = await convertWithLibreOffice(dir, files, 'pdf');
  });

  it('bulletin: every customary section, generated from the data, in order', () => {
    const text = pdfText(pdf['bulletin.docx']!);
    expect(
      missingInOrder(text, [
        '武汉城市圈建设领导小组办公室文件',
        '武圈办〔2026〕12号',
        '关于《武汉城市圈同城化发展实施方案》2026年第三季度推进情况的通报',
        '各有关单位：',
        '一、总体进展情况',
        '确定的48项重点任务中，未启动2项，推进中28项，已完成12项，滞后5项，有困难1项，完成率25%',
        '绿灯38项、黄灯7项、红灯3项',
        '按时报送率92.7%',
        '二、各单位推进和报送情况',
        '市发改委按时报送率达到100%',
        '鄂州市人民政府按时报送率低于80%',
        '市交通运输局',
        '93.8%',
        '三、已完成的重点任务',
        '1.开通武汉至鄂州城际公交（市交通运输局）',
        '四、滞后任务及原因',
        '（一）推进武汉新港江北铁路建设',
        '亮灯：红灯',
        '滞后原因：征地拆迁进度滞后于计划两个月',
        '鄂州市人民政府说明：已成立专班推进征迁',
        '五、督办情况',
        '本期共发出督办单1份，其中红色督办1份',
        '武圈督〔2026〕7号',
        '六、主要指标完成情况',
        '常住人口城镇化率（%）',
        '≥68（2026年）',
        '未达目标，进度正常',
        '已达到目标',
        '七、下一步工作要求',
        '一是',
        '武汉城市圈建设领导小组办公室',
        '2026年10月15日',
        '抄送：省发改委，省政府督查室。',
        '2026年10月15日印发',
      ]),
    ).toBeNull();
    const info = pdfInfo(pdf['bulletin.docx']!);
    expect(info.pageSize).toContain('595.');
    expect(info.pageSize).toContain('x 841.');
    expect(info.pages).toBeGreaterThanOrEqual(3);
    expect(info.pages).toBeLessThanOrEqual(6);
  });

  it('bulletin: page numbers "— n —" on every page, odd right and even left', () => {
    const path = pdf['briefing.docx']!;
    const { pages } = pdfInfo(path);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(30);
    for (let p = 1; p <= pages; p++) {
      const lines = pageText(path, p).split('\n').filter((l) => l.trim());
      expect(lines[lines.length - 1]!.replace(/\s/g, ''), `page ${p}`).toBe(`—${p}—`);
      // Word boxes of the page: the number's box sits right of centre on odd pages, left on even.
      const words = [...execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-bbox', path, '-'], { encoding: 'utf8' })
        .matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)];
      const number = words.filter((w) => w[3] === String(p)).pop()!;
      const x = Number(number[1]);
      if (p % 2) expect(x, `odd page ${p}`).toBeGreaterThan(595 / 2 + 100);
      else expect(x, `even page ${p}`).toBeLessThan(595 / 2 - 100);
    }
    expect(pdfText(path)).toContain('工作简报第12期');
  });

  it('page layout: A4, margins 37/35/28/26 mm, 22-line pitch, title 2号 小标宋, body 3号 仿宋, headings 黑体/楷体', () => {
    const doc = part(files['bulletin.docx']!, 'word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(doc).toContain('w:linePitch="579"');
    const runOf = (text: string) => {
      const m = new RegExp(`<w:r>(?:(?!<w:r>).)*?<w:t[^>]*>${text}`, 's').exec(doc);
      if (!m) throw new Error(`no run with ${text}`);
      return m[0];
    };
    expect(runOf('关于《')).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/s);
    expect(runOf('一、总体进展情况')).toMatch(/w:eastAsia="黑体".*<w:sz w:val="32"\/>/s);
    expect(runOf('（一）推进武汉新港')).toMatch(/w:eastAsia="楷体_GB2312"/);
    expect(runOf('截至2026年')).toMatch(/w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>/s);
    const fonts = part(files['bulletin.docx']!, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="Noto Serif CJK SC"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312">');
    const footers = ['word/footer1.xml', 'word/footer2.xml'].map((f) => part(files['bulletin.docx']!, f)).join('');
    expect(footers).toMatch(/w:ascii="宋体"[^>]*\/>.*<w:sz w:val="28"\/>.*— .*PAGE.* —/s);
    expect(part(files['bulletin.docx']!, 'word/settings.xml')).toContain('<w:evenAndOddHeaders');
  });

  it('fonts: where the standard fonts are missing, a CJK serif stands in for 小标宋/仿宋 and a CJK sans for 黑体', () => {
    const fonts = pdfFonts(pdf['bulletin.docx']!);
    expect(fonts.some((f) => /NotoSerifCJK/.test(f))).toBe(true);
    expect(fonts.some((f) => /NotoSansCJK/.test(f))).toBe(true);
  });

  it('body text: 22 lines of 28 characters on a full page', () => {
    const path = pdf['grid.docx']!;
    expect(pdfInfo(path).pages).toBeGreaterThanOrEqual(3);
    const lines = pageText(path, 2)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^—\s*\d+\s*—$/.test(l));
    expect(lines).toHaveLength(22);
    const cjk = (l: string) => [...l].filter((c) => /[\u4e00-\u9fff，。]/.test(c)).length;
    expect(Math.max(...lines.map(cjk))).toBe(28);
  });

  it('督办单: numbered notice to a unit with its colour level, the matter, the requirement and the reply date', () => {
    const text = pdfText(pdf['notice.docx']!);
    expect(
      missingInOrder(text, [
        '武汉城市圈建设领导小组办公室',
        '武圈督〔2026〕7号',
        '督办通知单（红色）',
        '鄂州市人民政府：',
        '承办单位',
        '鄂州市人民政府',
        '红色督办',
        '武汉新港江北铁路建设征地拆迁工作滞后',
        '2026年8月10日已发出催办通知',
        '确保11月底前完成交地',
        '请于2026年10月30日前将办理情况书面反馈',
        '张明，电话：027-88888888',
        '2026年10月16日',
      ]),
    ).toBeNull();
    // pdftotext reads the form's label column as one block.
    expect(missingInOrder(text, ['承办单位', '督办等级', '督办事项', '有关情况', '督办要求', '反馈时限', '联系人'])).toBeNull();
    expect(pdfInfo(pdf['notice.docx']!).pages).toBeLessThanOrEqual(2);
    expect(part(files['notice.docx']!, 'word/document.xml')).toMatch(/<w:color w:val="E60012"\/>.*?红色督办/s);
    expect(part(files['notice-blue.docx']!, 'word/document.xml')).toMatch(/<w:color w:val="1F4E9D"\/>.*?蓝色督办/s);
    expect(pdfText(pdf['notice-blue.docx']!)).toContain('督办通知单（蓝色）');
  });

  it('半年总结: assembled from the units reports under the plan parts, with problems and next steps', () => {
    const text = pdfText(pdf['summary.docx']!);
    expect(
      missingInOrder(text, [
        '湖北省发展和改革委员会文件',
        '鄂发改〔2026〕88号',
        '关于《湖北省推进长江中游城市群协同发展实施方案》2026年上半年落实情况的报告',
        '省人民政府：',
        '一、总体推进情况',
        '确定的30项重点任务中',
        '二、主要工作进展',
        '（一）基础设施互联互通',
        '1.建设长江黄金水道',
        '省交通运输厅（推进中，完成50%）：完成武汉至安庆段航道整治工程量的60%。',
        '省港航事业发展中心（推进中，完成50%）：完成航道测量和设计审查。',
        '（二）产业协同发展',
        '1.共建光电子信息产业集群',
        '三、存在的主要问题',
        '一是建设长江黄金水道方面，省交通运输厅反映：汛期施工窗口期短。',
        '四、下一步工作打算',
        '一是省交通运输厅：抢抓枯水期加快施工。',
        '二是省经信厅：筹备联盟年会。',
        '湖北省发展和改革委员会',
        '2026年7月10日',
      ]),
    ).toBeNull();
  });

  it('user text is inert: markup and template syntax are printed literally, never interpreted', () => {
    const doc = part(files['hostile.docx']!, 'word/document.xml');
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;{{unit}} ]]&gt;&lt;w:fldSimple w:instr=&quot;PAGE&quot;/&gt;&amp;amp;');
    expect(doc).not.toContain('<script>');
    expect(doc).not.toMatch(/<w:fldSimple|<w:fldChar|<w:instrText/);
    const text = pdfText(pdf['hostile.docx']!);
    expect(text).toContain('滞后原因：<script>alert(1)</script>{{unit}}]]><w:fldSimplew:instr="PAGE"/>&amp;');
    expect(text).toContain('{{#eachunits}}说明：');
  });
});
