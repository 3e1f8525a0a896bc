// Hostile files for the resilience tests (hostile-upload.test.ts) and their heavy form
// (bench/fuzz-uploads.mjs, through packages/server/dist): zip bombs with honest or lying
// directories, huge sheets, a PDF without text, binary noise. Built as streams where the inflated
// content is large, so the attacker's side never holds it in memory.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** A deflated zip member: compressed bytes with the real size and CRC of what they inflate to. */
export interface Packed {
  deflated: Buffer;
  size: number;
  crc: number;
}

export interface ZipMember {
  name: string;
  data: Buffer | Packed;
  /** Lie about the uncompressed size in both headers (a bomb that hides its size). */
  declaredSize?: number;
}

/** Writes a zip (deflate, UTF-8 names) of the members, honestly or with the lies asked for. */
export function writeZip(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const packed = Buffer.isBuffer(m.data)
      ? { deflated: deflateRawSync(m.data), size: m.data.length, crc: crc32(m.data) }
      : m.data;
    const size = m.declaredSize ?? packed.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.crc >>> 0, 16);
    central.writeUInt32LE(packed.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + packed.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Deflates head + count × chunk + tail as a stream: the inflated text never sits in memory. */
export async function deflateRepeated(
  head: string,
  chunk: Buffer,
  count: number,
  tail: string,
): Promise<Packed> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise((resolve) => d.on('end', resolve));
  let crc = crc32(head);
  let size = Buffer.byteLength(head);
  d.write(head);
  for (let i = 0; i < count; i++) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!d.write(chunk)) await new Promise((resolve) => d.once('drain', resolve));
  }
  crc = crc32(tail, crc);
  size += Buffer.byteLength(tail);
  d.end(tail);
  await ended;
  return { deflated: Buffer.concat(out), size, crc };
}

const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A DOCX whose document.xml inflates to `mb` MB of text. `lie`: the zip directory claims 1 KB,
 * so only inflating tells; otherwise it states the real size.
 */
export async function docxBomb(mb: number, lie: boolean): Promise<Buffer> {
  const doc = await deflateRepeated(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
    Buffer.alloc(1 << 20, 0x41),
    mb,
    '</w:t></w:r></w:p></w:body></w:document>',
  );
  return writeZip([
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="${PKG}/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
    },
    { name: 'word/document.xml', data: doc, ...(lie ? { declaredSize: 1024 } : {}) },
  ]);
}

/**
 * An .xlsx whose one sheet has `rows` rows of inline text (rows without numbers, so a block of a
 * thousand repeats). `lie`: the zip directory claims 2 KB for the sheet.
 */
export async function xlsxRows(rows: number, lie: boolean): Promise<Buffer> {
  const sheet = await deflateRepeated(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    Buffer.from('<row><c t="inlineStr"><is><t>任务</t></is></c></row>'.repeat(1000)),
    Math.ceil(rows / 1000),
    '</sheetData></worksheet>',
  );
  const type = (part: string, kind: string) =>
    `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`;
  return writeZip([
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${type('/xl/workbook.xml', 'sheet.main')}${type('/xl/worksheets/sheet1.xml', 'worksheet')}</Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${OFFICE_REL}"><sheets><sheet name="任务分工" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(lie ? { declaredSize: 2048 } : {}) },
  ]);
}

/** A one-page PDF that draws a rectangle and has no text at all (a scan without OCR). */
export function pdfWithoutText(): Buffer {
  const content = '0 0 0 rg 100 100 200 200 re f\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Bytes that are certainly not text: a pseudo-random stream (xorshift) with NULs. */
export function binaryNoise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}
