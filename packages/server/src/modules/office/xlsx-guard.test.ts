import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { OfficeFileError } from './errors.js';
import { buildProgressSheet, readProgressSheet } from './progress-sheet.js';
import { inspectXlsx, loadWorkbookSafely } from './xlsx-guard.js';
import { entityBombXlsx, minimalXlsx, zipBombXlsx } from './__tests__/hostile.js';

/** The OfficeFileError a promise or call rejects with. */
async function officeError(fn: () => unknown): Promise<OfficeFileError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof OfficeFileError) return err;
    throw err;
  }
  throw new Error('expected an OfficeFileError, but the file was accepted');
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function workbookWithFormula(formula: string, result: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进度填报');
  wb.addWorksheet('Sheet2').getCell('A1').value = 5;
  ws.getCell('A1').value = '任务';
  ws.getCell('I3').value = { formula, result };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('hostile spreadsheets are refused with a typed error telling the user what to do', () => {
  it('refuses a PNG as not an xlsx', async () => {
    const err = await officeError(() => readProgressSheet(PNG, new Map()));
    expect(err.code).toBe('office.not_xlsx');
    expect(err.message).toContain('另存为');
  });

  it('refuses an .xls / encrypted OLE file with its own advice', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const err = await officeError(() => inspectXlsx(ole));
    expect(err.code).toBe('office.legacy_or_encrypted');
    expect(err.message).toContain('.xlsx');
  });

  it('refuses a truncated workbook as corrupt', async () => {
    const good = await buildProgressSheet([]);
    const err = await officeError(() => inspectXlsx(good.subarray(0, good.length - 40)));
    expect(err.code).toBe('office.corrupt');
  });

  it('refuses a real zip bomb from its central directory, before inflating', async () => {
    // 4 parts × 64 MiB of zeros ≈ 256 MiB from a file of a few hundred KiB.
    const bomb = zipBombXlsx(4, 64);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const err = await officeError(() => readProgressSheet(bomb, new Map()));
    expect(err.code).toBe('office.zip_bomb');
    expect(err.message).toContain('压缩炸弹');
  });

  it('refuses a zip bomb that lies about its sizes while inflating, never past the declared size', async () => {
    const liar = zipBombXlsx(1, 16, true);
    const err = await officeError(() => readProgressSheet(liar, new Map()));
    expect(err.code).toBe('office.zip_bomb');
    expect(err.detail.entry).toBe('xl/media/image1.png');
  });

  it('refuses XML declaring entities (billion laughs) before exceljs parses it', async () => {
    const err = await officeError(() => readProgressSheet(entityBombXlsx(), new Map()));
    expect(err.code).toBe('office.corrupt');
    expect(err.detail.entry).toBe('xl/worksheets/sheet1.xml');
  });

  it('refuses a sheet of 100,000 rows, naming the sheet and the limit', async () => {
    const big = minimalXlsx(100_000);
    const err = await officeError(() => readProgressSheet(big, new Map()));
    expect(err.code).toBe('office.too_many_rows');
    expect(err.message).toContain('进度填报');
    expect(err.message).toContain('100000');
    expect(err.message).toContain('20000');
  });

  it('accepts the same structure under the row limit', async () => {
    const { inspected } = await loadWorkbookSafely(minimalXlsx(500));
    expect(inspected.sheets).toEqual([{ name: '进度填报', path: 'xl/worksheets/sheet1.xml', rows: 500 }]);
  });

  it('refuses a formula referencing another workbook, naming the cell', async () => {
    const bytes = await workbookWithFormula("'[预算.xlsx]Sheet1'!A1", 80);
    const err = await officeError(() => readProgressSheet(bytes, new Map()));
    expect(err.code).toBe('office.external_reference');
    expect(err.detail.cell).toBe('I3');
    expect(err.message).toContain('I3');
    expect(err.message).toContain('进度填报');
  });

  it('refuses a formula referencing another sheet and one using INDIRECT', async () => {
    for (const formula of ['Sheet2!A1*10', 'INDIRECT("Sheet2!A1")']) {
      const err = await officeError(async () => inspectXlsx(await workbookWithFormula(formula, 50)));
      expect(err.code).toBe('office.external_reference');
      expect(err.detail.cell).toBe('I3');
    }
  });

  it('lets a formula inside its own sheet through', async () => {
    const bytes = await workbookWithFormula('40+20', 60);
    const { workbook } = await loadWorkbookSafely(bytes);
    expect(workbook.getWorksheet('进度填报')!.getCell('I3').result).toBe(60);
  });
});
