import { inflateRawSync } from 'node:zlib';
import { OfficeFileError } from './errors.js';

/** One entry of a zip's central directory, as declared (not yet trusted). */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Limits applied to an uploaded OOXML package before anything inflates it. */
export interface ZipLimits {
  /** Largest accepted upload, in bytes. */
  maxCompressedBytes: number;
  /** Largest total uncompressed size over all entries, in bytes. */
  maxUncompressedBytes: number;
  /** Largest accepted compression ratio of an entry bigger than 1 MiB uncompressed. */
  maxRatio: number;
  /** Most entries a package may have. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxCompressedBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 120 * 1024 * 1024,
  maxRatio: 500,
  maxEntries: 2_000,
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const MIB = 1024 * 1024;

const notXlsx = () =>
  new OfficeFileError(
    'office.not_xlsx',
    '上传的文件不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再上传。',
  );

const corrupt = (why: string) =>
  new OfficeFileError(
    'office.corrupt',
    '文件已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx 后再上传。',
    { why },
  );

/**
 * Checks the magic bytes of an upload: a zip (PK\x03\x04) is accepted for further inspection; an
 * OLE compound file (.xls or encrypted .xlsx) and anything else are rejected with their own error.
 */
export function assertZipMagic(bytes: Uint8Array): void {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new OfficeFileError(
      'office.legacy_or_encrypted',
      '该文件是旧版 Excel 97-2003 格式（.xls）或设置了打开密码。请取消密码，并“另存为”Excel 工作簿（*.xlsx）后再上传。',
    );
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw notXlsx();
  }
}

/**
 * Reads the central directory of a zip without inflating anything. Rejects zip64, multi-disk and
 * encrypted archives (an .xlsx never needs them) and entries pointing outside the file.
 */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) throw corrupt('multi-disk');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new OfficeFileError('office.zip_bomb', '文件结构异常（超大压缩包格式），系统拒绝解压。请在 Excel 中重新保存后上传。', {
      why: 'zip64',
    });
  }
  if (count > limits.maxEntries) {
    throw new OfficeFileError('office.zip_bomb', `文件内部包含 ${count} 个部件，超出上限，系统拒绝解压。请只保留填报表后重新保存上传。`, {
      entries: count,
    });
  }
  if (cdOffset + cdSize > eocd) throw corrupt('central directory out of range');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== SIG_CENTRAL) throw corrupt('bad central header');
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new OfficeFileError('office.zip_bomb', '文件结构异常（超大压缩包格式），系统拒绝解压。请在 Excel 中重新保存后上传。', {
        why: 'zip64 entry',
      });
    }
    if (entry.flags & 0x1) {
      throw new OfficeFileError(
        'office.legacy_or_encrypted',
        '文件内容已加密，无法读取。请取消密码保护并重新保存为 .xlsx 后再上传。',
      );
    }
    if (entry.localHeaderOffset + 30 > cdOffset) throw corrupt('local header out of range');
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Refuses a package whose declared sizes are too big, before inflating. Sizes are only
 * declarations; {@link inflateEntry} enforces them while inflating.
 */
export function assertDeclaredSizes(entries: readonly ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > MIB && ratio > limits.maxRatio) {
      throw zipBomb(`部件 ${e.name} 的压缩比为 ${Math.round(ratio)}:1`, { entry: e.name, ratio: Math.round(ratio) });
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw zipBomb(`解压后共 ${Math.round(total / MIB)} MB`, { uncompressedBytes: total });
  }
}

function zipBomb(what: string, detail: Record<string, string | number>): OfficeFileError {
  return new OfficeFileError(
    'office.zip_bomb',
    `文件解压后体积异常（${what}），超出系统允许的范围，疑似“压缩炸弹”，已拒绝处理。请上传从本系统下载并填写的表格，或删除多余内容后重新保存。`,
    detail,
  );
}

/**
 * Inflates one entry, never producing more than its declared uncompressed size: an entry that
 * lies about its size is treated as a zip bomb, one that yields less as corrupt.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lh = entry.localHeaderOffset;
  if (view.getUint32(lh, true) !== SIG_LOCAL) throw corrupt('bad local header');
  const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt('entry data out of range');
  const data = bytes.subarray(start, end);
  let out: Buffer;
  if (entry.method === 0) {
    out = Buffer.from(data);
  } else if (entry.method === 8) {
    try {
      // One spare byte: if it fills, the entry inflates to more than it declared.
      out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw zipBomb(`部件 ${entry.name} 实际解压大小超过其声明`, { entry: entry.name });
      }
      throw corrupt(`inflate failed: ${entry.name}`);
    }
  } else {
    throw corrupt(`unsupported compression method ${entry.method}`);
  }
  if (out.length > entry.uncompressedSize) {
    throw zipBomb(`部件 ${entry.name} 实际解压大小超过其声明`, { entry: entry.name });
  }
  if (out.length !== entry.uncompressedSize) throw corrupt(`size mismatch: ${entry.name}`);
  return out;
}
