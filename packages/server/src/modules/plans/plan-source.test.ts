import { readFileSync, rmSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { loadDirectory } from '../directory/commands.js';
import { convertWithLibreOffice, scratchDir } from '../office/__tests__/libreoffice.js';

const ws = useTestWorkspace();
const seed = (name: string) =>
  readFileSync(new URL(`../../../../../../shared/seeds/${name}`, import.meta.url), 'utf8');

type Span = { start: number; end: number };
type Source = {
  text: string;
  original: string | null;
  removed: { reason: string; text: string; span: Span }[];
  format: string | null;
};

async function coordinator() {
  await ws.run((ctx) => loadDirectory(ctx));
  return ws.as(['coordinator']);
}

/** A multipart upload of one file, as the browser sends it. */
function multipart(filename: string, mime: string, bytes: Buffer) {
  const boundary = '----xt-source';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('GET /api/plans/:id/source (the review’s original text)', () => {
  test('a txt import gives the original text and each removed span at its place in it', async () => {
    const c = await coordinator();
    const text = seed('003_52b583d5c9b6873f.txt');
    const plan = (await c.post('/api/plans/import', { filename: '003.txt', text })).body;
    const res = await c.get<Source>(`/api/plans/${plan.id}/source`);
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('txt');
    expect(res.body.text).toBe((await c.get(`/api/plans/${plan.id}/text`)).body.text);
    expect(res.body.original).toBe(text.replace(/^\uFEFF/, ''));
    // Seed 003 carries inline pinyin (發(fā)): normalisation removes it, and says where.
    const pinyin = res.body.removed.filter((r) => r.reason === 'pinyin');
    expect(pinyin.length).toBeGreaterThan(0);
    for (const r of res.body.removed) expect(res.body.original!.slice(r.span.start, r.span.end)).toBe(r.text);
  });

  test('a docx import is reviewable too: the text its spans point into and the text read from the file', async () => {
    const c = await coordinator();
    const lines = seed('002_40f578ca70fc5b5d.txt')
      .split(/\r?\n/)
      .filter((l) => l.trim());
    const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
    const bytes = await Packer.toBuffer(doc);
    const { payload, headers } = multipart(
      '方案.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes,
    );
    const imported = await c.post('/api/plans/import', payload, headers);
    expect(imported.status).toBe(201);
    const res = await c.get<Source>(`/api/plans/${imported.body.id}/source`);
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('docx');
    expect(res.body.original).toContain('建立健全宣传发声机制');
    const task = (imported.body.tasks as { text: string; span: Span }[]).find((t) =>
      t.text.startsWith('建立健全宣传发声机制'),
    )!;
    expect(res.body.text.slice(task.span.start, task.span.end)).toContain('建立健全宣传发声机制');
  });

  test('a pdf import (made by LibreOffice from a Word file) is reviewable the same way', async () => {
    const c = await coordinator();
    const lines = seed('002_40f578ca70fc5b5d.txt')
      .split(/\r?\n/)
      .filter((l) => l.trim());
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] }),
    );
    const dir = scratchDir('plan-source');
    const { 'plan.docx': pdfPath } = await convertWithLibreOffice(dir, { 'plan.docx': docx }, 'pdf');
    const pdf = readFileSync(pdfPath!);
    rmSync(dir, { recursive: true, force: true });
    const { payload, headers } = multipart('方案.pdf', 'application/pdf', pdf);
    const imported = await c.post('/api/plans/import', payload, headers);
    expect(imported.status).toBe(201);
    const res = await c.get<Source>(`/api/plans/${imported.body.id}/source`);
    expect(res.body.format).toBe('pdf');
    expect(res.body.original!.replace(/\s+/g, '')).toContain('建立健全宣传发声机制');
    const tasks = imported.body.tasks as { text: string; span: Span }[];
    expect(tasks.length).toBeGreaterThan(10);
    for (const t of tasks)
      expect(res.body.text.slice(t.span.start, t.span.end)).toContain(t.text.slice(0, 4));
  }, 240_000);

  test('an xlsx 任务分工表 import gives the table’s text with every task at its span', async () => {
    const c = await coordinator();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('分工表');
    sheet.addRow(['武汉市测试工作任务分工表']);
    sheet.addRow(['序号', '重点任务', '牵头单位', '责任单位', '完成时限']);
    sheet.addRow([1, '推进数据共享平台建设', '市发改委', '市经信局', '2026年底前']);
    sheet.addRow([2, '完善重点项目调度机制', '市发改委', '市财政局', '2026年6月底前']);
    const { payload, headers } = multipart(
      '分工表.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      Buffer.from(await book.xlsx.writeBuffer()),
    );
    const imported = await c.post('/api/plans/import', payload, headers);
    expect(imported.status).toBe(201);
    const tasks = imported.body.tasks as { text: string; span: Span }[];
    expect(tasks.map((t) => t.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('推进数据共享平台建设'),
        expect.stringContaining('完善重点项目调度机制'),
      ]),
    );
    const res = await c.get<Source>(`/api/plans/${imported.body.id}/source`);
    expect(res.body.format).toBe('xlsx');
    expect(res.body.original).toContain('推进数据共享平台建设');
    for (const t of tasks)
      expect(res.body.text.slice(t.span.start, t.span.end)).toContain(t.text.slice(0, 6));
  });

  test('only coordinators see a draft’s source; an unknown plan is not found', async () => {
    const c = await coordinator();
    const plan = (
      await c.post('/api/plans/import', { filename: '002.txt', text: seed('002_40f578ca70fc5b5d.txt') })
    ).body;
    const reporter = await ws.as(['reporter']);
    expect((await reporter.get(`/api/plans/${plan.id}/source`)).status).toBe(403);
    const missing = await c.get('/api/plans/00000000-0000-4000-8000-000000000000/source');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/规划/);
  });
});
