import { ParseError } from '../errors.js';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
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
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    entries.push({ name, compressedSize, uncompressedSize, encrypted: (flags & 1) === 1 });
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
