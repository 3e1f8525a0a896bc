import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../index.js';

describe('normalisation', () => {
  it('converts traditional (and Taiwan variant) characters to simplified', () => {
    const plan = parsePlan('臺灣地區發展規劃\n一、總體要求\n1.加強裏程碑管理。（責任單位：省發改委）');
    expect(plan.text).toContain('台湾地区发展规划');
    expect(plan.tasks[0]!.text).toBe('加强里程碑管理。');
  });

  it('converts Hong Kong variants too', () => {
    expect(parsePlan('一、任務\n1.推進醫療衞生建設。（責任單位：市衞健委）').tasks[0]!.responsible).toEqual(['市卫健委']);
  });

  it('strips inline pinyin and reports every removal', () => {
    const original = '長(cháng)江中游城市群發(fā)展實(shí)施方案';
    const plan = parsePlan(original);
    expect(plan.text).toBe('长江中游城市群发展实施方案');
    expect(plan.removed.filter((r) => r.reason === 'pinyin').map((r) => r.text)).toEqual(['(cháng)', '(fā)', '(shí)']);
    for (const r of plan.removed) expect(original.slice(r.span.start, r.span.end)).toBe(r.text);
  });

  it('does not mistake ASCII in brackets for pinyin', () => {
    const plan = parsePlan('实施京港澳高速(G4)扩容工程，推进细颗粒物(PM2.5)协同控制。');
    expect(plan.text).toContain('(G4)');
    expect(plan.text).toContain('(PM2.5)');
    expect(plan.removed).toEqual([]);
  });

  it('removes web-page boilerplate with a reason, keeping the text', () => {
    const original = [
      '当前位置：首页 > 政务公开 > 政策文件',
      '浏览量: 1024  时间:2023-03-13 06:46:01',
      '【字体：大 中 小】 分享到：',
      '一、工作任务',
      '1.推进改革。（市发改委负责）',
      '打印本页 关闭窗口',
      '上一篇：关于印发某方案的通知',
      '扫描二维码 关注我们',
      '本文链接:http://example.com/policy/1.html',
      '大鸡巴网站_国产av一级片_视频在线观看',
    ].join('\n');
    const plan = parsePlan(original);
    expect(plan.text).not.toMatch(/浏览量|字体|打印本页|上一篇|二维码|本文链接|一级片|当前位置/);
    expect(plan.tasks[0]!.responsible).toEqual(['市发改委']);
    const reasons = new Set(plan.removed.map((r) => r.reason));
    expect(reasons).toEqual(new Set(['navigation', 'boilerplate', 'spam']));
    for (const r of plan.removed) expect(original.slice(r.span.start, r.span.end)).toBe(r.text);
  });

  it('reports mojibake spans with their location', () => {
    const original = '长江中游城市群地跨湖北、湖南、江西三?。ㄒ韵潞称三?。规划范围包括13市。';
    const plan = parsePlan(original);
    const w = plan.warnings.filter((x) => x.code === 'mojibake');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0]!.message).toMatch(/乱码/);
    expect(original.slice(w[0]!.span!.original.start, w[0]!.span!.original.end)).toContain('?');
  });

  it('reads half- and full-width numbering and colons alike, keeping the printed text', () => {
    const plan = parsePlan('一、任务\n(一)健全机制。\n１．完善制度。(责任单位:市司法局)\n（二）强化保障。\n1、落实经费。（责任单位：市财政局）');
    expect(plan.tasks.map((t) => [t.path, t.responsible])).toEqual([
      ['一/（一）/1', ['市司法局']],
      ['一/（二）/1', ['市财政局']],
    ]);
    expect(plan.text).toContain('(一)健全机制。');
  });

  it('handles UTF-8 BOM, CRLF and a page flattened to one line', () => {
    const plan = parsePlan('\ufeff鄂政发[2009]38号   各市、州、县人民政府：   一、总体要求   （一）重要意义。加强合作共建。（省发改委负责）   二○○九年九月八日'.replace(/ {3}/g, '   ') + '\r\n');
    expect(plan.docNumber).toBe('鄂政发[2009]38号');
    expect(plan.date).toBe('2009-09-08');
    expect(plan.tasks[0]).toMatchObject({ path: '一/（一）', responsible: ['省发改委'] });
  });

  it('rejoins text hard-wrapped at a fixed width (copied out of a PDF)', () => {
    const para = '到2025年，全省常住人口城镇化率达到67%以上，铁路总里程达到7000公里，城市生活污水集中收集率达到70%以上，森林覆盖率稳定在42%左右，全社会研发经费投入年均增长7%以上。';
    const body = Array.from({ length: 4 }, () => para).join('');
    const wrapped = ['一、发展目标', ...(body.match(/.{1,24}/g) ?? []), '二、重点任务', '1.推进改革。（市发改委负责）'].join('\n');
    const plan = parsePlan(wrapped);
    expect(plan.indicators.filter((i) => i.name === '铁路总里程' && i.target === 7000)).toHaveLength(4);
    expect(plan.indicators.filter((i) => i.name === '全省常住人口城镇化率' && i.target === 67 && i.comparator === '>=')).toHaveLength(4);
    expect(plan.tasks[0]).toMatchObject({ path: '二/1', responsible: ['市发改委'] });
  });
});
