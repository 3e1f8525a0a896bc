// Fixture files generated from text in the tests: DOCX (docx), XLSX (exceljs), PDF (LibreOffice).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';

export const tempDir = (prefix = 'xt-parser-') => mkdtempSync(join(tmpdir(), prefix));

/** A DOCX with one paragraph per line and optional tables (arrays of rows). */
export async function makeDocx(lines: string[], tables: string[][][] = []): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = lines.map((l) => new Paragraph(l));
  for (const rows of tables) {
    children.push(new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })) }));
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** An XLSX with the given rows; `merges` are Excel ranges such as "A2:E2". */
export async function makeXlsx(rows: Array<Array<string | number>>, merges: string[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分工');
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Converts a file with LibreOffice headless (fails loudly when soffice is missing). */
export function soffice(input: Uint8Array, ext: string, to = 'pdf'): Uint8Array {
  const dir = tempDir('xt-parser-lo-');
  const file = join(dir, `fixture.${ext}`);
  writeFileSync(file, input);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, file], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  return new Uint8Array(readFileSync(join(dir, 'fixture.pdf')));
}

let gbkTable: Map<string, number[]> | null = null;
/** GB18030/GBK encoder built by inverting the platform's decoder (two-byte range). */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
