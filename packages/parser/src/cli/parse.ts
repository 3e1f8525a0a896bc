/**
 * `xietong parse FILE... [--json] [--out DIR] [--format auto|txt|html|docx|pdf|xlsx|csv]`
 *
 * Without --json: a readable summary per file (metadata, counts, the task table, warnings).
 * With --json: the parsed plan as JSON (an array of { file, plan } for several files).
 * With --out DIR: DIR/<file name without extension>.json per input.
 * Exit 0 when every file parsed; 2 when a file was unreadable or unsupported (the others are
 * still processed) or the command line was wrong.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseDocument, ParseError, type FormatOption } from '../adapters/index.js';
import type { ParsedPlan } from '../types.js';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

const FORMATS: FormatOption[] = ['auto', 'txt', 'html', 'docx', 'pdf', 'xlsx', 'csv'];

export const USAGE = `用法：xietong parse 文件... [--json] [--out 目录] [--format auto|txt|html|docx|pdf|xlsx|csv]
  --json      输出 JSON（多个文件时输出数组）
  --out 目录  为每个文件写出 目录/<文件名>.json
  --format    指定输入格式（默认 auto：按文件内容识别）
`;

interface Args {
  files: string[];
  json: boolean;
  out: string | null;
  format: FormatOption;
  help: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { files: [], json: false, out: null, format: 'auto', help: false };
  const list = argv[0] === 'parse' ? argv.slice(1) : argv;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--out' || a.startsWith('--out=')) {
      const v = a.includes('=') ? a.slice(6) : list[++i];
      if (!v) return '--out 需要一个目录，例如 --out out/';
      args.out = v;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = (a.includes('=') ? a.slice(9) : list[++i]) as FormatOption | undefined;
      if (!v || !FORMATS.includes(v)) return `--format 只能是 ${FORMATS.join('、')} 之一。`;
      args.format = v;
    } else if (a.startsWith('--')) return `未知选项 ${a}。`;
    else args.files.push(a);
  }
  return args;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A readable summary of one parsed plan. */
export function summarise(file: string, plan: ParsedPlan): string {
  const annotated = plan.tasks.filter((t) => t.lead.length + t.responsible.length + t.cooperating.length > 0);
  const lines: string[] = [];
  lines.push(`== ${file}（${plan.format}）`);
  lines.push(`标题：${plan.title ?? '（未识别）'}`);
  lines.push(`文号：${plan.docNumber ?? '—'}；发文机关：${plan.issuer ?? '—'}；成文日期：${plan.date ?? '—'}`);
  if (plan.recipients.length) lines.push(`主送：${plan.recipients.join('，')}`);
  lines.push(
    `任务 ${plan.tasks.length} 项（有责任单位 ${annotated.length} 项，待分配 ${plan.tasks.length - annotated.length} 项）；指标 ${plan.indicators.length}；重点项目 ${plan.projects.length}；阶段 ${plan.phases.length}；报送频次 ${plan.cadences.length}；领导小组成员 ${plan.leadingGroup.length}；引用文件 ${plan.references.length}；警告 ${plan.warnings.length}；清理片段 ${plan.removed.length}`,
  );
  if (plan.tasks.length) {
    lines.push('', '路径\t任务\t牵头单位\t责任单位\t配合单位\t完成时限');
    for (const t of plan.tasks) {
      lines.push([t.path || '—', cut(t.text, 24), t.lead.join('、') || '—', t.responsible.join('、') || '—', t.cooperating.join('、') || '—', t.deadline ?? '—'].join('\t'));
    }
  }
  if (plan.indicators.length) {
    lines.push('', '指标\t目标\t年份\t责任单位');
    for (const i of plan.indicators) lines.push([cut(i.name, 24), `${i.comparator} ${i.target}${i.unit ?? ''}`, i.year ?? '—', i.responsible.join('、') || '—'].join('\t'));
  }
  if (plan.warnings.length) {
    lines.push('', '警告：');
    for (const w of plan.warnings.slice(0, 50)) lines.push(`  [${w.code}] ${w.message}`);
    if (plan.warnings.length > 50) lines.push(`  ……另有 ${plan.warnings.length - 50} 条`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `xietong parse`; returns the exit code. */
export async function runParseCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.files.length === 0) {
    io.err(`请至少指定一个文件。\n${USAGE}`);
    return 2;
  }
  if (args.out) await mkdir(args.out, { recursive: true });
  let failed = 0;
  const results: Array<{ file: string; plan: ParsedPlan }> = [];
  for (const file of args.files) {
    let plan: ParsedPlan;
    try {
      const bytes = new Uint8Array(await readFile(file));
      plan = await parseDocument(bytes, { filename: basename(file), format: args.format });
    } catch (e) {
      failed++;
      const reason =
        e instanceof ParseError
          ? e.message
          : (e as NodeJS.ErrnoException)?.code === 'ENOENT'
            ? '文件不存在，请检查路径。'
            : (e as NodeJS.ErrnoException)?.code === 'EISDIR'
              ? '这是一个目录，请指定其中的文件。'
              : (e as NodeJS.ErrnoException)?.code === 'EACCES'
                ? '没有读取权限，请检查文件权限。'
                : `无法读取：${(e as Error)?.message ?? String(e)}`;
      io.err(`${file}: ${reason}\n`);
      continue;
    }
    results.push({ file, plan });
    if (args.out) {
      const name = basename(file, extname(file));
      await writeFile(join(args.out, `${name}.json`), `${JSON.stringify(plan, null, 2)}\n`);
    }
    if (!args.json) io.out(summarise(file, plan));
  }
  if (args.json) {
    const payload = args.files.length === 1 && results.length === 1 ? results[0]!.plan : results;
    io.out(`${JSON.stringify(payload, null, 2)}\n`);
  }
  return failed > 0 ? 2 : 0;
}
