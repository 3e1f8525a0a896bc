import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { LIMITS } from '@xietong/shared';
import { parsePlan } from '@xietong/parser';
import { rows } from '../db/client.js';
import { useTestWorkspace } from '../testing/workspace.js';
import type { TestResponse } from '../testing/client.js';
import { binaryNoise, docxBomb, pdfWithoutText, xlsxRows } from './hostile-files.js';
import { CHINESE, fillAll, multipart, publishedPlan } from './fixtures.js';

// Hostile files through the API (issue 6): the plan import and the progress-sheet upload. Each is
// refused with a Chinese 4xx and leaves no row behind. The heavy forms (a 1.5 GB bomb, server RSS
// measured from outside) are in bench/fuzz-uploads.mjs.

const ws = useTestWorkspace();

const PLAN_TEXT =
  '湖北省人民政府办公厅关于印发编码测试工作方案的通知\n一、重点任务\n1.推进某项工作。（牵头单位：市发改委；责任单位：市数据局）\n2.推进另一项工作。（责任单位：市发改委）\n';
/** PLAN_TEXT in GB18030 (encoded once with Python's codec; Node has no GB18030 encoder). */
const PLAN_GB18030 = Buffer.from(
  'bafeb1b1caa1c8cbc3f1d5feb8aeb0ecb9abccfcb9d8d3dad3a1b7a2b1e0c2ebb2e2cad4b9a4d7f7b7bdb0b8b5c4cda8d6aa0ad2bba1a2d6d8b5e3c8cecef10a312ecdc6bdf8c4b3cfeeb9a4d7f7a1a3a3a8c7a3cdb7b5a5cebba3bacad0b7a2b8c4ceafa3bbd4f0c8ceb5a5cebba3bacad0cafdbeddbed6a3a90a322ecdc6bdf8c1edd2bbcfeeb9a4d7f7a1a3a3a8d4f0c8ceb5a5cebba3bacad0b7a2b8c4ceafa3a90a',
  'hex',
);

/** Rows an import writes; all must be unchanged after a refused upload. */
const TABLES = [
  'plans',
  'plan_files',
  'plan_nodes',
  'tasks',
  'task_units',
  'units',
  'reports',
  'audit_events',
] as const;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES)
    out[t] = (await rows<{ n: number }>(ws.db, sql.raw(`select count(*)::int n from ${t}`)))[0]!.n;
  return out;
}
const versions = async () =>
  (await rows<{ v: number }>(ws.db, sql`select coalesce(sum(version), 0)::int v from reports`))[0]!.v;

function expectRefused(res: TestResponse, what: string, status?: number) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  if (status) expect(res.status, what).toBe(status);
  expect(typeof res.body.code, what).toBe('string');
  expect(res.body.message, what).toMatch(CHINESE);
}

let million: Buffer | null = null;
/** The 1,000,000-row sheet, built once for both routes. */
const millionRows = async () => (million ??= await xlsxRows(1_000_000, false));

/** A parser output whose outline is nested `depth` levels deep, as JSON text (too deep for JSON.stringify). */
function deepOutlineBody(real: Record<string, unknown>, depth: number): string {
  const span = '{"start":0,"end":0,"original":{"start":0,"end":0}}';
  const open = (i: number) =>
    `{"id":"n${i}","kind":"item","level":1,"marker":null,"path":"","title":"","text":"","span":${span},"children":[`;
  const outline = Array.from({ length: depth }, (_, i) => open(i)).join('') + ']}'.repeat(depth);
  const rest = JSON.stringify({ ...real, outline: null });
  return `{"filename":"x.json","parsed":${rest.replace('"outline":null', `"outline":${outline}`)}}`;
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

describe('POST /api/plans/import with hostile files', () => {
  test('over-size, zip bombs, a 1,000,000-row sheet, a PDF without text, binary as text: Chinese 4xx, nothing imported', async () => {
    const coordinator = await ws.as(['coordinator']);
    const before = await counts();
    const cases: [string, Buffer, string][] = [
      ['超大文件.txt', Buffer.alloc(LIMITS.importFileBytes + 1024, 0x41), 'over-size upload'],
      ['炸弹.docx', await docxBomb(120, false), 'DOCX bomb (honest sizes)'],
      ['炸弹.docx', await docxBomb(64, true), 'DOCX bomb (sizes lie)'],
      ['百万行.xlsx', await millionRows(), 'XLSX with 1,000,000 rows'],
      ['扫描件.pdf', pdfWithoutText(), 'PDF without a text layer'],
      ['二进制.txt', binaryNoise(64 * 1024), 'binary data named .txt'],
      ['空.txt', Buffer.alloc(0), 'empty file'],
      ['伪装.docx', Buffer.from('PK\u0003\u0004 这不是压缩包'), 'truncated zip'],
    ];
    const rss: string[] = [];
    for (const [name, bytes, what] of cases) {
      const start = rssMb();
      const t = performance.now();
      const res = await coordinator.post('/api/plans/import', ...multipart(name, bytes));
      rss.push(
        `${what}: ${(bytes.length / 1048576).toFixed(1)} MB file, ${Math.round(performance.now() - t)} ms, RSS ${start} → ${rssMb()} MB`,
      );
      expectRefused(res, what, what === 'over-size upload' ? 413 : undefined);
      // Advice for the person at the browser, not the CLI's --format flag.
      expect(JSON.stringify(res.body), what).not.toContain('--format');
    }
    // Printed, not asserted (the test process is shared with the database): bench/fuzz-uploads.mjs
    // measures the server's own RSS.
    console.log(`hostile imports (in-process):\n  ${rss.join('\n  ')}`);
    expect(await counts()).toEqual(before);
  });

  test('every encoding the parser claims imports the same plan', async () => {
    const coordinator = await ws.as(['coordinator']);
    const utf16be = Buffer.from(PLAN_TEXT, 'utf16le').swap16();
    const encodings: [string, Buffer][] = [
      ['UTF-8', Buffer.from(PLAN_TEXT)],
      ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN_TEXT)])],
      ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAN_TEXT, 'utf16le')])],
      ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be])],
      ['GB18030', PLAN_GB18030],
    ];
    for (const [what, bytes] of encodings) {
      const res = await coordinator.post('/api/plans/import', ...multipart(`${what}.txt`, bytes));
      expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(201);
      expect(res.body.title, what).toContain('编码测试工作方案');
      expect(
        res.body.tasks.map((t: { text: string }) => t.text.replace(/（.*$/, '')),
        what,
      ).toEqual(['推进某项工作。', '推进另一项工作。']);
    }
  });

  test('JSON bodies: oversized text, a forged parser output, SQL and script payloads', async () => {
    const coordinator = await ws.as(['coordinator']);
    const before = await counts();
    const real = JSON.parse(JSON.stringify(parsePlan(PLAN_TEXT))) as Record<string, unknown>;
    const refused: [unknown, string][] = [
      [{ filename: 'x.txt', text: '一'.repeat(LIMITS.importTextChars + 1) }, 'text over the limit'],
      [{ filename: 'x'.repeat(201) + '.txt', text: PLAN_TEXT }, 'file name over the limit'],
      [{ filename: 'x.txt', text: '\u0000\u0001\u0002' }, 'control characters as text'],
      [{ filename: 'x.txt', text: '   \n\t  ' }, 'blank text'],
      [{ filename: 'x.json', parsed: { tasks: 'x', outline: {} } }, 'parsed: tasks not a list'],
      // Forged parser outputs (each answered 500 before import.ts checked them).
      [{ filename: 'x.json', parsed: { tasks: [{}], outline: {} } }, 'parsed: empty task'],
      [{ filename: 'x.json', parsed: { tasks: [], outline: { children: [{}] } } }, 'parsed: empty node'],
      [{ filename: 'x.json', parsed: { ...real, warnings: 1 } }, 'parsed: warnings not a list'],
      [{ filename: 'x.json', parsed: { ...real, indicators: [{}] } }, 'parsed: empty indicator'],
      [{ filename: 'x.json', parsed: { ...real, date: '2026-02-30' } }, 'parsed: impossible date'],
      [{ filename: 'x.txt' }, 'neither file nor text'],
      [{ filename: 'x.txt', text: PLAN_TEXT, kind: 'x' }, 'unknown kind'],
      [{ filename: 'x.txt', text: PLAN_TEXT, upstreamPlanId: "1' or '1'='1" }, 'SQL as an id'],
    ];
    for (const [body, what] of refused) {
      expectRefused(await coordinator.post('/api/plans/import', body), what);
      expect(await counts(), what).toEqual(before);
    }
    const deep = await coordinator.post('/api/plans/import', deepOutlineBody(real, 10_000), {
      'content-type': 'application/json',
    });
    expectRefused(deep, 'parsed: outline 10,000 deep');
    expect(await counts()).toEqual(before);
    // A real parser output sent as JSON imports.
    const asJson = await coordinator.post('/api/plans/import', { filename: 'x.json', parsed: real });
    expect(asJson.status).toBe(201);
    expect(asJson.body.tasks).toHaveLength(2);
    const payload = `<script>alert('协同')</script><img src=x onerror=alert(1)>'); drop table plans; --`;
    const ok = await coordinator.post('/api/plans/import', {
      filename: `${payload}.txt`,
      text: PLAN_TEXT.replace('推进某项工作。', `推进某项工作${payload}。`),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.tasks[0].text).toContain(payload);
    expect(ok.headers['content-type']).toMatch(/application\/json/);
    expect((await counts()).plans).toBe(before.plans! + 2);
  });
});

describe('POST /api/reports/progress-sheet with hostile files', () => {
  test('each is refused in Chinese and no report changes', async () => {
    const { planId, units } = await publishedPlan(ws, { units: 2, tasks: 2 });
    await fillAll(ws, planId);
    const reporter = await ws.as(['reporter'], { unitId: units[0]!.id });
    const before = { counts: await counts(), versions: await versions() };
    const cases: [string, Buffer, string][] = [
      ['超大.xlsx', Buffer.alloc(LIMITS.importFileBytes + 1024, 0x50), 'over-size upload'],
      ['炸弹.xlsx', await docxBomb(64, true), 'zip bomb'],
      ['百万行.xlsx', await millionRows(), 'XLSX with 1,000,000 rows'],
      ['扫描件.xlsx', pdfWithoutText(), 'a PDF named .xlsx'],
      ['二进制.xlsx', binaryNoise(64 * 1024), 'binary data'],
      ['空.xlsx', Buffer.alloc(0), 'empty file'],
    ];
    for (const [name, bytes, what] of cases) {
      const res = await reporter.post('/api/reports/progress-sheet', ...multipart(name, bytes));
      expectRefused(res, what, what === 'over-size upload' ? 413 : undefined);
      // Advice for the person at the browser, not the CLI's --format flag.
      expect(JSON.stringify(res.body), what).not.toContain('--format');
    }
    expect({ counts: await counts(), versions: await versions() }).toEqual(before);
  });
});

describe('POST /api/reports/:id/attachments with hostile files', () => {
  test('an attachment over the limit, or without a file, is refused and nothing is stored', async () => {
    const { planId, units } = await publishedPlan(ws, { units: 2, tasks: 1 });
    const slot = (
      await rows<{ id: string }>(
        ws.db,
        sql`select id from reports where plan_id = ${planId} and unit_id = ${units[0]!.id}`,
      )
    )[0]!;
    const reporter = await ws.as(['reporter'], { unitId: units[0]!.id });
    const attachments = async () =>
      (await rows<{ n: number }>(ws.db, sql`select count(*)::int n from report_attachments`))[0]!.n;
    const big = await reporter.post(
      `/api/reports/${slot.id}/attachments`,
      ...multipart('超大.pdf', Buffer.alloc(LIMITS.importFileBytes + 1024, 0x25)),
    );
    expectRefused(big, 'over-size attachment', 413);
    const empty = await reporter.post(`/api/reports/${slot.id}/attachments`, { file: 'not a file' });
    expectRefused(empty, 'JSON instead of a file');
    expect(await attachments()).toBe(0);
    // A file that is not a document (binary, an executable) is stored as bytes and served back as a
    // download, never rendered: the download names it an attachment and forbids sniffing.
    const exe = await reporter.post(
      `/api/reports/${slot.id}/attachments`,
      ...multipart('<script>证明</script>.html', '<script>alert(1)</script>', {}, 'text/html'),
    );
    expect(exe.status).toBe(201);
    const down = await reporter.get(`/api/attachments/${exe.body.id}`);
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
  });
});
