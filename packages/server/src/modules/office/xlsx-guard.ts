import ExcelJS from 'exceljs';
import { OfficeFileError } from './errors.js';
import {
  assertDeclaredSizes,
  assertZipMagic,
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  readCentralDirectory,
  type ZipLimits,
} from './zip-inspect.js';

/** Limits for an uploaded workbook; defaults suit a unit's progress sheet. */
export interface XlsxGuardOptions extends Partial<ZipLimits> {
  /** Most rows any worksheet may have. Default 20,000. */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 20_000;

/** What the guard learned about a package that passed. */
export interface InspectedWorkbook {
  sheets: { name: string; path: string; rows: number }[];
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Functions whose result depends on something outside the sheet. */
const OUTSIDE_FUNCTIONS = /\b(INDIRECT|HYPERLINK|WEBSERVICE|FILTERXML|RTD|CALL|REGISTER(?:\.ID)?|IMPORTDATA|DDE)\s*\(/i;

/**
 * Inspects an uploaded .xlsx without trusting it: magic bytes, zip central directory (sizes and
 * ratios checked before inflating; every entry then inflated under its declared size), workbook
 * structure, row counts, external links and formulas that reach outside their own sheet.
 * Throws {@link OfficeFileError} on the first problem; returns the sheets it found otherwise.
 */
export function inspectXlsx(bytes: Uint8Array, options: XlsxGuardOptions = {}): InspectedWorkbook {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...stripUndefined(options) };
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (bytes.length > limits.maxCompressedBytes) {
    throw new OfficeFileError(
      'office.too_large',
      `文件大小为 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过上限 ${Math.round(limits.maxCompressedBytes / 1024 / 1024)} MB。请删除图片等多余内容后重新上传。`,
      { bytes: bytes.length },
    );
  }
  assertZipMagic(bytes);
  const entries = readCentralDirectory(bytes, limits);
  assertDeclaredSizes(entries, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  // Inflate everything now, bounded by the declared sizes, so nothing downstream meets a bomb.
  const parts = new Map(entries.map((e) => [e.name, inflateEntry(bytes, e)]));

  if (!byName.has('[Content_Types].xml') || !byName.has('xl/workbook.xml')) {
    const isWord = byName.has('word/document.xml');
    throw new OfficeFileError(
      'office.not_xlsx',
      isWord
        ? '上传的是 Word 文档，不是 Excel 工作簿。请上传 .xlsx 格式的表格。'
        : '上传的文件不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再上传。',
    );
  }

  // exceljs's XML reader has no business with DTDs; a declared entity can expand without bound.
  for (const [name, data] of parts) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    if (/<!(DOCTYPE|ENTITY)/i.test(data.subarray(0, 4096).toString('latin1')) || data.includes('<!ENTITY')) {
      throw new OfficeFileError(
        'office.corrupt',
        '文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），系统拒绝读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx 后再上传。',
        { entry: name },
      );
    }
  }

  const externalLink = entries.find((e) => e.name.startsWith('xl/externalLinks/'));
  const workbookXml = parts.get('xl/workbook.xml')!.toString('utf8');
  const relsXml = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets: InspectedWorkbook['sheets'] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = xmlText(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const path = targets.get(rid);
    if (path && parts.has(path)) sheets.push({ name, path, rows: 0 });
  }
  const definedNames = [...workbookXml.matchAll(/<(?:\w+:)?definedName\b[^>]*\bname="([^"]*)"/g)]
    .map((m) => xmlText(m[1]!))
    .filter((n) => !n.startsWith('_xlnm.'));

  for (const sheet of sheets) {
    const xml = parts.get(sheet.path)!.toString('utf8');
    sheet.rows = countRows(xml);
    if (sheet.rows > maxRows) {
      throw new OfficeFileError(
        'office.too_many_rows',
        `工作表“${sheet.name}”有 ${sheet.rows} 行，超过单次上传上限 ${maxRows} 行。请拆分成多个文件分批上传。`,
        { sheet: sheet.name, rows: sheet.rows, maxRows },
      );
    }
    const outside = findOutsideFormula(xml, definedNames);
    if (outside) {
      throw new OfficeFileError(
        'office.external_reference',
        `工作表“${sheet.name}”的 ${outside.cell} 单元格含有引用其他工作表、其他文件或外部数据的公式（=${outside.formula}）。为保证数据准确，请将该单元格改为直接填写的数值或文字后再上传。`,
        { sheet: sheet.name, cell: outside.cell, formula: outside.formula },
      );
    }
  }
  if (externalLink) {
    throw new OfficeFileError(
      'office.external_reference',
      '文件中含有指向其他工作簿的外部链接。请在 Excel 中“数据 → 编辑链接 → 断开链接”后重新保存上传。',
      { entry: externalLink.name },
    );
  }
  return { sheets };
}

/**
 * Loads an upload with exceljs after {@link inspectXlsx} accepted it.
 * @returns the workbook and what the inspection found
 */
export async function loadWorkbookSafely(
  bytes: Uint8Array,
  options: XlsxGuardOptions = {},
): Promise<{ workbook: ExcelJS.Workbook; inspected: InspectedWorkbook }> {
  const inspected = inspectXlsx(bytes, options);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new OfficeFileError(
      'office.corrupt',
      '文件无法按 Excel 工作簿读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx 后再上传。',
    );
  }
  return { workbook, inspected };
}

function countRows(xml: string): number {
  let n = 0;
  const re = /<(?:\w+:)?row[\s>/]/g;
  while (re.exec(xml)) n++;
  return n;
}

/** The first cell whose formula reaches outside its own sheet, or null. */
function findOutsideFormula(xml: string, definedNames: readonly string[]): { cell: string; formula: string } | null {
  if (!/<(?:\w+:)?f[\s>]/.test(xml)) return null;
  const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  for (const m of xml.matchAll(cellRe)) {
    const body = m[2];
    if (!body) continue;
    const f = /<(?:\w+:)?f\b[^>]*>([^<]*)<\/(?:\w+:)?f>/.exec(body);
    if (!f) continue;
    const formula = xmlText(f[1]!);
    const reachesOut =
      formula.includes('!') ||
      formula.includes('[') ||
      formula.includes('|') ||
      OUTSIDE_FUNCTIONS.test(formula) ||
      definedNames.some((n) => new RegExp(`(^|[^A-Za-z0-9_.])${escapeRe(n)}($|[^A-Za-z0-9_.(])`).test(formula));
    if (reachesOut) {
      const cell = /\br="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '?';
      return { cell, formula };
    }
  }
  return null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
