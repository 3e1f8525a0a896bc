import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { detectFormat, parseDocument, readDocument } from './index.js';
import { guardInflatedSize, listZip } from './zip.js';

/** A zip whose central directory declares `declared` bytes for each entry, whatever they really inflate to. */
function lyingZip(files: { name: string; content: Uint8Array; declared?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = deflateRawSync(f.content);
    const size = f.declared ?? f.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, eocd]));
}

const contentTypes = new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

describe('zip bombs whose directory lies about their size', () => {
  it('refuses a DOCX that inflates past 50 MB although it declares 1 KB, before mammoth reads it', async () => {
    const bomb = lyingZip([
      { name: '[Content_Types].xml', content: contentTypes },
      { name: 'word/document.xml', content: new Uint8Array(60 * 1024 * 1024), declared: 1024 },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const err = await readDocument(bomb, { filename: 'bomb.docx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).code).toBe('docx.too-large');
    expect((err as ParseError).message).toMatch(/解压后超过 50 MB.*请删除其中的大图片或拆分文档/);
  });

  it('refuses an XLSX bomb the same way', async () => {
    const bomb = lyingZip([
      { name: '[Content_Types].xml', content: contentTypes },
      { name: 'xl/workbook.xml', content: new Uint8Array(10) },
      { name: 'xl/worksheets/sheet1.xml', content: new Uint8Array(55 * 1024 * 1024), declared: 2048 },
    ]);
    const err = await readDocument(bomb, { filename: 'bomb.xlsx' }).catch((e: unknown) => e);
    expect((err as ParseError).code).toBe('docx.too-large');
    expect((err as ParseError).message).toContain('XLSX 文件解压后超过 50 MB');
  });

  it('accepts an honest archive under the limit and counts what it really inflates to', async () => {
    const ok = lyingZip([{ name: 'a.xml', content: new Uint8Array(3 * 1024 * 1024) }]);
    await expect(guardInflatedSize(ok, listZip(ok), 'DOCX 文件')).resolves.toBeUndefined();
    await expect(guardInflatedSize(ok, listZip(ok), 'DOCX 文件', 2 * 1024 * 1024)).rejects.toMatchObject({ code: 'docx.too-large' });
  });

  it('reports a corrupt entry as a damaged file, not a crash', async () => {
    const ok = lyingZip([{ name: 'a.xml', content: new Uint8Array(1000) }]);
    const entries = listZip(ok).map((e) => ({ ...e, localHeaderOffset: e.localHeaderOffset + 3 }));
    await expect(guardInflatedSize(ok, entries, 'DOCX 文件')).rejects.toMatchObject({ code: 'format.corrupt' });
  });
});

describe('a .txt file is read as a table only when it is one', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('keeps prose with ASCII commas as text when the file is named .txt (fuzz finding R3)', async () => {
    const prose = '重点任务,责任单位,推进情况说明\n一、加快交通建设,完善路网,提升通达能力（牵头单位：市交通运输局）\n二、推进产业协作,共建园区（责任单位：市发展改革委）\n';
    expect(detectFormat(enc(prose), 'plan.txt').format).toBe('txt');
    const plan = await parseDocument(enc(prose), { filename: 'plan.txt' });
    expect(plan.tasks.map((t) => t.lead.concat(t.responsible))).toEqual([['市交通运输局'], ['市发展改革委']]);
  });
  it('still reads a real table saved as .txt as a table', () => {
    const table = '序号\t工作任务\t责任单位\t完成时限\n1\t推进改革\t市发改委\t2023年6月\n2\t提升效能\t市财政局\t2023年底\n';
    expect(detectFormat(enc(table), 'table.txt').format).toBe('csv');
  });
});
