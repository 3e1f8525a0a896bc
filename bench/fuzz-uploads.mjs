#!/usr/bin/env node
// Hostile uploads against the BUILT server, heavy form (issue 6; the short form is
// packages/server/src/resilience/hostile-upload.test.ts):
//
//   node bench/fuzz-uploads.mjs [--bomb-mb 1500] [--rows 1000000]
//
// Starts `xietong serve` on an empty temp data dir with one coordinator, then uploads through
// POST /api/plans/import, one at a time: a DOCX whose document.xml inflates to --bomb-mb MB (zip
// directory honest, then lying: it claims 1 KB), an XLSX with --rows rows (honest) and with 5×
// that many behind a lying directory, a file over the size limit, a PDF without text, binary data.
// For each: status, code, Chinese message, time, and the server's resident memory (VmRSS) before
// and its peak (VmHWM) — read from /proc, so it is the server's own memory. Afterwards: the server
// still answers, and no plan was imported. Exit code 1 when an upload is not a Chinese 4xx, the
// server died, or something was imported. Memory is reported, not judged (see bench/FINDINGS.md).
import { parseArgs } from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(ROOT, 'packages/server/dist/cli/main.js');
const { values: o } = parseArgs({
  options: { 'bomb-mb': { type: 'string', default: '1500' }, rows: { type: 'string', default: '1000000' } },
});
const BOMB_MB = Number(o['bomb-mb']);
const ROWS = Number(o.rows);

// ---- hostile files -------------------------------------------------------------------------
/** A zip (deflate) of entries; an entry may carry precompressed data and lie about its size. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = Buffer.isBuffer(e.data)
      ? { deflated: deflateRawSync(e.data), size: e.data.length, crc: crc32(e.data) }
      : e.data;
    const size = e.declaredSize ?? packed.size;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(packed.crc >>> 0, 14);
    lh.writeUInt32LE(packed.deflated.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(packed.crc >>> 0, 16);
    ch.writeUInt32LE(packed.deflated.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, packed.deflated);
    centrals.push(ch, name);
    offset += lh.length + name.length + packed.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Deflates head + count × chunk + tail as a stream (the text itself never sits in memory). */
async function deflated(head, chunk, count, tail) {
  const d = createDeflateRaw({ level: 9 });
  const out = [];
  d.on('data', (b) => out.push(b));
  const ended = new Promise((r) => d.on('end', r));
  let crc = crc32(head);
  let size = Buffer.byteLength(head);
  d.write(head);
  for (let i = 0; i < count; i++) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!d.write(chunk)) await new Promise((r) => d.once('drain', r));
  }
  crc = crc32(tail, crc);
  size += Buffer.byteLength(tail);
  d.end(tail);
  await ended;
  return { deflated: Buffer.concat(out), size, crc };
}

async function docxBomb(mb, lie) {
  const doc = await deflated(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
    Buffer.alloc(1 << 20, 0x41),
    mb,
    '</w:t></w:r></w:p></w:body></w:document>',
  );
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', data: doc, ...(lie ? { declaredSize: 1024 } : {}) },
  ]);
}

/** An .xlsx whose one sheet has `rows` rows of inline text (rows without numbers: repeatable). */
async function xlsx(rows, lie) {
  const block = '<row><c t="inlineStr"><is><t>任务</t></is></c></row>'.repeat(1000);
  const sheet = await deflated(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    Buffer.from(block),
    Math.ceil(rows / 1000),
    '</sheetData></worksheet>',
  );
  const x = (s) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  return zip([
    {
      name: '[Content_Types].xml',
      data: x(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: x(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: x(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="任务分工" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: x(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(lie ? { declaredSize: 2048 } : {}) },
  ]);
}

function pdfWithoutText() {
  const content = '0 0 0 rg 100 100 200 200 re f\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((ob, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${ob}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const of of offsets) out += `${String(of).padStart(10, '0')} 00000 n \n`;
  return Buffer.from(
    `${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    'latin1',
  );
}

// ---- the server ----------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'xietong-uploads-'));
const port = await new Promise((res) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const BASE = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  XIETONG_DATA_DIR: work,
  XIETONG_DEMO: '0',
};
delete env.DATABASE_URL;
const PASSWORD = 'uploads-password-1';
const made = spawnSync(
  process.execPath,
  [
    MAIN,
    'user',
    'add',
    '--username',
    'fuzz-coordinator',
    '--name',
    '导入测试',
    '--role',
    'coordinator',
    '--password',
    PASSWORD,
  ],
  { env, encoding: 'utf8' },
);
if (made.status !== 0) throw new Error(`user add failed: ${made.stdout}${made.stderr}`);
const server = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stdout.on('data', (c) => (log += c));
server.stderr.on('data', (c) => (log += c));
const memory = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};
for (let t = Date.now(); ;) {
  if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
  try {
    if ((await fetch(`${BASE}/api/health`)).ok) break;
  } catch {
    /* not yet listening */
  }
  if (Date.now() - t > 60_000) throw new Error(`server not up:\n${log}`);
  await new Promise((r) => setTimeout(r, 100));
}
const login = await fetch(`${BASE}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'fuzz-coordinator', password: PASSWORD }),
});
const headers = {
  cookie: login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; '),
  'x-csrf-token': login.headers.get('x-csrf-token'),
};

// ---- the uploads ---------------------------------------------------------------------------
const cases = [
  [`DOCX bomb, ${BOMB_MB} MB inflated, honest sizes`, 'bomb.docx', () => docxBomb(BOMB_MB, false)],
  [`DOCX bomb, ${BOMB_MB} MB inflated, directory claims 1 KB`, 'bomb.docx', () => docxBomb(BOMB_MB, true)],
  [`XLSX with ${ROWS} rows`, 'rows.xlsx', () => xlsx(ROWS, false)],
  [`XLSX with ${ROWS * 5} rows, directory claims 2 KB`, 'rows.xlsx', () => xlsx(ROWS * 5, true)],
  ['over the 20 MB limit', 'big.txt', async () => Buffer.alloc(25 * 1048576, 0x41)],
  ['PDF without a text layer', 'scan.pdf', async () => pdfWithoutText()],
  [
    'binary data named .txt',
    'binary.txt',
    async () => Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) & 0xff)),
  ],
];
const failures = [];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`fuzz-uploads: server pid ${server.pid}, load average ${load()}`);
for (const [what, filename, make] of cases) {
  const bytes = await make();
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  const before = memory();
  const t = performance.now();
  let status = 0;
  let body = {};
  try {
    const res = await fetch(`${BASE}/api/plans/import`, { method: 'POST', headers, body: form });
    status = res.status;
    body = await res.json().catch(() => ({}));
  } catch (e) {
    body = { message: String(e) };
  }
  const ms = performance.now() - t;
  const after = memory();
  const ok = status >= 400 && status < 500 && /[\u4e00-\u9fff]/.test(body.message ?? '');
  if (!ok) failures.push(what);
  console.log(
    `${ok ? '  ✓' : '  ✗'} ${what}: ${(bytes.length / 1048576).toFixed(2)} MB file → ${status} ${body.code ?? ''} in ${(ms / 1000).toFixed(1)} s; server RSS ${before.rss} → ${after.rss} MB, peak so far ${after.peak} MB\n      「${String(body.message ?? '').slice(0, 90)}」`,
  );
}
const plans = await fetch(`${BASE}/api/plans`, { headers });
const list = await plans.json();
const alive = plans.ok && server.exitCode === null;
if (!alive) failures.push('server answers afterwards');
const imported = (list.items ?? []).length;
if (imported) failures.push(`${imported} plan(s) imported`);
console.log(
  `${alive ? '  ✓' : '  ✗'} server still answers; plans imported: ${imported}; load average ${load()}`,
);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(work, { recursive: true, force: true });
writeFileSync(join(tmpdir(), 'xietong-fuzz-uploads.log'), log);
console.log(
  failures.length
    ? `fuzz-uploads: ${failures.length} failed: ${failures.join('; ')}`
    : 'fuzz-uploads: all refused cleanly',
);
process.exit(failures.length ? 1 : 0);
