import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../__tests__/fixtures.js';
import { runParseCli } from './parse.js';

const capture = () => {
  const io = { stdout: '', stderr: '' };
  return { io, sink: { out: (s: string) => (io.stdout += s), err: (s: string) => (io.stderr += s) } };
};

const PLAN = '某市重点任务分工方案\n一、重点任务\n1.建设数字政府。（牵头单位：市政务服务局；责任单位：市财政局）\n2.完成改造。\n责任单位：市住建局\n完成时限：2022年底前';

describe('xietong parse', () => {
  const dir = tempDir();
  const good = join(dir, 'plan.txt');
  const image = join(dir, 'photo.txt');
  writeFileSync(good, PLAN);
  writeFileSync(image, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));

  it('prints a readable summary with counts, the task table and warnings', async () => {
    const { io, sink } = capture();
    expect(await runParseCli(['parse', good], sink)).toBe(0);
    expect(io.stdout).toContain('标题：某市重点任务分工方案');
    expect(io.stdout).toContain('任务 2 项（有责任单位 2 项');
    expect(io.stdout).toMatch(/一\/1\t建设数字政府。\t市政务服务局\t市财政局/);
    expect(io.stdout).toMatch(/一\/2\t完成改造。\t—\t市住建局\t—\t2022年底前/);
    expect(io.stderr).toBe('');
  });

  it('prints JSON with --json', async () => {
    const { io, sink } = capture();
    expect(await runParseCli([good, '--json'], sink)).toBe(0);
    const plan = JSON.parse(io.stdout) as { tasks: unknown[] };
    expect(plan.tasks[0]).toMatchObject({ path: '一/1', lead: ['市政务服务局'], responsible: ['市财政局'] });
  });

  it('writes DIR/<name>.json with --out, reports a bad file with exit 2 and goes on', async () => {
    const out = join(dir, 'out');
    const { io, sink } = capture();
    expect(await runParseCli([image, join(dir, 'missing.txt'), good, '--out', out, '--json'], sink)).toBe(2);
    expect(io.stderr).toContain(`${image}: 这是PNG 图片`);
    expect(io.stderr).toContain('missing.txt: 文件不存在');
    expect(existsSync(join(out, 'photo.json'))).toBe(false);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { tasks: unknown[] };
    expect(plan.tasks).toHaveLength(2);
    expect(JSON.parse(io.stdout)).toHaveLength(1);
  });

  it('honours --format and rejects a wrong one', async () => {
    const { io, sink } = capture();
    expect(await runParseCli([good, '--format', 'docx'], sink)).toBe(2);
    expect(io.stderr).toContain('plan.txt: 文件内容不是 DOCX');
    const bad = capture();
    expect(await runParseCli([good, '--format', 'rtf'], bad.sink)).toBe(2);
    expect(bad.io.stderr).toContain('--format 只能是');
    const none = capture();
    expect(await runParseCli([], none.sink)).toBe(2);
    expect(none.io.stderr).toContain('请至少指定一个文件');
  });
});
