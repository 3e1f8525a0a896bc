import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { encodeGbk, makeDocx, makeXlsx, soffice } from '../__tests__/fixtures.js';
import { csvToText, detectFormat, htmlToText, parseDocument, ParseError, readDocument, rejoinLines, tidyPdfSpaces } from './index.js';

const PLAN = ['关于印发某市重点任务分工方案的通知', '某市人民政府办公厅', '2022年3月14日', '某市重点任务分工方案', '一、重点任务', '1.加快推动规划同编。出台中长期发展规划。（牵头单位：市发改委；责任单位：市自然资源规划局、市住建局）'];

const annotated = (plan: Awaited<ReturnType<typeof parseDocument>>) =>
  plan.tasks.filter((t) => t.lead.length + t.responsible.length + t.cooperating.length > 0).map((t) => [t.path, t.text, t.lead, t.responsible, t.cooperating, t.deadline]);

async function rejection(p: Promise<unknown>): Promise<ParseError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a ParseError');
}

describe('text encodings', () => {
  const text = PLAN.join('\n');
  const expectPlan = async (bytes: Uint8Array) => {
    const plan = await parseDocument(bytes, { filename: 'plan.txt' });
    expect(plan.format).toBe('txt');
    expect(plan.title).toBe('某市重点任务分工方案');
    expect(annotated(plan)).toEqual([['一/1', '加快推动规划同编。出台中长期发展规划。', ['市发改委'], ['市自然资源规划局', '市住建局'], [], null]]);
  };
  it('reads UTF-8 with and without BOM', async () => {
    await expectPlan(new TextEncoder().encode(text));
    await expectPlan(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
  });
  it('reads UTF-16 LE and BE with BOM', async () => {
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
      be[2 + 2 * i] = c >> 8;
      be[3 + 2 * i] = c & 0xff;
    }
    await expectPlan(le);
    await expectPlan(be);
  });
  it('detects GB18030/GBK', async () => {
    await expectPlan(encodeGbk(text));
  });
});

describe('HTML', () => {
  it('drops scripts, styles and navigation, keeps blocks and tables as rows', async () => {
    const html = `<!DOCTYPE html><html><head><title>页面</title><style>p{color:red}</style><script>var x = "（责任单位：假单位）";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a>政策文件</a></div>
<p>关于印发某市重点任务分工方案的通知</p><p>某市重点任务分工方案</p><p>一、重点任务</p>
<p>1.建设数字政府&nbsp;平台。（牵头单位：市政务服务局；责任单位：市财政局）</p>
<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>完成时限</td></tr><tr><td>2</td><td>推进<br>一网通办</td><td>市数据局</td><td>2022年底前</td></tr></table>
<footer>版权所有 某市人民政府</footer></body></html>`;
    const plan = await parseDocument(new TextEncoder().encode(html), { filename: 'page.html' });
    expect(plan.format).toBe('html');
    expect(plan.text).not.toMatch(/假单位|color|版权所有|首页/);
    expect(annotated(plan)).toEqual([
      ['一/1', '建设数字政府 平台。', ['市政务服务局'], ['市财政局'], [], null],
      ['一/2', '推进一网通办', ['市数据局'], [], [], '2022年底前'],
    ]);
    expect(plan.removed.some((r) => r.reason === 'markup' && r.text.includes('<script'))).toBe(true);
  });
  it('numbers automatic lists (Word numbering comes out of mammoth as <ol>)', () => {
    expect(htmlToText('<p>一、任务</p><ol><li>建设平台。（市数据局负责）<ol><li>子项</li></ol></li><li>完善制度。</li></ol>').text).toBe('一、任务\n\n1.建设平台。（市数据局负责）\n\n（1）子项\n\n2.完善制度。');
  });

  it('reads pages laid out with tables as paragraphs, keeping the data tables inside', () => {
    const html = `<table><tr><td>导航</td></tr><tr><td>
      <p>一、重点任务</p><p>1.建设数字政府。（市数据局负责）</p>
      <table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr><tr><td>2</td><td>完善制度</td><td>市司法局</td></tr></table>
    </td></tr></table>`;
    const { text } = htmlToText(html);
    expect(text).toContain('\n1.建设数字政府。（市数据局负责）');
    expect(text).toContain('2 | 完善制度 | 市司法局 |');
  });

  it('turns table rows into cell lines', () => {
    expect(htmlToText('<table><tr><th>a</th><th>b</th></tr><tr><td>1 &amp; 2</td><td>x|y</td></tr></table>').text).toBe('a | b |\n1 & 2 | x｜y |');
  });
});

describe('DOCX', () => {
  it('reads paragraphs and tables from a generated DOCX', async () => {
    const bytes = await makeDocx(PLAN, [
      [
        ['序号', '重点任务', '责任单位', '完成时限'],
        ['2', '建设智慧城市平台', '市数据局、市财政局', '2022年6月底前'],
      ],
    ]);
    const plan = await parseDocument(bytes, { filename: 'plan.docx' });
    expect(plan.format).toBe('docx');
    expect(plan).toMatchObject({ title: '某市重点任务分工方案', issuer: '某市人民政府办公厅', date: '2022-03-14' });
    expect(annotated(plan)).toEqual([
      ['一/1', '加快推动规划同编。出台中长期发展规划。', ['市发改委'], ['市自然资源规划局', '市住建局'], [], null],
      ['一/2', '建设智慧城市平台', [], ['市数据局', '市财政局'], [], '2022年6月底前'],
    ]);
  });

  it('refuses a DOCX that expands beyond 50 MB', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    zip.file('word/media/huge.bin', new Uint8Array(60 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const e = await rejection(parseDocument(bytes, { filename: 'bomb.docx' }));
    expect(e.code).toBe('docx.too-large');
    expect(e.message).toMatch(/50 MB/);
  });
});

describe('XLSX and CSV task tables', () => {
  it('finds the header in any order, with variants, and turns merged group rows into headings', async () => {
    const bytes = await makeXlsx(
      [
        ['某市2023年重点任务分工表'],
        ['序号', '工作措施', '主要任务', '配合单位', '牵头责任单位', '时限要求'],
        ['一、产业发展'],
        [1, '实施技改项目', '培育龙头企业', '市财政局', '市工信局', '2023年底前'],
        [2, '完善园区配套', '建设产业园区', '', '市发改委', '长期坚持'],
      ],
      ['A1:F1', 'A3:F3'],
    );
    const plan = await parseDocument(bytes, { filename: 'tasks.xlsx' });
    expect(plan.format).toBe('xlsx');
    expect(plan.title).toBe('某市2023年重点任务分工表');
    expect(annotated(plan)).toEqual([
      ['一/1', '实施技改项目 培育龙头企业', ['市工信局'], [], ['市财政局'], '2023年底前'],
      ['一/2', '完善园区配套 建设产业园区', ['市发改委'], [], [], '长期坚持'],
    ]);
    expect(plan.tasks[0]!.deadlineDate).toBe('2023-12-31');
  });

  it('refuses a sheet with more rows than a task table can have, naming the sheet and the limit', async () => {
    const rows: (string | number)[][] = [['序号', '工作任务', '责任单位']];
    for (let i = 1; i <= 20_001; i++) rows.push([i, `任务${i}`, '市发改委']);
    const bytes = await makeXlsx(rows, []);
    const e = await rejection(parseDocument(bytes, { filename: 'huge.xlsx' }));
    expect(e.code).toBe('xlsx.too-many-rows');
    expect(e.message).toMatch(/20000 行/);
  });

  it('reads CSV with quoted cells', async () => {
    const csv = '序号,工作任务,责任单位,完成时间\n1,"推进改革,提升效能","市发改委、市财政局",2023年6月\n';
    expect(csvToText(csv)).toBe('序号 | 工作任务 | 责任单位 | 完成时间 |\n1 | 推进改革,提升效能 | 市发改委、市财政局 | 2023年6月 |');
    const plan = await parseDocument(new TextEncoder().encode(csv), { filename: 'tasks.csv' });
    expect(annotated(plan)).toEqual([['1', '推进改革,提升效能', [], ['市发改委', '市财政局'], [], '2023年6月']]);
    // Excel saves CSV in GBK and the name may not say .csv: the content decides.
    const gbk = await parseDocument(encodeGbk(csv), { filename: 'export' });
    expect(gbk.format).toBe('csv');
    expect(annotated(gbk)).toEqual(annotated(plan));
  });
});

describe('PDF', () => {
  it('removes the spaces PDF extraction puts around digits and rejoins wrapped lines', () => {
    expect(tidyPdfSpaces('到 2025 年，城镇化率达到 67% 以上')).toBe('到2025年，城镇化率达到67%以上');
    const lines = [
      { text: '1.加快推动规划同编。出台武汉城市圈中长期发展规划，进一步完善', x: 72, right: 520 },
      { text: '空间规划。（责任单位：市发改委）', x: 72, right: 300 },
      { text: '2.建立健全工作机制。', x: 72, right: 260 },
    ];
    expect(rejoinLines(lines)).toBe('1.加快推动规划同编。出台武汉城市圈中长期发展规划，进一步完善空间规划。（责任单位：市发改委）\n2.建立健全工作机制。');
  });

  it('reads a PDF made by LibreOffice from a DOCX, tables included', async () => {
    const long = '1.加快推动规划同编。出台武汉城市圈中长期发展规划，进一步完善空间规划，加快交通、产业、科技、生态环保、公共服务、毗邻区域等专项领域规划编制工作，到2025年形成规划体系。（牵头单位：市发改委；责任单位：市自然资源规划局）';
    const docx = await makeDocx([...PLAN.slice(0, 5), long], [
      [
        ['序号', '重点任务', '牵头单位', '责任单位'],
        ['2', '建设智慧城市平台，推进数据共享和业务协同，提升城市治理能力', '市数据局', '市发改委、市财政局、市自然资源和规划局、市住房和城乡建设局'],
        ['3', '完善制度', '市司法局', '各区人民政府'],
      ],
    ]);
    const plan = await parseDocument(soffice(docx, 'docx'), { filename: 'plan.pdf' });
    expect(plan.format).toBe('pdf');
    expect(plan.title).toBe('某市重点任务分工方案');
    // Wrapped table cells are put back together, row by row.
    expect(annotated(plan)).toEqual([
      ['一/1', long.slice(2, long.indexOf('（牵头')), ['市发改委'], ['市自然资源规划局'], [], null],
      ['一/2', '建设智慧城市平台，推进数据共享和业务协同，提升城市治理能力', ['市数据局'], ['市发改委', '市财政局', '市自然资源和规划局', '市住房和城乡建设局'], [], null],
      ['一/3', '完善制度', ['市司法局'], ['各区人民政府'], [], null],
    ]);
  });

  it('refuses an encrypted PDF with a clear reason', async () => {
    const docx = await makeDocx(PLAN);
    const enc = soffice(docx, 'docx', 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}');
    const e = await rejection(parseDocument(enc, { filename: 'secret.pdf' }));
    expect(e.code).toBe('pdf.encrypted');
    expect(e.message).toMatch(/加密/);
  });
});

describe('hostile and unsupported input', () => {
  it('refuses an empty file', async () => {
    const e = await rejection(parseDocument(new Uint8Array(0), { filename: 'empty.txt' }));
    expect(e.code).toBe('input.empty');
    expect(e.message).toMatch(/空/);
    expect((await rejection(parseDocument(new TextEncoder().encode(' \n\n  '), { filename: 'blank.txt' }))).code).toBe('input.empty');
  });

  it('refuses an image renamed .txt', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const e = await rejection(parseDocument(png, { filename: 'plan.txt' }));
    expect(e.code).toBe('format.unsupported');
    expect(e.message).toMatch(/PNG 图片/);
  });

  it('refuses binary content, a corrupt zip and a mismatched --format', async () => {
    expect((await rejection(parseDocument(new Uint8Array([1, 2, 0, 0, 5, 6, 0, 7]), { filename: 'x.txt' }))).code).toBe('input.binary');
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...deflateRawSync(Buffer.from('garbage'))]);
    expect((await rejection(parseDocument(broken, { filename: 'x.docx' }))).code).toBe('format.corrupt');
    expect((await rejection(parseDocument(new TextEncoder().encode('一、任务'), { format: 'pdf' }))).code).toBe('format.unsupported');
  });

  it('detects the format from content, not the file name', async () => {
    const docx = await makeDocx(PLAN);
    expect(detectFormat(docx, 'renamed.txt').format).toBe('docx');
    const doc = await readDocument(docx, { filename: 'renamed.txt' });
    expect(doc.format).toBe('docx');
  });
});
