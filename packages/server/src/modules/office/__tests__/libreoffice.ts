// Test support: open generated files with a real office suite (LibreOffice headless) and read the
// result with poppler. Missing tools fail loudly; each soffice call gets its own profile so
// parallel test files never share one.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The fontconfig fallbacks we ship for rendering GB/T 9704 fonts (see fonts/fontconfig.conf). */
export const FONTCONFIG_FILE = fileURLToPath(new URL('../fonts/fontconfig.conf', import.meta.url));

const run = promisify(execFile);

function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `${name} is not installed: these tests need LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo). ` +
        'Install libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils (see .ci/run).',
    );
  }
}

export function requireOfficeTools(): void {
  for (const t of ['soffice', 'pdftotext', 'pdfinfo']) requireTool(t);
}

/** A scratch directory for one test file. */
export function scratchDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `xietong-office-${label}-`));
}

/**
 * Converts every file in one soffice call (LibreOffice starts slowly) and returns the output path
 * of each input, by input file name.
 * @param target `pdf`; `csv` (UTF-8, first sheet, cells as shown); `xlsx` (saved again by Calc)
 */
export async function convertWithLibreOffice(
  dir: string,
  files: Record<string, Uint8Array>,
  target: 'pdf' | 'csv' | 'xlsx',
): Promise<Record<string, string>> {
  requireOfficeTools();
  const inDir = join(dir, `in-${target}`);
  const outDir = join(dir, `out-${target}`);
  mkdirSync(inDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const paths = Object.entries(files).map(([name, bytes]) => {
    const p = join(inDir, name);
    writeFileSync(p, bytes);
    return p;
  });
  const profile = mkdtempSync(join(tmpdir(), 'lo-'));
  const filter =
    target === 'csv' ? 'csv:Text - txt - csv (StarCalc):44,34,76,1' : target === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'pdf';
  try {
    await run(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...paths],
      { timeout: 180_000, env: { ...process.env, FONTCONFIG_FILE } },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const out: Record<string, string> = {};
  for (const name of Object.keys(files)) {
    const p = join(outDir, name.replace(/\.[^.]+$/, `.${target}`));
    if (!existsSync(p)) throw new Error(`LibreOffice did not convert ${name} to ${target}: the file is unreadable to an office suite`);
    out[name] = p;
  }
  return out;
}

/** Text of a PDF in reading order (pdftotext -layout off), whitespace collapsed. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Names of the fonts a PDF embeds (pdffonts), without subset prefixes. */
export function pdfFonts(path: string): string[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    .filter(Boolean);
}

/** pdfinfo's fields: Pages, Page size, … */
export function pdfInfo(path: string): { pages: number; pageSize: string } {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN),
    pageSize: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '',
  };
}

/** Minimal RFC 4180 reader for LibreOffice's CSV output. */
export function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Asserts that the needles occur in the haystack in this order; returns the first missing one. */
export function missingInOrder(haystack: string, needles: readonly string[]): string | null {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(n.replace(/\s+/g, ''), from);
    if (at < 0) return n;
    from = at + 1;
  }
  return null;
}
