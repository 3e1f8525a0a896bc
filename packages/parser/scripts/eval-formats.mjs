#!/usr/bin/env node
// Format robustness: the dev corpus converted to DOCX (docx package) and to PDF (LibreOffice),
// read back through the adapters and scored like `npm run eval`. Pipe-table lines become a real
// table. Usage: node scripts/eval-formats.mjs   (needs soffice; builds first)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
const { parseDocument } = await import('../dist/adapters/index.js');

const work = mkdtempSync(join(tmpdir(), 'xietong-formats-'));
for (const d of ['docx', 'pdf', 'docx-out', 'pdf-out']) mkdirSync(join(work, d));
const docs = join(corpus, 'dev/docs');
const isRow = (l) => / \| |\|\s*$/.test(l);
for (const f of readdirSync(docs).sort()) {
  const lines = readFileSync(join(docs, f), 'utf8').split('\n');
  const children = [];
  let rows = [];
  const flush = () => {
    if (!rows.length) return;
    const width = Math.max(...rows.map((r) => r.length));
    children.push(new Table({ rows: rows.map((r) => new TableRow({ children: [...r, ...Array(width - r.length).fill('')].map((c) => new TableCell({ children: [new Paragraph(c)] })) })) }));
    rows = [];
  };
  for (const l of lines) {
    if (isRow(l)) rows.push(l.replace(/\|\s*$/, '').split('|').map((c) => c.trim()));
    else if (l.trim()) {
      flush();
      children.push(new Paragraph(l.trim()));
    }
  }
  flush();
  const name = f.replace(/\.txt$/, '');
  writeFileSync(join(work, 'docx', `${name}.docx`), await Packer.toBuffer(new Document({ sections: [{ children }] })));
}
execFileSync('soffice', [`-env:UserInstallation=file://${work}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', join(work, 'pdf'), ...readdirSync(join(work, 'docx')).map((f) => join(work, 'docx', f))], { stdio: 'ignore' });
for (const fmt of ['docx', 'pdf']) {
  for (const f of readdirSync(join(work, fmt))) {
    const plan = await parseDocument(new Uint8Array(readFileSync(join(work, fmt, f))), { filename: f });
    writeFileSync(join(work, `${fmt}-out`, f.replace(/\.\w+$/, '.json')), JSON.stringify(plan));
  }
  console.log(`== ${fmt.toUpperCase()}`);
  execFileSync(process.execPath, [join(corpus, 'score.mjs'), join(corpus, 'dev/gold'), join(work, `${fmt}-out`)], { stdio: 'inherit' });
}
