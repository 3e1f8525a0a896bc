import { ParseError } from '../errors.js';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  /** Compression method (0 stored, 8 deflate). */
  method: number;
  /** Offset of the entry's local header. */
  localHeaderOffset: number;
}

/** Largest total uncompressed size accepted for DOCX/XLSX archives. */
export const MAX_UNCOMPRESSED = 50 * 1024 * 1024;

/** Lists a ZIP archive's entries from its central directory (no decompression). */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ParseError('format.corrupt', '压缩文件已损坏（找不到目录），请重新导出或另存后再试。');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new ParseError('format.corrupt', '压缩文件已损坏（目录不完整），请重新导出或另存后再试。');
    }
    const flags = view.getUint16(at + 8, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const method = view.getUint16(at + 10, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    entries.push({ name, compressedSize, uncompressedSize, encrypted: (flags & 1) === 1, method, localHeaderOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Rejects archives that would expand beyond the limit (zip bombs) or are encrypted. */
export function guardZip(entries: ZipEntry[], label: string): void {
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > MAX_UNCOMPRESSED || entries.some((e) => e.uncompressedSize === 0xffffffff)) {
    throw new ParseError('docx.too-large', `${label}解压后超过 50 MB（${Math.round(total / 1048576)} MB），可能是异常文件。请删除其中的大图片或拆分文档后再导入。`);
  }
  if (entries.some((e) => e.encrypted)) throw new ParseError('format.corrupt', `${label}已加密，请先取消密码保护再导入。`);
}

const tooLarge = (label: string, bytes: number) =>
  new ParseError(
    'docx.too-large',
    `${label}解压后超过 50 MB（至少 ${Math.round(bytes / 1048576)} MB），可能是异常文件。请删除其中的大图片或拆分文档后再导入。`,
  );

/**
 * Inflates every entry with a running budget and refuses the archive as soon as the real output
 * passes `limit` — the directory's declared sizes can lie (a zip bomb claiming 1 KB), and the
 * libraries that read DOCX/XLSX inflate everything before they notice. Nothing is kept: each chunk
 * is counted and dropped, so memory stays at one chunk. Portable (DecompressionStream), so the
 * adapters still run in a browser.
 */
export async function guardInflatedSize(bytes: Uint8Array, entries: ZipEntry[], label: string, limit = MAX_UNCOMPRESSED): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      throw new ParseError('format.corrupt', `${label}已损坏（条目“${entry.name}”的位置不对），请重新导出或另存后再试。`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
    if (entry.method === 0) {
      total += data.length;
    } else if (entry.method === 8) {
      total = await countInflated(data, total, limit, label);
    } else {
      throw new ParseError('format.corrupt', `${label}使用了不支持的压缩方式（${entry.method}），请用 Word/WPS/Excel 重新另存后再导入。`);
    }
    if (total > limit) throw tooLarge(label, total);
  }
}

async function countInflated(data: Uint8Array, already: number, limit: number, label: string): Promise<number> {
  let total = already;
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done || !value) return total;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(label, total);
      }
    }
  } catch (cause) {
    if (cause instanceof ParseError) throw cause;
    throw new ParseError('format.corrupt', `${label}无法解压，可能已损坏。请用 Word/WPS/Excel 重新另存后再导入。`, { cause });
  }
}
